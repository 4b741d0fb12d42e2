package io.fusioncommerce.e2e.payments;

import static io.fusioncommerce.e2e.platform.TestTenant.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Payments on the embedded platform (sandbox provider), driven over HTTP like a client: a confirmed
 * order shows its payment, a test card pays it, a declined card can be retried, refunds are limited to
 * what was captured, a paid order that is cancelled is refunded, and the wallet pays.
 */
@PlatformTest
class PaymentJourneyIT extends PlatformJourney {

  private final String alice = acme.customer("alice");
  private final String bob = acme.customer("bob");

  PaymentJourneyIT(TestTenant acme) {
    super(acme);
    acme.seedProductInStock("SHOE", 5999, "USD", "v-shoes", 100);
    acme.seedProductInStock("YEN", 500, "JPY", "v-jp", 100);
  }

  private String place(String token, String customer, String currency, String sku, int quantity) {
    return acme.placeOrder(token, customer, currency, "[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]");
  }

  private static Predicate<JsonNode> paymentIs(String status) {
    return order -> status.equals(order.path("payment").path("status").asText());
  }

  /** A confirmed order whose payment intent exists; returns the payment id. */
  private String payable(String token, String customer, String currency, String sku, int quantity) {
    String orderId = place(token, customer, currency, sku, quantity);
    JsonNode order = acme.awaitOrder(orderId, token, paymentIs("REQUIRES_PAYMENT_METHOD"));
    assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
    return order.path("payment").path("paymentId").asText();
  }

  private ApiClient.Response confirm(String paymentId, String token, String method) {
    return api.post("/v1/payments/" + paymentId + "/confirm", token, "{\"paymentMethod\":\"" + method + "\"}");
  }

  private static String orderOf(String paymentId) {
    return paymentId.substring("pay-".length());
  }

  @Test
  void aConfirmedOrderShowsItsPaymentAndATestCardPaysIt() {
    String orderId = place(alice, "alice", "USD", "SHOE", 1);
    JsonNode order = acme.awaitOrder(orderId, alice, paymentIs("REQUIRES_PAYMENT_METHOD"));
    JsonNode payment = order.path("payment");
    assertThat(payment.path("paymentId").asText()).isEqualTo("pay-" + orderId);
    assertThat(payment.path("provider").asText()).isEqualTo("sandbox");
    assertThat(payment.path("clientSecret").asText()).startsWith("pi_sbx_");
    String paymentId = payment.path("paymentId").asText();

    assertThat(confirm(paymentId, bob, "pm_card_visa").status()).as("someone else's payment").isEqualTo(404);
    String otherTenant = acme.otherTenantToken("alice", "customer");
    assertThat(confirm(paymentId, otherTenant, "pm_card_visa").status()).as("another tenant").isEqualTo(404);
    assertThat(confirm("pay-nope", alice, "pm_card_visa").status()).isEqualTo(404);
    assertThat(confirm(paymentId, alice, "not a method").status()).isEqualTo(400);

    ApiClient.Response accepted = confirm(paymentId, alice, "pm_card_visa");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    JsonNode paid = acme.awaitOrder(orderId, alice, status("PAID"));
    assertThat(paid.path("status").asText()).isEqualTo("PAID");
    assertThat(paid.path("payment").path("status").asText()).isEqualTo("SUCCEEDED");

    JsonNode view = api.get("/v1/payments/" + paymentId, alice).json();
    assertThat(view.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(view.path("captured").path("amount").asLong()).isEqualTo(5999);
    assertThat(api.get("/v1/payments/" + paymentId, bob).status()).isEqualTo(404);
    assertThat(confirm(paymentId, alice, "pm_card_visa").status()).as("paid already").isEqualTo(409);
  }

  @Test
  void aDeclinedCardLeavesTheOrderConfirmedAndARetryPaysIt() {
    String paymentId = payable(alice, "alice", "USD", "SHOE", 1);
    assertThat(confirm(paymentId, alice, "pm_card_chargeDeclined").status()).isEqualTo(202);
    JsonNode declined = acme.awaitOrder(orderOf(paymentId), alice, o -> "card_declined".equals(o.path("payment").path("failureCode").asText()));
    assertThat(declined.path("payment").path("failureCode").asText()).isEqualTo("card_declined");
    assertThat(declined.path("payment").path("status").asText()).isEqualTo("REQUIRES_PAYMENT_METHOD");
    assertThat(declined.path("status").asText()).isEqualTo("CONFIRMED");

    assertThat(confirm(paymentId, alice, "pm_card_visa").status()).isEqualTo(202);
    assertThat(acme.awaitOrder(orderOf(paymentId), alice, status("PAID")).path("status").asText())
        .isEqualTo("PAID");
    assertThat(api.get("/v1/payments/" + paymentId, alice).json().path("attempts").asInt()).isEqualTo(2);
  }

  @Test
  void refundsArePartialOrFullButNeverMoreThanWasCaptured() {
    String paymentId = payable(alice, "alice", "USD", "SHOE", 1);
    assertThat(api.post("/v1/payments/" + paymentId + "/refunds", admin, "{\"amount\":{\"amount\":100,\"currency\":\"USD\"}}")
        .status()).as("nothing captured yet").isEqualTo(409);
    confirm(paymentId, alice, "pm_card_visa");
    acme.awaitOrder(orderOf(paymentId), alice, status("PAID"));

    ApiClient.Response partial = api.post("/v1/payments/" + paymentId + "/refunds", admin,
        "{\"amount\":{\"amount\":2000,\"currency\":\"USD\"},\"reason\":\"scuffed\"}");
    assertThat(partial.status()).as(partial.text()).isEqualTo(202);
    JsonNode refunded = acme.awaitOrder(orderOf(paymentId), alice, o -> o.path("payment").path("refundedAmount").asLong() == 2000);
    assertThat(refunded.path("payment").path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");

    long version = api.get("/v1/payments/" + paymentId, admin).json().path("version").asLong();
    ApiClient.Response tooMuch = api.post("/v1/payments/" + paymentId + "/refunds", admin,
        "{\"amount\":{\"amount\":4000,\"currency\":\"USD\"}}");
    assertThat(tooMuch.status()).as(tooMuch.text()).isEqualTo(422);
    assertThat(tooMuch.json().path("errors").findValuesAsText("field")).containsExactly("amount.amount");
    assertThat(api.post("/v1/payments/" + paymentId + "/refunds", admin, "{\"amount\":{\"amount\":10,\"currency\":\"EUR\"}}")
        .status()).isEqualTo(422);
    assertThat(api.post("/v1/payments/" + paymentId + "/refunds", alice, "{\"amount\":{\"amount\":10,\"currency\":\"USD\"}}")
        .status()).as("customers do not refund themselves").isEqualTo(403);
    assertThat(api.get("/v1/payments/" + paymentId, admin).json().path("version").asLong()).isEqualTo(version);

    assertThat(api.post("/v1/payments/" + paymentId + "/refunds", admin, "{\"amount\":{\"amount\":3999,\"currency\":\"USD\"}}")
        .status()).isEqualTo(202);
    assertThat(acme.awaitOrder(orderOf(paymentId), alice, paymentIs("REFUNDED")).path("payment").path("refundedAmount").asLong())
        .isEqualTo(5999);
  }

  @Test
  void yenArePaidAndRefundedInWholeYen() {
    String paymentId = payable(alice, "alice", "JPY", "YEN", 3);
    JsonNode view = api.get("/v1/payments/" + paymentId, alice).json();
    assertThat(view.path("amount").path("amount").asLong()).isEqualTo(1500);
    assertThat(view.path("amount").path("currency").asText()).isEqualTo("JPY");
    confirm(paymentId, alice, "pm_card_visa");
    acme.awaitOrder(orderOf(paymentId), alice, status("PAID"));
    assertThat(api.post("/v1/payments/" + paymentId + "/refunds", admin, "{\"amount\":{\"amount\":1501,\"currency\":\"JPY\"}}")
        .status()).isEqualTo(422);
  }

  @Test
  void cancellingAPaidOrderRefundsIt() {
    String paymentId = payable(alice, "alice", "USD", "SHOE", 1);
    confirm(paymentId, alice, "pm_card_visa");
    acme.awaitOrder(orderOf(paymentId), alice, status("PAID"));
    assertThat(api.post("/v1/orders/" + orderOf(paymentId) + "/cancel", alice, "{\"reason\":\"changed my mind\"}").status())
        .isEqualTo(202);
    JsonNode cancelled = acme.awaitOrder(orderOf(paymentId), alice, paymentIs("REFUNDED"));
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("payment").path("refundedAmount").asLong()).isEqualTo(5999);
  }

  @Test
  void theWalletPaysAndNeverGoesNegative() {
    String carol = acme.customer("carol");
    String paymentId = payable(carol, "carol", "USD", "SHOE", 1);
    assertThat(api.post("/v1/wallets/carol/credits", admin, "{\"amount\":{\"amount\":3000,\"currency\":\"USD\"}}").status())
        .isEqualTo(202);
    awaitBalance(carol, 3000);
    confirm(paymentId, carol, "wallet");
    JsonNode refused = acme.awaitOrder(orderOf(paymentId), carol, o -> "insufficient_funds".equals(o.path("payment").path("failureCode").asText()));
    assertThat(refused.path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(balance(carol)).isEqualTo(3000);

    api.post("/v1/wallets/carol/credits", admin, "{\"amount\":{\"amount\":3000,\"currency\":\"USD\"}}");
    awaitBalance(carol, 6000);
    confirm(paymentId, carol, "wallet");
    assertThat(acme.awaitOrder(orderOf(paymentId), carol, status("PAID")).path("payment")
        .path("methodType").asText()).isEqualTo("wallet");
    assertThat(balance(carol)).isEqualTo(1);
    assertThat(api.get("/v1/wallets/carol", bob).status()).isEqualTo(404);
  }

  private long balance(String token) {
    JsonNode balances = api.get("/v1/wallets/carol", token).json().path("balances");
    for (JsonNode balance : balances) {
      if ("USD".equals(balance.path("currency").asText())) {
        return balance.path("amount").asLong();
      }
    }
    return 0;
  }

  private void awaitBalance(String token, long expected) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (balance(token) != expected && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(balance(token)).isEqualTo(expected);
  }
}
