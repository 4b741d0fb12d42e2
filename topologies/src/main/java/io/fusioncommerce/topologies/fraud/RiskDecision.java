package io.fusioncommerce.topologies.fraud;

/** What the platform does with a scored order. */
public enum RiskDecision {
  /** The order goes on to CONFIRMED once its stock is held. */
  ACCEPT,
  /** The order is HELD, its stock still reserved, until an operator approves or rejects it. */
  REVIEW,
  /** The order is REJECTED with FRAUD_SUSPECTED and its stock released. */
  REJECT
}
