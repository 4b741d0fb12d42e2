package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.Topics;
import static io.fusioncommerce.topologies.payments.PaymentHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.payments.ConfirmIntent;
import io.fusioncommerce.schemas.payments.CreateIntent;
import io.fusioncommerce.schemas.payments.CreateRefund;
import io.fusioncommerce.schemas.payments.PaymentFailed;
import io.fusioncommerce.schemas.payments.PaymentProviderRequest;
import io.fusioncommerce.schemas.payments.PaymentRefundRefused;
import io.fusioncommerce.schemas.payments.PaymentRefunded;
import io.fusioncommerce.schemas.payments.PaymentState;
import io.fusioncommerce.schemas.wallets.WalletTransaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentTopologyTest {

  @TempDir Path dir;
  PaymentHarness h;

  @BeforeEach
  void start() {
    h = new PaymentHarness(dir);
    h.saga.product(TENANT, "SHOE", 5999, "USD", "v1", "ACTIVE");
    h.saga.product(TENANT, "YEN", 500, "JPY", "v-jp", "ACTIVE");
    h.saga.product(TENANT, "EURO", 1250, "EUR", "v-eu", "ACTIVE");
    h.saga.stock(TENANT, "SHOE", "main", 100);
    h.saga.stock(TENANT, "YEN", "main", 100);
    h.saga.stock(TENANT, "EURO", "main", 100);
    h.saga.relay();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** Order o1 for one SHOE (59.99 USD), confirmed by the saga; its payment id. */
  private String oneShoe() {
    return h.confirmedOrder("o1", "SHOE", 1, "USD");
  }

  /** {@link #oneShoe()}, its payment confirmed with {@code method}; the payment id. */
  private String oneShoePaidWith(String method) {
    String paymentId = oneShoe();
    h.confirm(paymentId, method);
    return paymentId;
  }

  /** {@link #oneShoe()} cancelled (for {@code reason}) before it was paid: its payment is CANCELED. */
  private String cancelledBeforePayment(String reason) {
    String paymentId = oneShoe();
    h.saga.cancel(TENANT, "o1", reason);
    h.relay();
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("CANCELED");
    return paymentId;
  }

  /** The amounts of the refunds written since the last look, in order. */
  private List<Long> refundedAmounts() {
    return h.topics.output(Topics.PAYMENT_REFUNDED).readValuesToList().stream()
        .map(r -> r.getAmount().getAmount()).toList();
  }

  /** The reasons of the refund refusals written since the last look, in order. */
  private List<String> refundRefusalReasons() {
    return h.topics.output(Topics.PAYMENT_REFUND_REFUSED).readValuesToList().stream()
        .map(PaymentRefundRefused::getReason).toList();
  }

  private OrderState order(String orderId) {
    return h.saga.order(TENANT, orderId);
  }

  @Test
  void aConfirmedOrderGetsAPaymentIntentForItsTotalShownOnTheOrder() {
    String paymentId = h.confirmedOrder("o1", "SHOE", 2, "USD");

    assertThat(paymentId).isEqualTo("pay-o1");
    PaymentState payment = h.payment(paymentId);
    assertThat(payment.getStatus()).isEqualTo("REQUIRES_PAYMENT_METHOD");
    assertThat(payment.getAmount().getAmount()).isEqualTo(2 * 5999);
    assertThat(payment.getProvider()).isEqualTo("sandbox");
    assertThat(payment.getClientSecret()).endsWith("_secret");
    assertThat(h.seenRequests).singleElement().satisfies(r -> {
      assertThat(r.getOperation()).isInstanceOf(CreateIntent.class);
      assertThat(((CreateIntent) r.getOperation()).getAmount().getAmount()).isEqualTo(11998);
    });
    assertThat(h.topics.output(Topics.PAYMENT_CREATED).readValuesToList()).singleElement()
        .satisfies(e -> assertThat(e.getOrderId()).isEqualTo("o1"));

    OrderState order = order("o1");
    assertThat(order.getStatus()).isEqualTo("CONFIRMED");
    assertThat(order.getPayment().getPaymentId()).isEqualTo("pay-o1");
    assertThat(order.getPayment().getStatus()).isEqualTo("REQUIRES_PAYMENT_METHOD");
    assertThat(order.getPayment().getClientSecret()).isEqualTo(payment.getClientSecret());
  }

  @Test
  void aReplayedConfirmationOpensNoSecondPaymentAndCallsTheProviderOnce() {
    oneShoe();
    // the same OpenPayment again, as after a crash before the commit
    h.command("pay-o1", "again", new io.fusioncommerce.schemas.payments.OpenPayment("pay-o1", "o1", "c1",
        new io.fusioncommerce.schemas.common.Money(5999L, "USD")));
    assertThat(h.seenRequests).hasSize(1);
    assertThat(h.payment("pay-o1").getVersion()).isEqualTo(2);
  }

  @Test
  void aSucceededPaymentMarksTheOrderPaid() {
    String paymentId = oneShoePaidWith("pm_card_visa");

    assertThat(h.payment(paymentId).getStatus()).isEqualTo("SUCCEEDED");
    assertThat(h.payment(paymentId).getCapturedAmount()).isEqualTo(5999);
    assertThat(h.topics.output(Topics.PAYMENT_SUCCEEDED).readValuesToList()).singleElement()
        .satisfies(e -> assertThat(e.getAmount().getAmount()).isEqualTo(5999));
    assertThat(order("o1").getStatus()).isEqualTo("PAID");
    assertThat(order("o1").getPaymentId()).isEqualTo(paymentId);
    assertThat(order("o1").getPayment().getStatus()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aDeclinedCardLeavesTheOrderConfirmedAndTheCustomerMayRetry() {
    String paymentId = oneShoePaidWith("pm_card_chargeDeclined");

    assertThat(h.payment(paymentId).getStatus()).isEqualTo("REQUIRES_PAYMENT_METHOD");
    assertThat(h.payment(paymentId).getFailureCode()).isEqualTo("card_declined");
    assertThat(h.topics.output(Topics.PAYMENT_FAILED).readValuesToList())
        .extracting(PaymentFailed::getFailureCode).containsExactly("card_declined");
    assertThat(order("o1").getStatus()).isEqualTo("CONFIRMED");
    assertThat(order("o1").getPayment().getFailureCode()).isEqualTo("card_declined");

    h.confirm(paymentId, "pm_card_visa");
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("SUCCEEDED");
    assertThat(h.payment(paymentId).getAttempts()).isEqualTo(2);
    assertThat(order("o1").getStatus()).isEqualTo("PAID");
  }

  @Test
  void noRetryOnceTheHoldTimeEnded() {
    h.saga.holdSeconds(TENANT, 60);
    String paymentId = oneShoePaidWith("pm_card_chargeDeclined");
    h.advance(Duration.ofSeconds(90));

    assertThat(order("o1").getStatus()).isEqualTo("CANCELLED");
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("CANCELED");
    assertThat(PaymentBook.confirmRefusal(h.payment(paymentId), "pm_card_visa")).contains("ORDER_CLOSED");
    int requests = h.seenRequests.size();
    h.confirm(paymentId, "pm_card_visa");
    assertThat(h.seenRequests).hasSize(requests);
    assertThat(h.topics.output(Topics.PAYMENT_SUCCEEDED).readValuesToList()).isEmpty();
  }

  @Test
  void authenticationRequiredNeedsASecondConfirmation() {
    String paymentId = oneShoePaidWith("pm_card_authenticationRequired");
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("REQUIRES_ACTION");
    assertThat(order("o1").getStatus()).isEqualTo("CONFIRMED");

    h.confirm(paymentId, "pm_card_authenticationRequired");
    assertThat(h.seenRequests.get(h.seenRequests.size() - 1).getOperation())
        .isInstanceOfSatisfying(ConfirmIntent.class, c -> assertThat(c.getCompletesAction()).isTrue());
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("SUCCEEDED");
    assertThat(order("o1").getStatus()).isEqualTo("PAID");
  }

  @Test
  void aConfirmationWhileOneIsWithTheProviderIsRefused() {
    String paymentId = oneShoe();
    h.autoAnswer = false;
    h.confirm(paymentId, "pm_card_visa");
    h.confirm(paymentId, "pm_card_visa");
    List<PaymentProviderRequest> calls = h.answerProviderRequests();
    assertThat(calls).hasSize(1);
    h.autoAnswer = true;
    h.relay();
    assertThat(h.topics.output(Topics.PAYMENT_SUCCEEDED).readValuesToList()).hasSize(1);
  }

  @Test
  void aWebhookAndTheWorkerReportingTheSameSuccessPayOnce() {
    String paymentId = oneShoe();
    h.autoAnswer = false;
    h.confirm(paymentId, "pm_card_visa");
    h.webhookOutcome(paymentId, "evt_1", "SUCCEEDED", null);
    h.webhookOutcome(paymentId, "evt_1", "SUCCEEDED", null);
    h.answerProviderRequests(); // the worker's own answer arrives late
    h.autoAnswer = true;
    h.relay();

    assertThat(h.topics.output(Topics.PAYMENT_SUCCEEDED).readValuesToList()).hasSize(1);
    assertThat(order("o1").getStatus()).isEqualTo("PAID");
  }

  @Test
  void refundsAreFullOrPartialButNeverMoreThanWasCaptured() {
    String paymentId = oneShoePaidWith("pm_card_visa");

    h.refund(paymentId, "r1", 2000, "USD", false);
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(h.payment(paymentId).getRefundedAmount()).isEqualTo(2000);

    h.refund(paymentId, "r2", 4000, "USD", false); // 5999 - 2000 = 3999 left
    assertThat(refundRefusalReasons()).containsExactly("REFUND_EXCEEDS_CAPTURED");
    assertThat(h.payment(paymentId).getRefundedAmount()).isEqualTo(2000);

    h.refund(paymentId, "r3", 3999, "USD", false);
    h.refund(paymentId, "r3", 3999, "USD", false); // the same refund again
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("REFUNDED");
    assertThat(h.payment(paymentId).getRefundedAmount()).isEqualTo(5999);
    assertThat(h.topics.output(Topics.PAYMENT_REFUNDED).readValuesToList())
        .extracting(PaymentRefunded::getRefundId).containsExactly("r1", "r3");
    assertThat(h.seenRequests.stream().filter(r -> r.getOperation() instanceof CreateRefund)).hasSize(2);

    h.refund(paymentId, "r4", 1, "USD", false);
    assertThat(refundRefusalReasons()).containsExactly("REFUND_EXCEEDS_CAPTURED");
    assertThat(order("o1").getPayment().getRefundedAmount()).isEqualTo(5999);
  }

  @Test
  void refundsInFlightCountAgainstTheLimit() {
    String paymentId = oneShoePaidWith("pm_card_visa");
    h.autoAnswer = false;
    h.refund(paymentId, "r1", 5000, "USD", false);
    h.refund(paymentId, "r2", 1000, "USD", false); // 5000 is on its way: 999 left
    assertThat(h.topics.output(Topics.PAYMENT_REFUND_REFUSED).readValuesToList())
        .extracting(PaymentRefundRefused::getRefundId).containsExactly("r2");
    assertThat(h.answerProviderRequests()).hasSize(1);
  }

  @Test
  void aRefundTheProviderRefusesFreesItsAmountAgain() {
    String paymentId = oneShoePaidWith("pm_card_visa");
    h.refundsFail = true;
    h.refund(paymentId, "r1", 5999, "USD", false);
    assertThat(refundRefusalReasons()).containsExactly("PROVIDER_CHARGE_DISPUTED");
    assertThat(PaymentBook.refundable(h.payment(paymentId))).isEqualTo(5999);
  }

  @Test
  void aRefundThatFailsLaterAtTheProviderIsRefundableAgain() {
    String paymentId = oneShoePaidWith("pm_card_visa");
    h.refund(paymentId, "r1", 5999, "USD", false);
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("REFUNDED");
    // Stripe's refund.failed webhook, days later
    h.command(paymentId, "webhook-refund-failed", io.fusioncommerce.schemas.payments.RecordRefundOutcome.newBuilder()
        .setPaymentId(paymentId).setRefundId("r1").setSucceeded(false).setFailureCode("expired_or_canceled_card").build());

    assertThat(h.payment(paymentId).getStatus()).isEqualTo("SUCCEEDED");
    assertThat(h.payment(paymentId).getRefundedAmount()).isZero();
    assertThat(PaymentBook.refundable(h.payment(paymentId))).isEqualTo(5999);
    assertThat(refundRefusalReasons()).containsExactly("PROVIDER_EXPIRED_OR_CANCELED_CARD");
    assertThat(order("o1").getPayment().getRefundedAmount()).isZero();
  }

  @Test
  void noRefundBeforeThePaymentSucceeded() {
    String paymentId = oneShoe();
    h.refund(paymentId, "r1", 100, "USD", false);
    assertThat(refundRefusalReasons()).containsExactly("NOT_REFUNDABLE");
  }

  @Test
  void cancellingAPaidOrderRefundsItAutomatically() {
    String paymentId = oneShoePaidWith("pm_card_visa");
    h.refund(paymentId, "r1", 1000, "USD", false);
    h.saga.cancel(TENANT, "o1", "changed my mind");
    h.relay();

    assertThat(order("o1").getStatus()).isEqualTo("CANCELLED");
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("REFUNDED");
    assertThat(refundedAmounts()).containsExactly(1000L, 4999L);
    assertThat(order("o1").getPayment().getRefundedAmount()).isEqualTo(5999);
  }

  @Test
  void cancellingAnUnpaidOrderClosesThePaymentWithoutARefund() {
    String paymentId = cancelledBeforePayment("no longer wanted");
    assertThat(refundedAmounts()).isEmpty();
    h.confirm(paymentId, "pm_card_visa");
    assertThat(h.topics.output(Topics.PAYMENT_SUCCEEDED).readValuesToList()).isEmpty();
  }

  @Test
  void moneyThatArrivesAfterTheOrderWasCancelledGoesStraightBack() {
    String paymentId = oneShoe();
    h.autoAnswer = false;
    h.confirm(paymentId, "pm_card_visa");
    h.saga.cancel(TENANT, "o1", "too slow");
    h.relay();
    h.autoAnswer = true;
    h.answerProviderRequests();
    h.relay();

    assertThat(order("o1").getStatus()).isEqualTo("CANCELLED");
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("REFUNDED");
    assertThat(refundedAmounts()).containsExactly(5999L);
  }

  @Test
  void aWebhookSuccessForAPaymentClosedWithItsOrderIsRefunded() {
    String paymentId = cancelledBeforePayment("gone");
    // the client confirmed with Stripe.js in the meantime; Stripe tells of the success
    h.webhookOutcome(paymentId, "evt_late", "SUCCEEDED", null);

    assertThat(h.payment(paymentId).getStatus()).isEqualTo("REFUNDED");
    assertThat(refundedAmounts()).containsExactly(5999L);
    assertThat(order("o1").getStatus()).isEqualTo("CANCELLED");
  }

  @Test
  void theWalletPaysWhenItHoldsEnoughAndIsNeverNegative() {
    String paymentId = oneShoe();
    h.credit("c1", 3000, "USD", "credit-1");
    h.confirm(paymentId, "wallet");

    assertThat(h.payment(paymentId).getStatus()).isEqualTo("REQUIRES_PAYMENT_METHOD");
    assertThat(h.payment(paymentId).getFailureCode()).isEqualTo("insufficient_funds");
    assertThat(h.balance("c1", "USD")).isEqualTo(3000);
    assertThat(order("o1").getStatus()).isEqualTo("CONFIRMED");

    h.credit("c1", 3000, "USD", "credit-2");
    h.credit("c1", 3000, "USD", "credit-2"); // redelivered: counted once
    assertThat(h.balance("c1", "USD")).isEqualTo(6000);
    h.confirm(paymentId, "wallet");
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("SUCCEEDED");
    assertThat(h.balance("c1", "USD")).isEqualTo(1);
    assertThat(order("o1").getStatus()).isEqualTo("PAID");
    assertThat(h.topics.output(Topics.WALLET_TRANSACTIONS).readValuesToList()).extracting(WalletTransaction::getKind)
        .containsExactly("CREDIT", "DEBIT_REFUSED", "CREDIT", "DEBIT");
    // no provider call for a wallet payment (only the intent)
    assertThat(h.seenRequests).hasSize(1);
  }

  @Test
  void twoPaymentsCannotSpendTheSameWalletMoney() {
    String first = oneShoe();
    String second = h.confirmedOrder("o2", "SHOE", 1, "USD");
    h.credit("c1", 6000, "USD", "credit-1");
    h.confirm(first, "wallet");
    h.confirm(second, "wallet");
    assertThat(h.payment(first).getStatus()).isEqualTo("SUCCEEDED");
    assertThat(h.payment(second).getFailureCode()).isEqualTo("insufficient_funds");
    assertThat(h.balance("c1", "USD")).isEqualTo(1);
  }

  @Test
  void aRefundToTheWalletCreditsItAndAWalletPaymentIsRefundedToTheWallet() {
    String card = oneShoePaidWith("pm_card_visa");
    h.refund(card, "r1", 999, "USD", true);
    assertThat(h.balance("c1", "USD")).isEqualTo(999);
    assertThat(h.seenRequests.stream().filter(r -> r.getOperation() instanceof CreateRefund)).isEmpty();

    String wallet = h.confirmedOrder("o2", "EURO", 2, "EUR");
    h.credit("c1", 2500, "EUR", "credit-eur");
    h.confirm(wallet, "wallet");
    assertThat(h.balance("c1", "EUR")).isZero();
    h.saga.cancel(TENANT, "o2", "cancel");
    h.relay();
    assertThat(h.balance("c1", "EUR")).isEqualTo(2500);
    assertThat(h.balance("c1", "USD")).isEqualTo(999);
    assertThat(h.payment(wallet).getStatus()).isEqualTo("REFUNDED");
  }

  @Test
  void yenAreWholeUnitsAllTheWayToTheProvider() {
    String paymentId = h.confirmedOrder("o-jp", "YEN", 3, "JPY");
    h.confirm(paymentId, "pm_card_visa");
    PaymentProviderRequest intent = h.seenRequests.get(0);
    assertThat(((CreateIntent) intent.getOperation()).getAmount().getAmount()).isEqualTo(1500);
    assertThat(((CreateIntent) intent.getOperation()).getAmount().getCurrency()).isEqualTo("JPY");
    assertThat(h.payment(paymentId).getCapturedAmount()).isEqualTo(1500);

    h.refund(paymentId, "r1", 500, "JPY", false);
    assertThat(h.payment(paymentId).getRefundedAmount()).isEqualTo(500);
    h.refund(paymentId, "r2", 500, "USD", false);
    assertThat(refundRefusalReasons()).containsExactly("CURRENCY_MISMATCH");
  }

  @Test
  void bnplIsAProviderMethodType() {
    String paymentId = oneShoePaidWith("pm_bnpl_approved");
    assertThat(h.payment(paymentId).getMethodType()).isEqualTo("bnpl");
    assertThat(h.payment(paymentId).getStatus()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aPaidPaymentLeavesTheStoreOnceTheRefundWindowHasPassedAndAnOpenOneStays() {
    String paid = oneShoePaidWith("pm_card_visa");
    assertThat(h.payment(paid).getStatus()).isEqualTo("SUCCEEDED");

    h.advance(Duration.ofDays(179));
    h.confirmedOrder("o2", "SHOE", 1, "USD"); // records at the new time move stream time forward
    assertThat(h.paymentStore.get(new io.fusioncommerce.schemas.common.PaymentKey(TENANT, paid)))
        .as("inside the refund window").isNotNull();

    h.advance(Duration.ofDays(2));
    String open = h.confirmedOrder("o3", "SHOE", 1, "USD");
    assertThat(h.paymentStore.get(new io.fusioncommerce.schemas.common.PaymentKey(TENANT, paid)))
        .as("180 days after it was paid").isNull();
    assertThat(h.payment(open).getStatus()).isEqualTo("REQUIRES_PAYMENT_METHOD");
  }

  @Test
  void aCancelledPaymentLeavesTheStoreAMonthAfterItClosed() {
    PaymentRetention retention = new PaymentRetention(io.fusioncommerce.topologies.support.RetentionSettings.defaults());
    PaymentState cancelled = PaymentState.newBuilder(h.payment(oneShoe()))
        .setStatus("CANCELED").build();
    PaymentState pending = PaymentState.newBuilder(cancelled).setStatus("PROCESSING").build();

    assertThat(retention.expiresAt(cancelled)).contains(cancelled.getUpdatedAt().plus(Duration.ofDays(30)));
    assertThat(retention.expiresAt(pending)).isEmpty();
  }
}
