package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentState;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.wallets.WalletState;
import io.fusioncommerce.topologies.support.RetentionProcessor;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.StoreRetention;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Payments: each payment's state ({@value #PAYMENT_STORE}, keyed by payment id, which is derived from
 * the order id) and each customer's wallet ({@value #WALLET_STORE}). The order lifecycle comes in
 * from order.status-changed (re-keyed by payment), the provider's answers from the payment worker
 * through payment.commands; calls to the provider go out on payment.provider-requests and are made by
 * the worker, never here. See {@link PaymentBook} and {@link WalletBook} for the rules.
 */
public final class PaymentTopology implements TopologyDefinition {

  public static final String CONTEXT = "payments";
  public static final String PAYMENT_STORE = "payments";
  public static final String WALLET_STORE = "wallets";

  static final String ORDER_STATUS_SOURCE = "payments-order-status";
  static final String RELAY = "payment-order-relay";
  static final String RELAY_SINK = "payment-order-relay-sink";
  static final String COMMANDS_SOURCE = "payment-commands";
  static final String PROCESSOR = "payment-processor";
  static final String WALLET_SOURCE = "wallet-commands";
  static final String WALLET_PROCESSOR = "wallet-processor";
  static final String CREATED_SINK = "payment-created-sink";
  static final String SUCCEEDED_SINK = "payment-succeeded-sink";
  static final String FAILED_SINK = "payment-failed-sink";
  static final String REFUNDED_SINK = "payment-refunded-sink";
  static final String REFUND_REFUSED_SINK = "payment-refund-refused-sink";
  static final String PROVIDER_SINK = "payment-provider-requests-sink";
  static final String ORDER_SINK = "payment-order-commands-sink";
  static final String WALLET_SINK = "payment-wallet-commands-sink";
  static final String WALLET_TRANSACTIONS_SINK = "wallet-transactions-sink";
  static final String WALLET_OUTCOME_SINK = "wallet-payment-outcomes-sink";
  static final String RETENTION = "payment-retention";

  private final RetentionSettings retention;

  public PaymentTopology() {
    this(RetentionSettings.defaults());
  }

  public PaymentTopology(RetentionSettings retention) {
    this.retention = retention;
  }

  @Override
  public String context() {
    return CONTEXT;
  }

  @Override
  public List<String> queryableStores() {
    return List.of(PAYMENT_STORE, WALLET_STORE);
  }

  @Override
  public Topology build(AvroSerdes serdes) {
    return build(serdes, StoreChangeListener.NONE);
  }

  @Override
  public Topology build(AvroSerdes serdes, StoreChangeListener changes) {
    var paymentKey = serdes.key(PaymentKey.class);
    var orderKey = serdes.key(OrderKey.class);
    var customerKey = serdes.key(CustomerKey.class);
    Topology topology = new Topology();

    topology.addSource(ORDER_STATUS_SOURCE, orderKey.deserializer(),
        serdes.value(Topics.ORDER_STATUS_CHANGED.valueType()).deserializer(), Topics.ORDER_STATUS_CHANGED.name());
    topology.addProcessor(RELAY, PaymentOrderRelay::new, ORDER_STATUS_SOURCE);
    topology.addSink(RELAY_SINK, Topics.PAYMENT_COMMANDS.name(), paymentKey.serializer(),
        serdes.value(Topics.PAYMENT_COMMANDS.valueType()).serializer(), RELAY);

    topology.addSource(COMMANDS_SOURCE, paymentKey.deserializer(),
        serdes.value(Topics.PAYMENT_COMMANDS.valueType()).deserializer(), Topics.PAYMENT_COMMANDS.name());
    topology.addProcessor(PROCESSOR, () -> new PaymentProcessor(changes), COMMANDS_SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAYMENT_STORE),
        paymentKey, serdes.value(PaymentState.class)), PROCESSOR);
    // closed payments leave the store after their retention (see PaymentRetention)
    topology.addProcessor(RETENTION, () -> new RetentionProcessor<PaymentKey, PaymentCommand>(retention.sweepInterval(),
        context -> List.of(new StoreRetention<PaymentKey, PaymentState>(context.getStateStore(PAYMENT_STORE),
            new PaymentRetention(retention), retention.sweepBudget()))), COMMANDS_SOURCE);
    topology.connectProcessorAndStateStores(RETENTION, PAYMENT_STORE);
    sink(topology, serdes, CREATED_SINK, Topics.PAYMENT_CREATED, PROCESSOR);
    sink(topology, serdes, SUCCEEDED_SINK, Topics.PAYMENT_SUCCEEDED, PROCESSOR);
    sink(topology, serdes, FAILED_SINK, Topics.PAYMENT_FAILED, PROCESSOR);
    sink(topology, serdes, REFUNDED_SINK, Topics.PAYMENT_REFUNDED, PROCESSOR);
    sink(topology, serdes, REFUND_REFUSED_SINK, Topics.PAYMENT_REFUND_REFUSED, PROCESSOR);
    sink(topology, serdes, PROVIDER_SINK, Topics.PAYMENT_PROVIDER_REQUESTS, PROCESSOR);
    topology.addSink(ORDER_SINK, Topics.ORDER_COMMANDS.name(), orderKey.serializer(),
        serdes.value(Topics.ORDER_COMMANDS.valueType()).serializer(), PROCESSOR);
    topology.addSink(WALLET_SINK, Topics.WALLET_COMMANDS.name(), customerKey.serializer(),
        serdes.value(Topics.WALLET_COMMANDS.valueType()).serializer(), PROCESSOR);

    topology.addSource(WALLET_SOURCE, customerKey.deserializer(),
        serdes.value(Topics.WALLET_COMMANDS.valueType()).deserializer(), Topics.WALLET_COMMANDS.name());
    topology.addProcessor(WALLET_PROCESSOR, () -> new WalletProcessor(changes), WALLET_SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WALLET_STORE),
        customerKey, serdes.value(WalletState.class)), WALLET_PROCESSOR);
    topology.addSink(WALLET_TRANSACTIONS_SINK, Topics.WALLET_TRANSACTIONS.name(), customerKey.serializer(),
        serdes.value(Topics.WALLET_TRANSACTIONS.valueType()).serializer(), WALLET_PROCESSOR);
    sink(topology, serdes, WALLET_OUTCOME_SINK, Topics.PAYMENT_COMMANDS, WALLET_PROCESSOR);
    return topology;
  }

  private static void sink(Topology topology, AvroSerdes serdes, String name, TopicContract<PaymentKey, ?> topic,
      String parent) {
    topology.addSink(name, topic.name(), serdes.key(PaymentKey.class).serializer(),
        serdes.value(topic.valueType()).serializer(), parent);
  }
}
