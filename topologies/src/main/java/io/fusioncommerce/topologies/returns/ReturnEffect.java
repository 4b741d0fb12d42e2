package io.fusioncommerce.topologies.returns;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.returns.ReturnState;

/** What a decision about a return causes besides the ledger's new state; the processor turns these into records. */
public sealed interface ReturnEffect {

  /** Publish the event of the return's new status (return.requested, .approved, .rejected, .received, .refunded). */
  record Published(ReturnStatus status, ReturnState returned) implements ReturnEffect {}

  /** Put {@code quantity} units of {@code sku} back into {@code warehouse} (RestockReturnedUnits, idempotent per return). */
  record Restock(String returnId, String sku, long quantity, String warehouse) implements ReturnEffect {}

  /** Refund {@code amount} of the order's payment (RequestRefund with the return id as the refund id). */
  record Refund(String returnId, Money amount) implements ReturnEffect {}
}
