package io.fusioncommerce.topologies.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.payments.ConfirmPayment;
import io.fusioncommerce.schemas.payments.OpenPayment;
import io.fusioncommerce.schemas.payments.PaymentState;
import io.fusioncommerce.schemas.payments.RecordIntentCreated;
import io.fusioncommerce.schemas.payments.RecordPaymentOutcome;
import io.fusioncommerce.schemas.payments.RecordRefundOutcome;
import io.fusioncommerce.schemas.payments.RequestRefund;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The payment's rules: payment + what arrived → the payment after it and what it causes. */
class PaymentBookTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void a_confirmed_order_opens_its_payment_once_by_asking_for_an_intent() {
    PaymentBook.Decision opened = open();

    assertThat(opened.next().getStatus()).isEqualTo(PaymentStatus.CREATING.name());
    assertThat(opened.effects()).singleElement().isInstanceOf(PaymentEffect.ProviderCall.class);
    assertThat(PaymentBook.open(opened.next(), "t1", openCommand(), "req-2", "corr-1", NOW).next()).isNull();
  }

  @Test
  void the_intent_lets_the_customer_confirm_and_a_stale_answer_changes_nothing() {
    PaymentState creating = open().next();

    assertThat(PaymentBook.intentCreated(creating, intent("an-old-request"), NOW).next()).isNull();
    PaymentBook.Decision created = PaymentBook.intentCreated(creating, intent("req-1"), NOW);
    assertThat(created.next().getStatus()).isEqualTo(PaymentStatus.REQUIRES_PAYMENT_METHOD.name());
    assertThat(created.effects()).containsExactly(new PaymentEffect.Created());
  }

  @Test
  void a_confirmation_with_a_card_goes_to_the_provider_and_with_the_wallet_to_the_wallet() {
    PaymentState awaiting = awaitingMethod();

    PaymentBook.Decision card = PaymentBook.confirm(awaiting, new ConfirmPayment("pay-1", "pm_card"), "req-2", NOW);
    PaymentBook.Decision wallet = PaymentBook.confirm(awaiting, new ConfirmPayment("pay-1", PaymentMethods.WALLET), "req-2", NOW);

    assertThat(card.next().getStatus()).isEqualTo(PaymentStatus.PROCESSING.name());
    assertThat(card.effects()).singleElement().isInstanceOf(PaymentEffect.ProviderCall.class);
    assertThat(wallet.effects()).containsExactly(new PaymentEffect.DebitWallet("req-2"));
  }

  @Test
  void a_malformed_method_or_a_payment_in_the_wrong_state_cannot_be_confirmed() {
    assertThat(PaymentBook.confirmRefusal(awaitingMethod(), "not a method")).contains(PaymentBook.Refusals.MALFORMED_METHOD);
    assertThat(PaymentBook.confirmRefusal(open().next(), "pm_card")).contains(PaymentBook.Refusals.NOT_CONFIRMABLE);
    assertThat(PaymentBook.confirmRefusal(null, "pm_card")).contains(PaymentBook.Refusals.UNKNOWN_PAYMENT);
  }

  @Test
  void a_success_captures_the_amount_and_pays_the_order() {
    PaymentBook.Decision succeeded = PaymentBook.outcome(processing(), outcome("req-2", PaymentBook.Outcomes.SUCCEEDED),
        "refund-1", NOW);

    assertThat(succeeded.next().getStatus()).isEqualTo(PaymentStatus.SUCCEEDED.name());
    assertThat(succeeded.next().getCapturedAmount()).isEqualTo(2_500);
    assertThat(succeeded.effects()).containsExactly(new PaymentEffect.Succeeded(), new PaymentEffect.OrderPaid());
  }

  @Test
  void a_failure_lets_the_customer_try_again() {
    PaymentBook.Decision failed = PaymentBook.outcome(processing(), outcome("req-2", PaymentBook.Outcomes.FAILED),
        "refund-1", NOW);

    assertThat(failed.next().getStatus()).isEqualTo(PaymentStatus.REQUIRES_PAYMENT_METHOD.name());
    assertThat(failed.effects()).singleElement().isInstanceOf(PaymentEffect.Failed.class);
  }

  @Test
  void the_answer_to_an_earlier_attempt_changes_nothing() {
    assertThat(PaymentBook.outcome(processing(), outcome("req-1", PaymentBook.Outcomes.SUCCEEDED), "refund-1", NOW))
        .isEqualTo(new PaymentBook.Decision(null, java.util.List.of()));
  }

  @Test
  void a_refund_waits_for_the_provider_and_cannot_exceed_what_was_captured() {
    PaymentState paid = paid();

    PaymentBook.Decision refund = PaymentBook.refund(paid, refund("refund-1", 1_000), NOW);
    PaymentBook.Decision tooMuch = PaymentBook.refund(refund.next(), refund("refund-2", 2_000), NOW);

    assertThat(refund.next().getRefunds()).singleElement()
        .satisfies(r -> assertThat(RefundStatus.of(r.getStatus())).isEqualTo(RefundStatus.PENDING));
    assertThat(tooMuch.next()).isNull();
    assertThat(tooMuch.effects()).singleElement().isInstanceOf(PaymentEffect.RefundRefused.class);
  }

  @Test
  void a_refund_the_provider_made_is_recorded_once() {
    PaymentState refunding = PaymentBook.refund(paid(), refund("refund-1", 1_000), NOW).next();

    PaymentBook.Decision done = PaymentBook.refundOutcome(refunding, refundOutcome("refund-1"), NOW);
    PaymentBook.Decision again = PaymentBook.refundOutcome(done.next(), refundOutcome("refund-1"), NOW);

    assertThat(done.next().getRefundedAmount()).isEqualTo(1_000);
    assertThat(RefundStatus.of(done.next().getRefunds().get(0).getStatus())).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(done.next().getStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED.name());
    assertThat(again).isEqualTo(new PaymentBook.Decision(null, java.util.List.of()));
  }

  private static PaymentBook.Decision open() {
    return PaymentBook.open(null, "t1", openCommand(), "req-1", "corr-1", NOW);
  }

  private static OpenPayment openCommand() {
    return new OpenPayment("pay-1", "order-1", "cust-1", new Money(2_500L, "EUR"));
  }

  private static PaymentState awaitingMethod() {
    return PaymentBook.intentCreated(open().next(), intent("req-1"), NOW).next();
  }

  private static PaymentState processing() {
    return PaymentBook.confirm(awaitingMethod(), new ConfirmPayment("pay-1", "pm_card"), "req-2", NOW).next();
  }

  private static PaymentState paid() {
    return PaymentBook.outcome(processing(), outcome("req-2", PaymentBook.Outcomes.SUCCEEDED), "refund-0", NOW).next();
  }

  private static RecordIntentCreated intent(String requestId) {
    return RecordIntentCreated.newBuilder().setPaymentId("pay-1").setRequestId(requestId).setProvider("stripe")
        .setProviderReference("pi_1").build();
  }

  private static RecordPaymentOutcome outcome(String requestId, String outcome) {
    return RecordPaymentOutcome.newBuilder().setPaymentId("pay-1").setRequestId(requestId).setOutcome(outcome).build();
  }

  private static RequestRefund refund(String refundId, long amount) {
    return RequestRefund.newBuilder().setPaymentId("pay-1").setRefundId(refundId).setAmount(new Money(amount, "EUR"))
        .build();
  }

  private static RecordRefundOutcome refundOutcome(String refundId) {
    return RecordRefundOutcome.newBuilder().setPaymentId("pay-1").setRefundId(refundId).setSucceeded(true).build();
  }
}
