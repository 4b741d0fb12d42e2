package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.payments.ConfirmIntent;
import io.fusioncommerce.schemas.payments.ConfirmPayment;
import io.fusioncommerce.schemas.payments.CreateIntent;
import io.fusioncommerce.schemas.payments.CreateRefund;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentProviderRequest;
import io.fusioncommerce.schemas.payments.PaymentState;
import io.fusioncommerce.schemas.payments.RecordIntentCreated;
import io.fusioncommerce.schemas.payments.RecordPaymentOutcome;
import io.fusioncommerce.schemas.payments.RecordRefundOutcome;
import io.fusioncommerce.schemas.payments.RequestRefund;
import io.fusioncommerce.schemas.wallets.CreditWallet;
import io.fusioncommerce.schemas.wallets.WalletCommand;
import io.fusioncommerce.schemas.wallets.WalletState;
import io.fusioncommerce.topologies.orders.SagaWiredHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The payment topics in a TopologyTestDriver, wired to the order saga (order and inventory
 * topologies in their own drivers) as on the broker: order status changes come in, order commands go
 * back. The payment worker is played by {@link #answerProviderRequests()}: it answers each provider
 * request the way the sandbox's test cards do, and keeps every request it saw so tests can look at
 * what would have gone to the provider.
 */
final class PaymentHarness extends SagaWiredHarness {

  static final String TENANT = "acme";
  static final Actor CUSTOMER = Actor.newBuilder().setSubject("c1").setRoles(List.of("customer")).build();

  final KeyValueStore<PaymentKey, PaymentState> paymentStore;
  final KeyValueStore<CustomerKey, WalletState> walletStore;
  /** Every request the "worker" was given, in order. */
  final List<PaymentProviderRequest> seenRequests = new ArrayList<>();
  /** When false, provider requests wait in the topic until {@link #answerProviderRequests()} is called. */
  boolean autoAnswer = true;
  /** When true, the "provider" refuses refunds. */
  boolean refundsFail;

  PaymentHarness(Path stateDir) {
    super(stateDir, "payments", new PaymentTopology());
    paymentStore = store(PaymentTopology.PAYMENT_STORE);
    walletStore = store(PaymentTopology.WALLET_STORE);
  }

  // ------------------------------------------------------------- acting

  /** Places an order through the saga and lets everything settle; returns its payment id. */
  String confirmedOrder(String orderId, String sku, long quantity, String currency) {
    saga.place(TENANT, orderId, currency, java.util.Map.of(sku, quantity));
    relay();
    return PaymentIds.forOrder(orderId);
  }

  void confirm(String paymentId, String method) {
    command(paymentId, UUID.randomUUID().toString(), new ConfirmPayment(paymentId, method));
  }

  void refund(String paymentId, String refundId, long amount, String currency, boolean toWallet) {
    command(paymentId, "refund-" + refundId, RequestRefund.newBuilder().setPaymentId(paymentId).setRefundId(refundId)
        .setAmount(new Money(amount, currency)).setToWallet(toWallet).build());
  }

  void credit(String customerId, long amount, String currency, String commandId) {
    topics.input(Topics.WALLET_COMMANDS).pipeInput(
        new CustomerKey(TENANT, customerId), WalletCommand.newBuilder().setCommandId(commandId)
        .setTenantId(TENANT).setIssuedAt(saga.now()).setCorrelationId("corr-" + commandId).setIssuedBy(CUSTOMER)
        .setCommand(new CreditWallet(customerId, new Money(amount, currency), "admin-credit", null)).build(), saga.now());
    relay();
  }

  void command(String paymentId, String commandId, Object command) {
    topics.input(Topics.PAYMENT_COMMANDS).pipeInput(
        new PaymentKey(TENANT, paymentId), PaymentCommand.newBuilder().setCommandId(commandId)
        .setTenantId(TENANT).setIssuedAt(saga.now()).setCorrelationId("corr-" + commandId).setIssuedBy(CUSTOMER)
        .setCommand(command).build(), saga.now());
    relay();
  }

  void advance(Duration duration) {
    saga.advance(duration);
    topics.driver().advanceWallClockTime(duration);
    relay();
  }

  /** Status changes come in from the saga, order commands go back, the stand-in worker answers the provider. */
  @Override
  protected boolean relayOnce() {
    saga.relay();
    boolean moved = forwardStatusChanges(changed -> { }) > 0;
    moved |= forwardOrderCommands() > 0;
    if (autoAnswer && !topics.output(Topics.PAYMENT_PROVIDER_REQUESTS).isEmpty()) {
      answerProviderRequests();
      moved = true;
    }
    return moved;
  }

  /**
   * Answers the waiting provider requests as the payment worker would with the sandbox: an intent per
   * CreateIntent; pm_card_visa succeeds, pm_card_chargeDeclined fails with card_declined,
   * pm_card_authenticationRequired first wants an extra confirmation. Returns the requests answered.
   */
  List<PaymentProviderRequest> answerProviderRequests() {
    List<PaymentProviderRequest> answered = new ArrayList<>();
    for (TestRecord<PaymentKey, PaymentProviderRequest> r
        : topics.output(Topics.PAYMENT_PROVIDER_REQUESTS).readRecordsToList()) {
      PaymentProviderRequest request = r.value();
      answered.add(request);
      seenRequests.add(request);
      Object answer = switch (request.getOperation()) {
        case CreateIntent create -> new RecordIntentCreated(request.getPaymentId(), request.getRequestId(), "sandbox",
            "pi_" + request.getRequestId(), "pi_" + request.getRequestId() + "_secret");
        case ConfirmIntent confirm -> outcome(request, confirm);
        case CreateRefund refund -> RecordRefundOutcome.newBuilder().setPaymentId(request.getPaymentId())
            .setRefundId(refund.getRefundId()).setSucceeded(!refundsFail)
            .setProviderReference(refundsFail ? null : "re_" + request.getRequestId())
            .setFailureCode(refundsFail ? "charge_disputed" : null).build();
        default -> throw new AssertionError(request);
      };
      topics.input(Topics.PAYMENT_COMMANDS).pipeInput(
          r.key(), PaymentCommand.newBuilder().setCommandId("worker-" + request.getRequestId())
          .setTenantId(request.getTenantId()).setIssuedAt(saga.now()).setCorrelationId(request.getCorrelationId())
          .setIssuedBy(CUSTOMER).setCommand(answer).build(), saga.now());
    }
    return answered;
  }

  private static RecordPaymentOutcome outcome(PaymentProviderRequest request, ConfirmIntent confirm) {
    RecordPaymentOutcome.Builder outcome = RecordPaymentOutcome.newBuilder().setPaymentId(request.getPaymentId())
        .setRequestId(request.getRequestId());
    return switch (confirm.getPaymentMethod()) {
      case "pm_card_chargeDeclined" -> outcome.setOutcome("FAILED").setFailureCode("card_declined")
          .setFailureMessage("Your card was declined.").build();
      case "pm_card_authenticationRequired" -> confirm.getCompletesAction()
          ? outcome.setOutcome("SUCCEEDED").build() : outcome.setOutcome("REQUIRES_ACTION").build();
      default -> outcome.setOutcome("SUCCEEDED").build();
    };
  }

  /** A provider outcome as the Stripe webhook reports it (no request id, a provider event id). */
  void webhookOutcome(String paymentId, String eventId, String outcome, String failureCode) {
    command(paymentId, "webhook-" + eventId, RecordPaymentOutcome.newBuilder().setPaymentId(paymentId)
        .setProviderEventId(eventId).setOutcome(outcome).setFailureCode(failureCode).build());
  }

  // ------------------------------------------------------------- looking

  PaymentState payment(String paymentId) {
    return paymentStore.get(new PaymentKey(TENANT, paymentId));
  }

  long balance(String customerId, String currency) {
    return WalletBook.balance(walletStore.get(new CustomerKey(TENANT, customerId)), currency);
  }
}
