package io.fusioncommerce.ingress.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.connectors.payments.StripeWebhooks;
import io.fusioncommerce.ingress.TestServer;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.RecordPaymentOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /v1/webhooks/stripe over HTTP, with payloads signed for real: a good signature becomes one
 * outcome command on payment.commands; a tampered, stale or missing one is 400 and writes nothing.
 */
class StripeWebhookHttpTest {

  static final String SECRET = "whsec_http_test";

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, List.of(
        new PaymentRoutes(Optional.of(new StripeWebhooks(SECRET, Duration.ofMinutes(5)))), new WalletRoutes()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String event(String id, String type) {
    return """
        {"id":"%s","object":"event","api_version":"2026-07-29.dahlia","created":1764000000,"type":"%s",
         "data":{"object":{"id":"pi_9","object":"payment_intent","amount":5999,"currency":"usd","status":"succeeded",
         "metadata":{"tenant_id":"acme","payment_id":"pay-o9","order_id":"o9"}}}}""".formatted(id, type);
  }

  static String sign(String payload, String secret, long at) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "t=" + at + ",v1=" + HexFormat.of().formatHex(mac.doFinal((at + "." + payload).getBytes(StandardCharsets.UTF_8)));
  }

  private TestServer.Response deliver(String payload, String signature) {
    return server.send("POST", "/v1/webhooks/stripe", null, "application/json", payload,
        signature == null ? Map.of() : Map.of("Stripe-Signature", signature));
  }

  @Test
  void aVerifiedSuccessBecomesOneOutcomeCommandForThePaymentOfItsTenant() throws Exception {
    String payload = event("evt_ok", "payment_intent.succeeded");
    TestServer.Response response = deliver(payload, sign(payload, SECRET, Instant.now().getEpochSecond()));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().path("eventId").asText()).isEqualTo("evt_ok");
    assertThat(server.sent()).singleElement().satisfies(record -> {
      assertThat(record.topic()).isEqualTo(Topics.PAYMENT_COMMANDS.name());
      assertThat(record.key()).isEqualTo(new PaymentKey("acme", "pay-o9"));
      PaymentCommand command = (PaymentCommand) record.value();
      assertThat(command.getTenantId()).isEqualTo("acme");
      assertThat(command.getCommand()).isInstanceOfSatisfying(RecordPaymentOutcome.class, o -> {
        assertThat(o.getOutcome()).isEqualTo("SUCCEEDED");
        assertThat(o.getProviderEventId()).isEqualTo("evt_ok");
      });
    });

    // redelivered by Stripe: the same command id, which the topology recognises
    deliver(payload, sign(payload, SECRET, Instant.now().getEpochSecond()));
    assertThat(server.sent()).hasSize(2);
    assertThat(((PaymentCommand) server.sent().get(1).value()).getCommandId())
        .isEqualTo(((PaymentCommand) server.sent().get(0).value()).getCommandId());
  }

  @Test
  void aTamperedStaleOrMissingSignatureIsRefusedAndWritesNothing() throws Exception {
    String payload = event("evt_bad", "payment_intent.succeeded");
    long now = Instant.now().getEpochSecond();

    deliver(payload.replace("5999", "1"), sign(payload, SECRET, now)).problem(400);
    deliver(payload, sign(payload, SECRET, now - 600)).problem(400);
    deliver(payload, sign(payload, "whsec_someone_else", now)).problem(400);
    TestServer.Response missing = deliver(payload, null);
    assertThat(missing.problem(400).path("errors").findValuesAsText("field")).containsExactly("Stripe-Signature");
    assertThat(server.sent()).isEmpty();
  }

  @Test
  void anEventOfNothingWeKeepIsAcknowledged() throws Exception {
    String payload = event("evt_other", "customer.created");
    assertThat(deliver(payload, sign(payload, SECRET, Instant.now().getEpochSecond())).status()).isEqualTo(200);
    assertThat(server.sent()).isEmpty();
  }

  @Test
  void paymentCommandsNeedATokenAndValidBodies() {
    assertThat(server.post("/v1/payments/pay-o9/confirm", null, "{\"paymentMethod\":\"pm_card_visa\"}").status())
        .isEqualTo(401);
    String customer = server.token("acme", "alice", null, "customer");
    TestServer.Response bad = server.post("/v1/payments/pay-o9/confirm", customer, "{\"paymentMethod\":\"visa; drop\"}");
    assertThat(bad.problem(400).path("errors").findValuesAsText("field")).containsExactly("paymentMethod");
    assertThat(server.post("/v1/payments/pay-o9/refunds", customer, "{\"amount\":{\"amount\":1,\"currency\":\"USD\"}}")
        .status()).isEqualTo(403);
    String admin = server.token("acme", "root", null, "admin");
    TestServer.Response credit = server.post("/v1/wallets/alice/credits", admin, "{\"amount\":{\"amount\":-5,\"currency\":\"USD\"}}");
    assertThat(credit.problem(400).path("errors").findValuesAsText("field")).containsExactly("amount.amount");
    TestServer.Response currency = server.post("/v1/wallets/alice/credits", admin, "{\"amount\":{\"amount\":5,\"currency\":\"CHF\"}}");
    assertThat(currency.problem(400).path("errors").findValuesAsText("field")).containsExactly("amount.currency");
    assertThat(server.sent()).isEmpty();

    assertThat(server.post("/v1/wallets/alice/credits", admin, "{\"amount\":{\"amount\":500,\"currency\":\"JPY\"}}")
        .status()).isEqualTo(202);
    assertThat(server.sent()).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo(Topics.WALLET_COMMANDS.name()));
  }
}
