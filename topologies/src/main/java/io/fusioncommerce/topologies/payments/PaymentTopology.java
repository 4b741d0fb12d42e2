package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.payments.PaymentState;
import io.fusioncommerce.schemas.wallets.WalletState;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;

/**
 * Payments: each payment's state ({@value #PAYMENT_STORE}, keyed by payment id, which is derived from
 * the order id) and each customer's wallet ({@value #WALLET_STORE}). The order lifecycle comes in
 * from order.status-changed (re-keyed by payment), the provider's answers from the payment worker
 * through payment.commands; calls to the provider go out on payment.provider-requests and are made by
 * the worker, never here. See {@link PaymentBook} and {@link WalletBook} for the rules.
 */
public final class PaymentTopology extends WiredTopology {

  public static final String CONTEXT = "payments";
  public static final String PAYMENT_STORE = "payments";
  public static final String WALLET_STORE = "wallets";

  private final RetentionSettings retention;

  public PaymentTopology() {
    this(RetentionSettings.defaults());
  }

  public PaymentTopology(RetentionSettings retention) {
    super(CONTEXT, PAYMENT_STORE, WALLET_STORE);
    this.retention = retention;
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    wiring.relay("payment-order-relay", Topics.ORDER_STATUS_CHANGED, Topics.PAYMENT_COMMANDS, PaymentOrderRelay::commands);
    wiring.processor("payment-processor", () -> new PaymentProcessor(changes))
        .reads(Topics.PAYMENT_COMMANDS)
        .keeps(wiring.store(PAYMENT_STORE, PaymentKey.class, PaymentState.class))
        .writes(Topics.PAYMENT_CREATED, Topics.PAYMENT_SUCCEEDED, Topics.PAYMENT_FAILED, Topics.PAYMENT_REFUNDED,
            Topics.PAYMENT_REFUND_REFUSED, Topics.PAYMENT_PROVIDER_REQUESTS, Topics.ORDER_COMMANDS, Topics.WALLET_COMMANDS)
        // closed payments leave the store after their retention (see PaymentRetention)
        .expires(PAYMENT_STORE, new PaymentRetention(retention), retention);
    wiring.processor("wallet-processor", () -> new WalletProcessor(changes))
        .reads(Topics.WALLET_COMMANDS)
        .keeps(wiring.store(WALLET_STORE, CustomerKey.class, WalletState.class))
        .writes(Topics.WALLET_TRANSACTIONS, Topics.PAYMENT_COMMANDS);
  }
}
