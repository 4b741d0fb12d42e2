package io.fusioncommerce.topologies.payments;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.orders.MarkOrderPaid;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderPayment;
import io.fusioncommerce.schemas.orders.UpdateOrderPayment;
import io.fusioncommerce.schemas.payments.ConfirmPayment;
import io.fusioncommerce.schemas.payments.OpenPayment;
import io.fusioncommerce.schemas.payments.OrderCancelledForPayment;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentCreated;
import io.fusioncommerce.schemas.payments.PaymentFailed;
import io.fusioncommerce.schemas.payments.PaymentProviderRequest;
import io.fusioncommerce.schemas.payments.PaymentRefundRefused;
import io.fusioncommerce.schemas.payments.PaymentRefunded;
import io.fusioncommerce.schemas.payments.PaymentState;
import io.fusioncommerce.schemas.payments.PaymentSucceeded;
import io.fusioncommerce.schemas.payments.RecordIntentCreated;
import io.fusioncommerce.schemas.payments.RecordPaymentOutcome;
import io.fusioncommerce.schemas.payments.RecordRefundOutcome;
import io.fusioncommerce.schemas.payments.RequestRefund;
import io.fusioncommerce.schemas.wallets.CreditWallet;
import io.fusioncommerce.schemas.wallets.DebitWallet;
import io.fusioncommerce.schemas.wallets.WalletCommand;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.fusioncommerce.topologies.support.Arrival;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies payment commands through {@link PaymentBook} and turns what changed into events, provider
 * requests for the payment worker, wallet commands and order commands. It never calls a provider.
 */
final class PaymentProcessor implements Processor<PaymentKey, PaymentCommand, SpecificRecord, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentProcessor.class);

  private final StoreChangeListener changes;
  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<PaymentKey, PaymentState> payments;

  PaymentProcessor(StoreChangeListener changes) {
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    this.payments = context.getStateStore(PaymentTopology.PAYMENT_STORE);
  }

  @Override
  public void process(Record<PaymentKey, PaymentCommand> record) {
    Cause cause = Arrival.cause(record, "payment record");
    PaymentKey key = record.key();
    PaymentCommand command = record.value();
    Instant at = cause.at();
    PaymentState current = payments.get(key);
    String requestId = PaymentIds.request(command.getCommandId(), key.getPaymentId());
    String autoRefundId = cause.derive("auto-refund");
    Arrival.requireSame("payment", key.getPaymentId(), command.getCommand());
    PaymentBook.Decision decision = switch (command.getCommand()) {
      case OpenPayment open -> PaymentBook.open(current, key.getTenantId(), open, requestId, command.getCorrelationId(), at);
      case RecordIntentCreated created -> PaymentBook.intentCreated(current, created, at);
      case ConfirmPayment confirm -> PaymentBook.confirm(current, confirm, requestId, at);
      case RecordPaymentOutcome outcome -> PaymentBook.outcome(current, outcome, autoRefundId, at);
      case RequestRefund refund -> PaymentBook.refund(current, refund, at);
      case RecordRefundOutcome outcome -> PaymentBook.refundOutcome(current, outcome, at);
      case OrderCancelledForPayment cancelled -> PaymentBook.orderCancelled(current, cancelled, autoRefundId, at);
      default -> throw new InvalidCommandException("unknown payment command " + command.getCommand().getClass().getName());
    };
    apply(key, current, cause, decision);
  }

  private void apply(PaymentKey key, PaymentState current, Cause cause, PaymentBook.Decision decision) {
    PaymentState state = decision.next() != null ? decision.next() : current;
    // what the payment brings about stays under the correlation the payment was opened with
    Cause payment = state == null ? cause : cause.correlatedBy(state.getCorrelationId());
    if (decision.next() != null) {
      OrderPayment shown = shown(decision.next());
      // the order shows its payment: tell it whenever what it shows changed, before MarkOrderPaid, so an
      // order that reads PAID already shows its payment as SUCCEEDED
      if (current == null || !Objects.equals(shown(current), shown)) {
        sendOrder(key, decision.next(), payment, cause.derive(key.getPaymentId() + ":order-view"),
            new UpdateOrderPayment(decision.next().getOrderId(), shown));
      }
    }
    int n = 0;
    for (PaymentEffect effect : decision.effects()) {
      String eventId = cause.derive(key.getPaymentId() + ":" + n++);
      switch (effect) {
        case PaymentEffect.Created created -> forward(key, PaymentCreated.newBuilder(payment.event(new PaymentCreated(), eventId))
            .setPaymentId(key.getPaymentId()).setOrderId(state.getOrderId()).setAmount(state.getAmount())
            .setProvider(state.getProvider()).setProviderReference(state.getProviderReference()).build(),
            cause, sinkName(Topics.PAYMENT_CREATED));
        case PaymentEffect.Succeeded succeeded -> forward(key, PaymentSucceeded.newBuilder(payment.event(new PaymentSucceeded(), eventId))
            .setPaymentId(key.getPaymentId()).setOrderId(state.getOrderId()).setAmount(state.getAmount())
            .setProvider(provider(state)).setProviderReference(state.getProviderReference()).build(),
            cause, sinkName(Topics.PAYMENT_SUCCEEDED));
        case PaymentEffect.Failed failed -> forward(key, PaymentFailed.newBuilder(payment.event(new PaymentFailed(), eventId))
            .setPaymentId(key.getPaymentId()).setOrderId(state.getOrderId()).setAmount(state.getAmount())
            .setProvider(provider(state)).setFailureCode(failed.failureCode()).setFailureMessage(failed.failureMessage())
            .build(), cause, sinkName(Topics.PAYMENT_FAILED));
        case PaymentEffect.ProviderCall call -> forward(key, PaymentProviderRequest.newBuilder()
            .setRequestId(call.requestId()).setTenantId(key.getTenantId()).setPaymentId(key.getPaymentId())
            .setOrderId(state.getOrderId()).setOccurredAt(cause.at()).setCorrelationId(state.getCorrelationId())
            .setProvider(call.provider()).setOperation(call.operation()).build(), cause, sinkName(Topics.PAYMENT_PROVIDER_REQUESTS));
        case PaymentEffect.OrderPaid paid -> sendOrder(key, state, payment, eventId,
            new MarkOrderPaid(state.getOrderId(), key.getPaymentId(), state.getAmount()));
        case PaymentEffect.DebitWallet debit -> sendWallet(key, state, payment, debit.attemptId(),
            new DebitWallet(state.getCustomerId(), state.getAmount(), key.getPaymentId(), debit.attemptId()));
        case PaymentEffect.CreditWallet credit -> sendWallet(key, state, payment, EventIds.derive(credit.refundId(), "wallet-credit"),
            new CreditWallet(state.getCustomerId(), credit.amount(), "refund", credit.refundId()));
        case PaymentEffect.Refunded refunded -> forward(key, PaymentRefunded.newBuilder(payment.event(new PaymentRefunded(), eventId))
            .setPaymentId(key.getPaymentId()).setOrderId(state.getOrderId()).setRefundId(refunded.refundId())
            .setAmount(refunded.amount()).setRefundedTotal(new Money(state.getRefundedAmount(), state.getAmount().getCurrency()))
            .setToWallet(refunded.toWallet()).setReason(refunded.reason()).build(), cause, sinkName(Topics.PAYMENT_REFUNDED));
        case PaymentEffect.RefundRefused refused -> forward(key, PaymentRefundRefused.newBuilder(cause.event(new PaymentRefundRefused(), eventId))
            .setPaymentId(key.getPaymentId()).setOrderId(state.getOrderId()).setRefundId(refused.refundId())
            .setAmount(refused.amount()).setReason(refused.reason()).build(), cause, sinkName(Topics.PAYMENT_REFUND_REFUSED));
        case PaymentEffect.Refused refused -> LOG.atInfo().addKeyValue("payment", key.getPaymentId())
            .addKeyValue("command", cause.id()).addKeyValue("reason", refused.reason()).log("payment command refused");
      }
    }
    if (decision.next() != null) {
      payments.put(key, decision.next());
      changes.changed(PaymentTopology.PAYMENT_STORE, key);
    }
  }

  /** The payment as the order shows it. */
  static OrderPayment shown(PaymentState state) {
    return OrderPayment.newBuilder().setPaymentId(state.getPaymentId()).setStatus(state.getStatus())
        .setProvider(state.getProvider()).setClientSecret(state.getClientSecret()).setMethodType(state.getMethodType())
        .setFailureCode(state.getFailureCode()).setRefundedAmount(state.getRefundedAmount()).build();
  }

  private static String provider(PaymentState state) {
    if (PaymentMethods.TYPE_WALLET.equals(state.getMethodType())) {
      return PaymentMethods.WALLET;
    }
    return state.getProvider() == null ? "unknown" : state.getProvider();
  }

  private void sendOrder(PaymentKey key, PaymentState state, Cause cause, String commandId, SpecificRecord command) {
    context.forward(new Record<SpecificRecord, SpecificRecord>(new OrderKey(key.getTenantId(), state.getOrderId()),
        cause.command(new OrderCommand(), commandId, PaymentOrderRelay.SYSTEM, command), cause.timestamp(),
        cause.headers()), sinkName(Topics.ORDER_COMMANDS));
  }

  private void sendWallet(PaymentKey key, PaymentState state, Cause cause, String commandId, SpecificRecord command) {
    context.forward(new Record<SpecificRecord, SpecificRecord>(new CustomerKey(key.getTenantId(), state.getCustomerId()),
        cause.command(new WalletCommand(), commandId, PaymentOrderRelay.SYSTEM, command), cause.timestamp(),
        cause.headers()), sinkName(Topics.WALLET_COMMANDS));
  }

  private void forward(PaymentKey key, SpecificRecord value, Cause cause, String sink) {
    context.forward(new Record<SpecificRecord, SpecificRecord>(key, value, cause.timestamp(), cause.headers()), sink);
  }

}
