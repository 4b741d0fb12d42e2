package io.fusioncommerce.connectors.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.payments.ConfirmIntent;
import io.fusioncommerce.schemas.payments.CreateIntent;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentProviderRequest;
import io.fusioncommerce.schemas.payments.RecordIntentCreated;
import io.fusioncommerce.schemas.payments.RecordPaymentOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Stripe provider with the real stripe-java SDK, pointed at a local stand-in of Stripe's API. */
class StripeProviderTest {

  StripeStandIn stripe;
  StripeProvider provider;
  PaymentProvider.Reference reference = new PaymentProvider.Reference("acme", "pay-o1", "o1");

  @BeforeEach
  void start() throws IOException {
    stripe = new StripeStandIn();
    provider = new StripeProvider(new StripeProvider.Settings("sk_test_standin", stripe.baseUrl()));
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  private PaymentProvider.Intent intent(long amount, String currency, String key) {
    return provider.createIntent(new PaymentProvider.IntentRequest(reference, amount, currency, "c1"), key);
  }

  private PaymentProvider.Confirmation confirm(String intentId, String method, boolean completesAction, String key) {
    return provider.confirm(new PaymentProvider.ConfirmRequest(reference, intentId, method, 5999, "USD", completesAction), key);
  }

  @Test
  void anIntentIsCreatedWithTheAmountInMinorUnitsTheKeyAndTheIdempotencyKey() {
    PaymentProvider.Intent intent = intent(5999, "USD", "fc-req-1");

    assertThat(intent.providerReference()).startsWith("pi_standin_");
    assertThat(intent.clientSecret()).isEqualTo(intent.providerReference() + "_secret_standin");
    StripeStandIn.Seen seen = stripe.requestsTo("/v1/payment_intents").get(0);
    assertThat(seen.idempotencyKey()).isEqualTo("fc-req-1");
    assertThat(seen.authorization()).isEqualTo("Bearer sk_test_standin");
    assertThat(seen.form()).containsEntry("amount", "5999").containsEntry("currency", "usd")
        .containsEntry("metadata[tenant_id]", "acme").containsEntry("metadata[payment_id]", "pay-o1")
        .containsEntry("metadata[order_id]", "o1");
  }

  @Test
  void yenGoToStripeAsWholeYen() {
    intent(1500, "JPY", "fc-req-jpy");
    assertThat(stripe.requestsTo("/v1/payment_intents").get(0).form())
        .containsEntry("amount", "1500").containsEntry("currency", "jpy");
  }

  @Test
  void theSameIdempotencyKeyIsTheSameIntent() {
    PaymentProvider.Intent first = intent(5999, "USD", "fc-req-1");
    PaymentProvider.Intent again = intent(5999, "USD", "fc-req-1");
    assertThat(again).isEqualTo(first);
    assertThat(stripe.requestsTo("/v1/payment_intents")).extracting(StripeStandIn.Seen::idempotencyKey)
        .containsExactly("fc-req-1", "fc-req-1");
  }

  @Test
  void testCardsSucceedFailOrAskForAnExtraConfirmation() {
    String visa = intent(5999, "USD", "k1").providerReference();
    assertThat(confirm(visa, "pm_card_visa", false, "k1-confirm").outcome()).isEqualTo("SUCCEEDED");
    assertThat(stripe.requestsTo("/v1/payment_intents/" + visa + "/confirm")).singleElement()
        .satisfies(r -> assertThat(r.form()).containsEntry("payment_method", "pm_card_visa"));

    String declined = intent(5999, "USD", "k2").providerReference();
    PaymentProvider.Confirmation failure = confirm(declined, "pm_card_chargeDeclined", false, "k2-confirm");
    assertThat(failure.outcome()).isEqualTo("FAILED");
    assertThat(failure.failureCode()).isEqualTo("card_declined");
    assertThat(failure.failureMessage()).isEqualTo("Your card was declined.");

    String threeDs = intent(5999, "USD", "k3").providerReference();
    assertThat(confirm(threeDs, "pm_card_authenticationRequired", false, "k3-confirm").outcome()).isEqualTo("REQUIRES_ACTION");
    assertThat(confirm(threeDs, "pm_card_authenticationRequired", true, "k3-confirm-2").outcome()).isEqualTo("SUCCEEDED");
  }

  @Test
  void refundsArePartialOrFullAndStripeRefusesMoreThanWasCaptured() {
    String id = intent(5999, "USD", "k1").providerReference();
    confirm(id, "pm_card_visa", false, "k1-confirm");

    PaymentProvider.RefundResult partial = provider.refund(new PaymentProvider.RefundRequest(reference, "r1", id, 2000, "USD"), "fc-r1");
    assertThat(partial.succeeded()).isTrue();
    assertThat(partial.providerReference()).startsWith("re_standin_");
    assertThat(stripe.requestsTo("/v1/refunds").get(0).form()).containsEntry("amount", "2000")
        .containsEntry("payment_intent", id).containsEntry("metadata[refund_id]", "r1");
    assertThat(stripe.requestsTo("/v1/refunds").get(0).idempotencyKey()).isEqualTo("fc-r1");

    PaymentProvider.RefundResult tooMuch = provider.refund(new PaymentProvider.RefundRequest(reference, "r2", id, 4000, "USD"), "fc-r2");
    assertThat(tooMuch.succeeded()).isFalse();
    assertThat(tooMuch.failureCode()).isEqualTo("amount_too_large");
  }

  @Test
  void stripeHavingTroubleIsRetriedNotTakenAsAnAnswer() {
    stripe.failNext.set(1);
    assertThatThrownBy(() -> intent(5999, "USD", "k1")).isInstanceOf(ProviderUnavailableException.class);
    String id = intent(5999, "USD", "k1").providerReference();
    stripe.failNext.set(1);
    assertThatThrownBy(() -> confirm(id, "pm_card_visa", false, "k1-confirm")).isInstanceOf(ProviderUnavailableException.class);
    assertThat(confirm(id, "pm_card_visa", false, "k1-confirm").outcome()).isEqualTo("SUCCEEDED");
  }

  @Test
  void theWorkersHandlerUsesTheRequestIdAsIdempotencyKeyAndAnswersWithACommand() {
    PaymentRequestHandler handler = new PaymentRequestHandler(Map.of("stripe", provider), "stripe", Clock.systemUTC());
    PaymentProviderRequest create = PaymentProviderRequest.newBuilder().setRequestId("req-1").setTenantId("acme")
        .setPaymentId("pay-o1").setOrderId("o1").setOccurredAt(Instant.now()).setCorrelationId("corr")
        .setOperation(new CreateIntent(new Money(1500L, "JPY"), "c1")).build();

    PaymentCommand created = handler.handle(create).orElseThrow();
    assertThat(created.getCommand()).isInstanceOfSatisfying(RecordIntentCreated.class, c -> {
      assertThat(c.getProvider()).isEqualTo("stripe");
      assertThat(c.getRequestId()).isEqualTo("req-1");
    });
    assertThat(handler.handle(create).orElseThrow().getCommandId()).isEqualTo(created.getCommandId());
    assertThat(stripe.requestsTo("/v1/payment_intents")).extracting(StripeStandIn.Seen::idempotencyKey)
        .containsExactly("fc-req-1", "fc-req-1");

    String intentId = ((RecordIntentCreated) created.getCommand()).getProviderReference();
    PaymentCommand outcome = handler.handle(PaymentProviderRequest.newBuilder(create).setRequestId("req-2")
        .setProvider("stripe").setOperation(new ConfirmIntent(intentId, "pm_card_chargeDeclined",
            new Money(1500L, "JPY"), false)).build()).orElseThrow();
    assertThat(outcome.getCommand()).isInstanceOfSatisfying(RecordPaymentOutcome.class, o -> {
      assertThat(o.getOutcome()).isEqualTo("FAILED");
      assertThat(o.getFailureCode()).isEqualTo("card_declined");
      assertThat(o.getRequestId()).isEqualTo("req-2");
    });
  }
}
