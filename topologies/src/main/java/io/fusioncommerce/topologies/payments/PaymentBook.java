package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.payments.ConfirmIntent;
import io.fusioncommerce.schemas.payments.ConfirmPayment;
import io.fusioncommerce.schemas.payments.CreateIntent;
import io.fusioncommerce.schemas.payments.CreateRefund;
import io.fusioncommerce.schemas.payments.OpenPayment;
import io.fusioncommerce.schemas.payments.OrderCancelledForPayment;
import io.fusioncommerce.schemas.payments.PaymentRefund;
import io.fusioncommerce.schemas.payments.PaymentState;
import io.fusioncommerce.schemas.payments.RecordIntentCreated;
import io.fusioncommerce.schemas.payments.RecordPaymentOutcome;
import io.fusioncommerce.schemas.payments.RecordRefundOutcome;
import io.fusioncommerce.schemas.payments.RequestRefund;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a payment's life. Pure: the current state and an input in, the next state and its
 * effects out. The payment topology applies them one record at a time on the partition that owns the
 * payment; the ingress asks the same questions ({@link #confirmRefusal}, {@link #refundRefusal}) to
 * answer at once, but the decision that counts is taken here, in order.
 */
public final class PaymentBook {

  /** How many provider event ids a payment remembers for deduplicating webhooks. */
  static final int REMEMBERED_EVENTS = 32;

  private PaymentBook() {}

  /** The next state and what it causes. {@code next} is null when nothing changes. */
  public record Decision(PaymentState next, List<PaymentEffect> effects) {
    static Decision none() {
      return new Decision(null, List.of());
    }

    static Decision refused(String reason) {
      return new Decision(null, List.of(new PaymentEffect.Refused(reason)));
    }
  }

  /** Why a command was not taken. */
  public static final class Refusals {
    public static final String UNKNOWN_PAYMENT = "UNKNOWN_PAYMENT";
    public static final String NOT_CONFIRMABLE = "NOT_CONFIRMABLE";
    public static final String ORDER_CLOSED = "ORDER_CLOSED";
    public static final String NOT_REFUNDABLE = "NOT_REFUNDABLE";
    public static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";
    public static final String INVALID_AMOUNT = "INVALID_AMOUNT";
    public static final String REFUND_EXCEEDS_CAPTURED = "REFUND_EXCEEDS_CAPTURED";
    public static final String MALFORMED_METHOD = "MALFORMED_METHOD";

    private Refusals() {}
  }

  /** The outcomes a provider (or the wallet) reports. */
  public static final class Outcomes {
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String REQUIRES_ACTION = "REQUIRES_ACTION";

    private Outcomes() {}
  }

  // ---------------------------------------------------------------- opening

  /** A confirmed order's payment: ask the provider for an intent for the order's total. */
  public static Decision open(PaymentState current, String tenantId, OpenPayment open, String requestId,
      String correlationId, Instant at) {
    if (current != null) {
      return Decision.none(); // the order confirmed again (a replay): it has its payment
    }
    PaymentState next = PaymentState.newBuilder()
        .setTenantId(tenantId).setPaymentId(open.getPaymentId()).setOrderId(open.getOrderId())
        .setCustomerId(open.getCustomerId()).setAmount(open.getAmount())
        .setStatus(PaymentStatus.CREATING.name()).setPendingRequestId(requestId)
        .setCorrelationId(correlationId).setCreatedAt(at).setUpdatedAt(at).setVersion(1).build();
    return new Decision(next, List.of(new PaymentEffect.ProviderCall(requestId, null,
        new CreateIntent(open.getAmount(), open.getCustomerId()))));
  }

  public static Decision intentCreated(PaymentState current, RecordIntentCreated created, Instant at) {
    if (current == null || !PaymentStatus.CREATING.name().equals(current.getStatus())
        || !created.getRequestId().equals(current.getPendingRequestId())) {
      return Decision.none(); // a repeated or stale answer
    }
    PaymentState.Builder next = touch(current, at).setProvider(created.getProvider())
        .setProviderReference(created.getProviderReference()).setClientSecret(created.getClientSecret())
        .setPendingRequestId(null);
    if (!current.getOrderOpen()) {
      return new Decision(next.setStatus(PaymentStatus.CANCELED.name()).build(), List.of());
    }
    return new Decision(next.setStatus(PaymentStatus.REQUIRES_PAYMENT_METHOD.name()).build(),
        List.of(new PaymentEffect.Created()));
  }

  // ---------------------------------------------------------------- confirming

  /** Why a confirmation cannot be taken now, if it cannot. */
  public static Optional<String> confirmRefusal(PaymentState current, String paymentMethod) {
    if (current == null) {
      return Optional.of(Refusals.UNKNOWN_PAYMENT);
    }
    if (!PaymentMethods.wellFormed(paymentMethod)) {
      return Optional.of(Refusals.MALFORMED_METHOD);
    }
    if (!current.getOrderOpen()) {
      return Optional.of(Refusals.ORDER_CLOSED);
    }
    if (!PaymentStatus.CONFIRMABLE.contains(PaymentStatus.valueOf(current.getStatus()))) {
      return Optional.of(Refusals.NOT_CONFIRMABLE);
    }
    return Optional.empty();
  }

  public static Decision confirm(PaymentState current, ConfirmPayment confirm, String requestId, Instant at) {
    Optional<String> refusal = confirmRefusal(current, confirm.getPaymentMethod());
    if (refusal.isPresent()) {
      return Decision.refused(refusal.get());
    }
    String method = confirm.getPaymentMethod();
    String type = PaymentMethods.type(method);
    boolean completesAction = PaymentStatus.REQUIRES_ACTION.name().equals(current.getStatus())
        && method.equals(current.getPaymentMethod());
    PaymentState next = touch(current, at).setStatus(PaymentStatus.PROCESSING.name()).setPendingRequestId(requestId)
        .setPaymentMethod(method).setMethodType(type).setAttempts(current.getAttempts() + 1)
        .setFailureCode(null).setFailureMessage(null).build();
    PaymentEffect call = PaymentMethods.TYPE_WALLET.equals(type)
        ? new PaymentEffect.DebitWallet(requestId)
        : new PaymentEffect.ProviderCall(requestId, current.getProvider(),
            new ConfirmIntent(current.getProviderReference(), method, current.getAmount(), completesAction));
    return new Decision(next, List.of(call));
  }

  /** What the provider (worker or webhook) or the wallet said about a confirmation. */
  public static Decision outcome(PaymentState current, RecordPaymentOutcome outcome, String refundId, Instant at) {
    if (current == null) {
      return Decision.refused(Refusals.UNKNOWN_PAYMENT);
    }
    String eventId = outcome.getProviderEventId();
    if (eventId != null && current.getAppliedEvents().contains(eventId)) {
      return Decision.none(); // a redelivered webhook
    }
    PaymentStatus status = PaymentStatus.valueOf(current.getStatus());
    boolean fromWorker = outcome.getRequestId() != null;
    if (fromWorker && !outcome.getRequestId().equals(current.getPendingRequestId())) {
      return Decision.none(); // the answer to an earlier attempt, or one the webhook already gave
    }
    boolean awaiting = status == PaymentStatus.PROCESSING || status == PaymentStatus.REQUIRES_ACTION;
    PaymentState.Builder next = touch(current, at).setAppliedEvents(remember(current.getAppliedEvents(), eventId));
    if (outcome.getProviderReference() != null && current.getProviderReference() == null) {
      next.setProviderReference(outcome.getProviderReference());
    }
    List<PaymentEffect> effects = new ArrayList<>();
    switch (outcome.getOutcome()) {
      case Outcomes.SUCCEEDED -> {
        // a webhook may tell of a success the worker has not reported yet, of a payment the client confirmed
        // itself with the client secret, or of one that went through after the order was cancelled
        boolean webhookOnly = !fromWorker
            && (status == PaymentStatus.REQUIRES_PAYMENT_METHOD || status == PaymentStatus.CANCELED);
        if (!(awaiting || webhookOnly)) {
          return eventId == null ? Decision.none() : new Decision(next.build(), List.of());
        }
        next.setStatus(PaymentStatus.SUCCEEDED.name()).setPendingRequestId(null)
            .setCapturedAmount(current.getAmount().getAmount()).setFailureCode(null).setFailureMessage(null);
        effects.add(new PaymentEffect.Succeeded());
        if (current.getOrderOpen()) {
          effects.add(new PaymentEffect.OrderPaid());
          return new Decision(next.build(), effects);
        }
        // the order was cancelled while the money was on its way: it goes straight back
        return refundAll(next.build(), effects, refundId, "ORDER_CANCELLED", at);
      }
      case Outcomes.FAILED -> {
        if (!awaiting) {
          return eventId == null ? Decision.none() : new Decision(next.build(), List.of());
        }
        // the customer may try again (another method, or the same) while the order still holds its stock
        next.setStatus(current.getOrderOpen() ? PaymentStatus.REQUIRES_PAYMENT_METHOD.name() : PaymentStatus.CANCELED.name())
            .setPendingRequestId(null).setFailureCode(orDefault(outcome.getFailureCode(), "payment_failed"))
            .setFailureMessage(outcome.getFailureMessage());
        effects.add(new PaymentEffect.Failed(orDefault(outcome.getFailureCode(), "payment_failed"), outcome.getFailureMessage()));
        return new Decision(next.build(), effects);
      }
      case Outcomes.REQUIRES_ACTION -> {
        if (status != PaymentStatus.PROCESSING) {
          return Decision.none();
        }
        return new Decision(next.setStatus(PaymentStatus.REQUIRES_ACTION.name()).setPendingRequestId(null).build(), effects);
      }
      default -> {
        return Decision.refused("unknown outcome " + outcome.getOutcome());
      }
    }
  }

  // ---------------------------------------------------------------- refunds

  /** What may still be refunded: captured, less refunded, less refunds on their way. */
  public static long refundable(PaymentState state) {
    long pending = state.getRefunds().stream().filter(r -> RefundStatus.of(r.getStatus()) == RefundStatus.PENDING)
        .mapToLong(r -> r.getAmount().getAmount()).sum();
    return state.getCapturedAmount() - state.getRefundedAmount() - pending;
  }

  /** Why a refund of {@code amount} cannot be taken, if it cannot. */
  public static Optional<String> refundRefusal(PaymentState current, Money amount) {
    if (current == null) {
      return Optional.of(Refusals.UNKNOWN_PAYMENT);
    }
    if (!PaymentStatus.CAPTURED.contains(PaymentStatus.valueOf(current.getStatus()))) {
      return Optional.of(Refusals.NOT_REFUNDABLE);
    }
    if (!current.getAmount().getCurrency().equals(amount.getCurrency())) {
      return Optional.of(Refusals.CURRENCY_MISMATCH);
    }
    if (amount.getAmount() <= 0) {
      return Optional.of(Refusals.INVALID_AMOUNT);
    }
    if (amount.getAmount() > refundable(current)) {
      return Optional.of(Refusals.REFUND_EXCEEDS_CAPTURED);
    }
    return Optional.empty();
  }

  public static Decision refund(PaymentState current, RequestRefund request, Instant at) {
    if (current != null && current.getRefunds().stream().anyMatch(r -> r.getRefundId().equals(request.getRefundId()))) {
      return Decision.none(); // the same refund again
    }
    Optional<String> refusal = refundRefusal(current, request.getAmount());
    if (refusal.isPresent()) {
      return current == null ? Decision.refused(refusal.get())
          : new Decision(null, List.of(new PaymentEffect.RefundRefused(request.getRefundId(), request.getAmount(), refusal.get())));
    }
    return startRefund(touch(current, at).build(), new ArrayList<>(), request.getRefundId(), request.getAmount(),
        request.getToWallet(), request.getReason(), at);
  }

  public static Decision refundOutcome(PaymentState current, RecordRefundOutcome outcome, Instant at) {
    if (current == null) {
      return Decision.refused(Refusals.UNKNOWN_PAYMENT);
    }
    List<PaymentRefund> refunds = new ArrayList<>(current.getRefunds());
    int index = -1;
    for (int i = 0; i < refunds.size(); i++) {
      if (refunds.get(i).getRefundId().equals(outcome.getRefundId())) {
        index = i;
      }
    }
    if (index < 0) {
      return Decision.none();
    }
    PaymentRefund refund = refunds.get(index);
    List<PaymentEffect> effects = new ArrayList<>();
    PaymentState.Builder next = touch(current, at);
    if (RefundStatus.of(refund.getStatus()) == RefundStatus.SUCCEEDED && !outcome.getSucceeded() && !refund.getToWallet()) {
      // a provider refund that was accepted as pending and failed later (Stripe's refund.failed): the
      // money stayed with the merchant, so it counts as refundable again
      refunds.set(index, PaymentRefund.newBuilder(refund).setStatus(RefundStatus.FAILED.name()).setFailureCode(outcome.getFailureCode()).build());
      long refunded = current.getRefundedAmount() - refund.getAmount().getAmount();
      next.setRefunds(refunds).setRefundedAmount(refunded)
          .setStatus(refunded == 0 ? PaymentStatus.SUCCEEDED.name() : PaymentStatus.PARTIALLY_REFUNDED.name());
      effects.add(new PaymentEffect.RefundRefused(refund.getRefundId(), refund.getAmount(),
          "PROVIDER_" + orDefault(outcome.getFailureCode(), "refund_failed").toUpperCase()));
      return new Decision(next.build(), effects);
    }
    if (RefundStatus.of(refund.getStatus()) != RefundStatus.PENDING) {
      return Decision.none(); // a repeated answer
    }
    if (outcome.getSucceeded()) {
      refunds.set(index, PaymentRefund.newBuilder(refund).setStatus(RefundStatus.SUCCEEDED.name())
          .setProviderReference(outcome.getProviderReference()).build());
      long refunded = current.getRefundedAmount() + refund.getAmount().getAmount();
      next.setRefunds(refunds).setRefundedAmount(refunded).setStatus(refundedStatus(current, refunded).name());
      effects.add(new PaymentEffect.Refunded(refund.getRefundId(), refund.getAmount(), false, refund.getReason()));
    } else {
      refunds.set(index, PaymentRefund.newBuilder(refund).setStatus(RefundStatus.FAILED.name()).setFailureCode(outcome.getFailureCode()).build());
      next.setRefunds(refunds);
      effects.add(new PaymentEffect.RefundRefused(refund.getRefundId(), refund.getAmount(),
          "PROVIDER_" + orDefault(outcome.getFailureCode(), "refund_failed").toUpperCase()));
    }
    return new Decision(next.build(), effects);
  }

  // ---------------------------------------------------------------- the order was cancelled

  public static Decision orderCancelled(PaymentState current, OrderCancelledForPayment cancelled, String refundId,
      Instant at) {
    if (current == null || !current.getOrderOpen()) {
      return Decision.none();
    }
    PaymentState closed = touch(current, at).setOrderOpen(false).build();
    PaymentStatus status = PaymentStatus.valueOf(current.getStatus());
    return switch (status) {
      case SUCCEEDED, PARTIALLY_REFUNDED -> refundAll(closed, new ArrayList<>(), refundId, "ORDER_CANCELLED", at);
      // money may still arrive: outcome() sends it back then
      case PROCESSING, REQUIRES_ACTION -> new Decision(closed, List.of());
      // CREATING stays until the intent exists (intentCreated closes it then)
      case CREATING, REFUNDED, CANCELED -> new Decision(closed, List.of());
      case REQUIRES_PAYMENT_METHOD ->
          new Decision(PaymentState.newBuilder(closed).setStatus(PaymentStatus.CANCELED.name()).build(), List.of());
    };
  }

  // ---------------------------------------------------------------- helpers

  private static Decision refundAll(PaymentState state, List<PaymentEffect> effects, String refundId, String reason,
      Instant at) {
    long remaining = refundable(state);
    if (remaining <= 0) {
      return new Decision(state, effects);
    }
    return startRefund(state, effects, refundId, new Money(remaining, state.getAmount().getCurrency()), false, reason, at);
  }

  /**
   * Records a refund and starts it: a wallet payment, or a refund asked to go to the wallet, is
   * credited there at once (inside Kafka, exactly once); a card refund goes to the provider.
   */
  private static Decision startRefund(PaymentState state, List<PaymentEffect> effects, String refundId, Money amount,
      boolean toWallet, String reason, Instant at) {
    boolean viaWallet = toWallet || PaymentMethods.TYPE_WALLET.equals(state.getMethodType());
    List<PaymentRefund> refunds = new ArrayList<>(state.getRefunds());
    PaymentRefund.Builder refund = PaymentRefund.newBuilder().setRefundId(refundId).setAmount(amount)
        .setToWallet(viaWallet).setReason(reason).setRequestedAt(at);
    PaymentState.Builder next = PaymentState.newBuilder(state);
    if (viaWallet) {
      refunds.add(refund.setStatus(RefundStatus.SUCCEEDED.name()).build());
      long refunded = state.getRefundedAmount() + amount.getAmount();
      next.setRefunds(refunds).setRefundedAmount(refunded).setStatus(refundedStatus(state, refunded).name());
      effects.add(new PaymentEffect.CreditWallet(refundId, amount));
      effects.add(new PaymentEffect.Refunded(refundId, amount, true, reason));
    } else {
      refunds.add(refund.setStatus(RefundStatus.PENDING.name()).build());
      next.setRefunds(refunds);
      effects.add(new PaymentEffect.ProviderCall(PaymentIds.refundRequest(refundId), state.getProvider(),
          new CreateRefund(refundId, state.getProviderReference(), amount)));
    }
    return new Decision(next.build(), effects);
  }

  private static PaymentStatus refundedStatus(PaymentState state, long refunded) {
    return refunded >= state.getCapturedAmount() ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
  }

  private static List<String> remember(List<String> applied, String eventId) {
    if (eventId == null) {
      return applied;
    }
    List<String> next = new ArrayList<>(applied);
    next.add(eventId);
    return next.size() > REMEMBERED_EVENTS ? List.copyOf(next.subList(next.size() - REMEMBERED_EVENTS, next.size())) : next;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static PaymentState.Builder touch(PaymentState current, Instant at) {
    return PaymentState.newBuilder(current).setUpdatedAt(at).setVersion(current.getVersion() + 1);
  }
}
