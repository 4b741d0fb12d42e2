package io.fusioncommerce.topologies.payments;

/** What a wallet transaction did (WalletTransaction.kind). */
public enum WalletTransactionKind {
  CREDIT,
  DEBIT,
  /** A debit the balance could not cover: recorded, nothing taken. */
  DEBIT_REFUSED
}
