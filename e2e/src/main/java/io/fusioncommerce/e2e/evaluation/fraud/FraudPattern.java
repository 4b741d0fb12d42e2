package io.fusioncommerce.e2e.evaluation.fraud;

/** Where a generated order comes from: a legitimate customer, or one of the known fraud patterns. */
public enum FraudPattern {
  /** A real customer's order, habits and noise included. */
  LEGIT,
  /** Many small orders from one client address or device, each with another card, many payments failing. */
  CARD_TESTING,
  /** A known customer's account used from a new device, shipping somewhere new, for far more than usual. */
  ACCOUNT_TAKEOVER,
  /** Many new accounts with stolen cards shipping to one drop address. */
  RESHIPPING,
  /** A new account's first order, large and mostly resellable goods. */
  HIGH_VALUE_FIRST_ORDER;

  public boolean fraud() {
    return this != LEGIT;
  }
}
