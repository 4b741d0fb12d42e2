package io.fusioncommerce.connectors.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.schemas.payments.RecordPaymentOutcome;
import io.fusioncommerce.schemas.payments.RecordRefundOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Webhook payloads signed for real with the endpoint secret, verified by the stripe-java SDK. */
class StripeWebhooksTest {

  static final String SECRET = "whsec_test_secret";
  StripeWebhooks webhooks = new StripeWebhooks(SECRET, Duration.ofMinutes(5));
  long now = Instant.now().getEpochSecond();

  @Test
  void aSignedSuccessBecomesTheOutcomeCommandOfOurPayment() throws Exception {
    String payload = StripeSignatures.intentEvent("evt_1", "payment_intent.succeeded", "succeeded", null);
    StripeWebhooks.WebhookCommand command = webhooks.read(payload, StripeSignatures.header(payload, SECRET, now)).orElseThrow();

    assertThat(command.eventId()).isEqualTo("evt_1");
    assertThat(command.tenantId()).isEqualTo("acme");
    assertThat(command.paymentId()).isEqualTo("pay-o1");
    assertThat(command.command()).isInstanceOfSatisfying(RecordPaymentOutcome.class, o -> {
      assertThat(o.getOutcome()).isEqualTo("SUCCEEDED");
      assertThat(o.getProviderEventId()).isEqualTo("evt_1");
      assertThat(o.getProviderReference()).isEqualTo("pi_123");
      assertThat(o.getRequestId()).isNull();
    });
  }

  @Test
  void aSignedFailureCarriesTheDeclineCode() throws Exception {
    String payload = StripeSignatures.intentEvent("evt_2", "payment_intent.payment_failed", "requires_payment_method", "card_declined");
    var command = webhooks.read(payload, StripeSignatures.header(payload, SECRET, now)).orElseThrow();
    assertThat(((RecordPaymentOutcome) command.command()).getOutcome()).isEqualTo("FAILED");
    assertThat(((RecordPaymentOutcome) command.command()).getFailureCode()).isEqualTo("card_declined");
  }

  @Test
  void aTamperedPayloadIsRejected() {
    String payload = StripeSignatures.intentEvent("evt_1", "payment_intent.succeeded", "succeeded", null);
    String header = StripeSignatures.header(payload, SECRET, now);
    String tampered = payload.replace("\"amount\":1500", "\"amount\":1");
    assertThatThrownBy(() -> webhooks.read(tampered, header)).isInstanceOf(StripeWebhooks.RejectedWebhookException.class);
  }

  @Test
  void aStaleSignatureIsRejected() {
    String payload = StripeSignatures.intentEvent("evt_1", "payment_intent.succeeded", "succeeded", null);
    String header = StripeSignatures.header(payload, SECRET, now - Duration.ofMinutes(10).toSeconds());
    assertThatThrownBy(() -> webhooks.read(payload, header)).isInstanceOf(StripeWebhooks.RejectedWebhookException.class)
        .hasMessageContaining("tolerance");
  }

  @Test
  void anotherSecretOrNoSignatureIsRejected() {
    String payload = StripeSignatures.intentEvent("evt_1", "payment_intent.succeeded", "succeeded", null);
    assertThatThrownBy(() -> webhooks.read(payload, StripeSignatures.header(payload, "whsec_other", now)))
        .isInstanceOf(StripeWebhooks.RejectedWebhookException.class);
    assertThatThrownBy(() -> webhooks.read(payload, null)).isInstanceOf(StripeWebhooks.RejectedWebhookException.class);
    assertThatThrownBy(() -> webhooks.read(payload, "garbage")).isInstanceOf(StripeWebhooks.RejectedWebhookException.class);
  }

  @Test
  void eventsOfOtherThingsAreAcknowledgedAndIgnored() throws Exception {
    String payload = StripeSignatures.intentEvent("evt_3", "payment_intent.created", "requires_payment_method", null);
    assertThat(webhooks.read(payload, StripeSignatures.header(payload, SECRET, now))).isEmpty();
    String foreign = payload.replace("\"tenant_id\":\"acme\",", "").replace("payment_intent.created", "payment_intent.succeeded");
    assertThat(webhooks.read(foreign, StripeSignatures.header(foreign, SECRET, now))).isEmpty();
  }

  @Test
  void aFailedRefundIsReported() throws Exception {
    String payload = """
        {"id":"evt_r","object":"event","api_version":"2026-07-29.dahlia","created":1764000000,"type":"refund.failed",
         "data":{"object":{"id":"re_1","object":"refund","amount":500,"currency":"usd","status":"failed",
         "failure_reason":"expired_or_canceled_card",
         "metadata":{"tenant_id":"acme","payment_id":"pay-o1","refund_id":"r1"}}}}""";
    var command = webhooks.read(payload, StripeSignatures.header(payload, SECRET, now)).orElseThrow();
    assertThat(command.command()).isInstanceOfSatisfying(RecordRefundOutcome.class, r -> {
      assertThat(r.getRefundId()).isEqualTo("r1");
      assertThat(r.getSucceeded()).isFalse();
      assertThat(r.getFailureCode()).isEqualTo("expired_or_canceled_card");
    });
  }
}
