package io.fusioncommerce.topologies.returns;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.RestockReturnedUnits;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.RequestRefund;
import io.fusioncommerce.schemas.returns.ApproveReturn;
import io.fusioncommerce.schemas.returns.ReceiveReturn;
import io.fusioncommerce.schemas.returns.RecordReturnRefund;
import io.fusioncommerce.schemas.returns.RejectReturn;
import io.fusioncommerce.schemas.returns.RequestReturn;
import io.fusioncommerce.schemas.returns.ReturnApproved;
import io.fusioncommerce.schemas.returns.ReturnCommand;
import io.fusioncommerce.schemas.returns.ReturnLedger;
import io.fusioncommerce.schemas.returns.ReturnReceived;
import io.fusioncommerce.schemas.returns.ReturnRefunded;
import io.fusioncommerce.schemas.returns.ReturnRejected;
import io.fusioncommerce.schemas.returns.ReturnRequested;
import io.fusioncommerce.schemas.returns.ReturnState;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import io.fusioncommerce.topologies.payments.PaymentIds;
import io.fusioncommerce.topologies.support.Arrival;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each order's {@link ReturnLedger} from the order's own events and applies return commands to it
 * through {@link ReturnBook}, on the order's partition. Receiving sends the restock (inventory.commands,
 * keyed by SKU) and the refund (payment.commands, keyed by the order's payment; the refund id is the
 * return id, so the payment topology takes it once); the refund's outcome comes back relayed by
 * {@link ReturnRefundRelay}. A refused command changes nothing (the ingress asked the same question
 * first, so only a race gets here) and is logged.
 */
final class ReturnProcessor implements Processor<OrderKey, SpecificRecord, SpecificRecord, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(ReturnProcessor.class);

  private final StoreChangeListener changes;
  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<OrderKey, ReturnLedger> ledgers;
  private KeyValueStore<TenantKey, TenantSettings> tenants;

  ReturnProcessor(StoreChangeListener changes) {
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    this.ledgers = context.getStateStore(ReturnTopology.LEDGER_STORE);
    this.tenants = context.getStateStore(ReturnTopology.TENANT_STORE);
  }

  @Override
  public void process(Record<OrderKey, SpecificRecord> record) {
    Cause cause = Arrival.cause(record, "return record");
    OrderKey key = record.key();
    Instant at = cause.at();
    ReturnLedger current = ledgers.get(key);
    switch (record.value()) {
      case OrderCreated created -> save(key, ReturnBook.orderCreated(current, created, at));
      case OrderStatusChanged changed -> save(key, ReturnBook.statusChanged(current, changed, at));
      case ReturnCommand command -> {
        Arrival.requireSame("order", key.getOrderId(), command.getCommand());
        Actor actor = command.getIssuedBy();
        ReturnBook.Outcome outcome = switch (command.getCommand()) {
          case RequestReturn request -> ReturnBook.request(current, request, actor, windowDays(key.getTenantId()), at);
          case ApproveReturn approve -> ReturnBook.approve(current, approve, actor, at);
          case RejectReturn reject -> ReturnBook.reject(current, reject, actor, at);
          case ReceiveReturn receive -> ReturnBook.receive(current, receive, actor, at);
          case RecordReturnRefund refund -> ReturnBook.refundOutcome(current, refund, at);
          default -> throw new InvalidCommandException("unknown return command " + command.getCommand().getClass().getName());
        };
        apply(key, stamped(outcome, command), cause);
      }
      default -> throw new InvalidCommandException("unexpected return input " + record.value().getClass().getName());
    }
  }

  /** The outcome with the command recorded on the return it moved, so the ingress knows a retry of it. */
  private static ReturnBook.Outcome stamped(ReturnBook.Outcome outcome, ReturnCommand command) {
    String returnId = switch (command.getCommand()) {
      case RequestReturn request -> request.getReturnId();
      case ApproveReturn approve -> approve.getReturnId();
      case RejectReturn reject -> reject.getReturnId();
      case ReceiveReturn receive -> receive.getReturnId();
      default -> null; // refund outcomes come from the payment topology, never retried by a client
    };
    if (outcome.next() == null || returnId == null) {
      return outcome;
    }
    List<ReturnState> returns = outcome.next().getReturns().stream().map(state ->
        state.getReturnId().equals(returnId) ? ReturnBook.movedBy(state, command.getCommandId()) : state).toList();
    return new ReturnBook.Outcome(ReturnLedger.newBuilder(outcome.next()).setReturns(returns).build(), null,
        outcome.effects());
  }

  /** The tenant's return window in days (tenant.settings returnWindowDays), or the platform default. */
  private long windowDays(String tenantId) {
    TenantSettings settings = tenants.get(new TenantKey(tenantId));
    return settings == null || settings.getReturnWindowDays() == null ? ReturnBook.DEFAULT_WINDOW_DAYS
        : settings.getReturnWindowDays();
  }

  private void apply(OrderKey key, ReturnBook.Outcome outcome, Cause cause) {
    if (outcome.refusal() != null) {
      LOG.atInfo().addKeyValue("order", key.getOrderId()).addKeyValue("command", cause.id())
          .addKeyValue("reason", outcome.refusal().reason()).log("return command refused");
      return;
    }
    if (outcome.next() == null) {
      return;
    }
    save(key, outcome.next());
    ReturnLedger ledger = outcome.next();
    for (ReturnEffect effect : outcome.effects()) {
      switch (effect) {
        case ReturnEffect.Published published -> publish(key, ledger, published, cause);
        case ReturnEffect.Restock restock -> context.forward(new Record<SpecificRecord, SpecificRecord>(
            new SkuKey(key.getTenantId(), restock.sku()),
            cause.command(new InventoryCommand(), cause.derive("restock:" + restock.returnId() + ":" + restock.sku()),
                ReturnRefundRelay.SYSTEM, new RestockReturnedUnits(restock.sku(), restock.returnId(), restock.quantity(),
                    restock.warehouse())), cause.timestamp(), cause.headers()), sinkName(Topics.INVENTORY_COMMANDS));
        case ReturnEffect.Refund refund -> {
          String paymentId = PaymentIds.forOrder(key.getOrderId());
          context.forward(new Record<SpecificRecord, SpecificRecord>(new PaymentKey(key.getTenantId(), paymentId),
              cause.command(new PaymentCommand(), cause.derive("refund:" + refund.returnId()), ReturnRefundRelay.SYSTEM,
                  RequestRefund.newBuilder().setPaymentId(paymentId).setRefundId(refund.returnId())
                      .setAmount(refund.amount()).setReason("return " + refund.returnId()).build()),
              cause.timestamp(), cause.headers()), sinkName(Topics.PAYMENT_COMMANDS));
        }
      }
    }
  }

  private void publish(OrderKey key, ReturnLedger ledger, ReturnEffect.Published published, Cause cause) {
    ReturnState state = published.returned();
    String eventId = cause.derive("return-" + published.status().name().toLowerCase() + ":" + state.getReturnId());
    String customer = ledger.getCustomerId();
    SpecificRecord event = switch (published.status()) {
      case REQUESTED -> ReturnRequested.newBuilder(cause.event(new ReturnRequested(), eventId))
          .setReturnId(state.getReturnId()).setOrderId(key.getOrderId()).setCustomerId(customer).setItems(state.getItems())
          .setRefundAmount(state.getRefundAmount()).setReason(state.getReason()).build();
      case APPROVED -> ReturnApproved.newBuilder(cause.event(new ReturnApproved(), eventId))
          .setReturnId(state.getReturnId()).setOrderId(key.getOrderId()).setCustomerId(customer).setItems(state.getItems())
          .setRefundAmount(state.getRefundAmount()).build();
      case REJECTED -> ReturnRejected.newBuilder(cause.event(new ReturnRejected(), eventId))
          .setReturnId(state.getReturnId()).setOrderId(key.getOrderId()).setCustomerId(customer).setItems(state.getItems())
          .setReason(state.getRejectionReason()).build();
      case RECEIVED -> ReturnReceived.newBuilder(cause.event(new ReturnReceived(), eventId))
          .setReturnId(state.getReturnId()).setOrderId(key.getOrderId()).setCustomerId(customer).setItems(state.getItems())
          .setRefundAmount(state.getRefundAmount())
          .setWarehouse(state.getWarehouse() == null ? "" : state.getWarehouse()).build();
      case REFUNDED -> ReturnRefunded.newBuilder(cause.event(new ReturnRefunded(), eventId))
          .setReturnId(state.getReturnId()).setOrderId(key.getOrderId()).setCustomerId(customer)
          .setPaymentId(PaymentIds.forOrder(key.getOrderId())).setRefundAmount(state.getRefundAmount()).build();
    };
    String sink = switch (published.status()) {
      case REQUESTED -> sinkName(Topics.RETURN_REQUESTED);
      case APPROVED -> sinkName(Topics.RETURN_APPROVED);
      case REJECTED -> sinkName(Topics.RETURN_REJECTED);
      case RECEIVED -> sinkName(Topics.RETURN_RECEIVED);
      case REFUNDED -> sinkName(Topics.RETURN_REFUNDED);
    };
    context.forward(new Record<SpecificRecord, SpecificRecord>(key, event, cause.timestamp(), cause.headers()), sink);
  }

  private void save(OrderKey key, ReturnLedger next) {
    if (next == null) {
      return;
    }
    ledgers.put(key, next);
    changes.changed(ReturnTopology.LEDGER_STORE, key);
  }
}
