package io.fusioncommerce.topologies.returns;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.returns.ReturnLedger;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;

/**
 * Returns: each order's {@link ReturnLedger} ({@value #LEDGER_STORE}, keyed by the order) built from the
 * order's own events (order.created, order.status-changed, on the same partition as the order's return
 * commands), and its returns decided by {@link ReturnBook}. The payment topology's refund outcomes are
 * re-keyed to the order by {@link ReturnRefundRelay}; the tenant's return window comes from the
 * tenant.settings table (a global store). ADR 0024.
 */
public final class ReturnTopology extends WiredTopology {

  public static final String CONTEXT = "returns";
  public static final String LEDGER_STORE = "return-orders";
  public static final String TENANT_STORE = "returns-tenant-settings";

  private final RetentionSettings retention;

  public ReturnTopology() {
    this(RetentionSettings.defaults());
  }

  public ReturnTopology(RetentionSettings retention) {
    super(CONTEXT, LEDGER_STORE);
    this.retention = retention;
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    wiring.relay("return-refunded-relay", Topics.PAYMENT_REFUNDED, Topics.RETURN_COMMANDS, ReturnRefundRelay::refunded);
    wiring.relay("return-refund-refused-relay", Topics.PAYMENT_REFUND_REFUSED, Topics.RETURN_COMMANDS,
        ReturnRefundRelay::refused);
    wiring.processor("return-processor", () -> new ReturnProcessor(changes))
        .reads(Topics.RETURN_COMMANDS, Topics.ORDER_CREATED, Topics.ORDER_STATUS_CHANGED)
        .keeps(wiring.store(LEDGER_STORE, OrderKey.class, ReturnLedger.class))
        .writes(Topics.RETURN_REQUESTED, Topics.RETURN_APPROVED, Topics.RETURN_REJECTED, Topics.RETURN_RECEIVED,
            Topics.RETURN_REFUNDED, Topics.INVENTORY_COMMANDS, Topics.PAYMENT_COMMANDS)
        // a ledger leaves once none of its returns is open and no return can come any more (ReturnRetention)
        .expires(LEDGER_STORE, new ReturnRetention(), retention);
    wiring.globalTable(Topics.TENANT_SETTINGS, TENANT_STORE);
  }
}
