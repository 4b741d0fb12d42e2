package io.fusioncommerce.e2e.journeys;

import static io.fusioncommerce.e2e.platform.TestTenant.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import io.fusioncommerce.e2e.webhooks.SignedWebhookReceiver;
import io.fusioncommerce.e2e.webhooks.SignedWebhookReceiver.Delivery;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole life of a cart on the embedded platform, over HTTP: a cart with a coupon and Californian tax is
 * checked out, paid with the sandbox's test card, shipped and delivered; one unit comes back and is refunded
 * its share of what was paid (after the discount, with its tax). The customer's mails arrive at the
 * platform's SMTP server, and a local receiver gets the order's and the return's webhook deliveries, every
 * one signed with the subscription's secret.
 */
@PlatformTest
class CommerceLifecycleIT extends PlatformJourney {

  private static final String ADDRESS = "{\"name\":\"Ada\",\"line1\":\"1 Main St\",\"city\":\"Los Angeles\","
      + "\"region\":\"CA\",\"postalCode\":\"90001\",\"country\":\"US\"}";

  private final SignedWebhookReceiver receiver = SignedWebhookReceiver.start("/hook");
  private final List<Delivery> received = receiver.received();
  private final String ada = acme.customer("ada");

  CommerceLifecycleIT(TestTenant acme) {
    super(acme);
    acme.seedProductInStock("LIFE-KETTLE", 5000, "USD", "v-kettles", 20);
    acme.seedProductInStock("LIFE-MUG", 999, "USD", "v-mugs", 20);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void aCartWithACouponAndTaxIsPaidShippedReturnedAndRefundedWithItsMailsAndWebhooks() {
    ApiClient.Response subscribed = api.post("/v1/webhooks/subscriptions", admin, "{\"url\":\""
        + receiver.url() + "\",\"events\":[\"order.confirmed\",\"order.delivered\","
        + "\"return.requested\",\"return.refunded\"]}");
    assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(201);
    receiver.secret(subscribed.json().path("secret").asText());
    assertThat(api.put("/v1/tax/rates/US", admin, "{\"rate\":\"0.00\",\"inclusive\":false,\"regions\":{\"CA\":\"0.0725\"}}")
        .status()).isEqualTo(200);
    assertThat(api.post("/v1/promotions", admin, "{\"code\":\"LIFE10\",\"type\":\"PERCENT_OFF\",\"value\":10,"
        + "\"currency\":\"USD\",\"usageLimit\":10}").status()).isEqualTo(201);

    // the cart: two kettles and a mug, 10 % off, taxed at 7.25 % once the address is known
    String cartId = api.post("/v1/carts", ada, "{\"customerId\":\"ada\",\"currency\":\"USD\"}").json().path("cartId").asText();
    awaitOk(() -> api.put("/v1/carts/" + cartId + "/items/LIFE-KETTLE", ada, "{\"quantity\":2}"));
    awaitOk(() -> api.put("/v1/carts/" + cartId + "/items/LIFE-MUG", ada, "{\"quantity\":1}"));
    awaitOk(() -> api.post("/v1/carts/" + cartId + "/coupons", ada, "{\"code\":\"LIFE10\"}"));
    JsonNode cart = await().atMost(TestTenant.WITHIN).pollInterval(Duration.ofMillis(300)).until(
        () -> api.put("/v1/carts/" + cartId + "/shipping-address", ada, "{\"shippingAddress\":" + ADDRESS + "}").json(),
        c -> c.path("tax").path("amount").asLong() > 0);
    // 10 % of 109.99 = 10.99, split 9.99 / 1.00 over the lines; tax 9001 × 0.0725 → 653, 899 × 0.0725 → 65
    assertThat(cart.path("total").path("amount").asLong()).isEqualTo(10999 - 1099 + 718);

    String email = "ada@" + acme.id() + ".example";
    ApiClient.Response checkout = api.post("/v1/carts/" + cartId + "/checkout", ada,
        "{\"shippingAddress\":" + ADDRESS + ",\"email\":\"" + email + "\"}");
    assertThat(checkout.status()).as(checkout.text()).isEqualTo(202);
    String orderId = checkout.json().path("orderId").asText();

    // paid with the sandbox's test card: the charge is the cart's total
    JsonNode confirmed = acme.awaitOrder(orderId, ada,
        o -> "REQUIRES_PAYMENT_METHOD".equals(o.path("payment").path("status").asText()));
    assertThat(confirmed.path("total").path("amount").asLong()).isEqualTo(10618);
    String paymentId = confirmed.path("payment").path("paymentId").asText();
    assertThat(api.post("/v1/payments/" + paymentId + "/confirm", ada, "{\"paymentMethod\":\"pm_card_visa\"}").status())
        .isEqualTo(202);
    JsonNode shipping = acme.awaitOrder(orderId, ada, o -> "PAID".equals(o.path("status").asText())
        && o.path("shipments").size() == 2
        && o.path("shipments").findValuesAsText("status").stream().allMatch("LABEL_CREATED"::equals));
    for (String shipmentId : shipping.path("shipments").findValuesAsText("shipmentId")) {
      for (String step : List.of("IN_TRANSIT", "DELIVERED")) {
        assertThat(api.post("/v1/shipments/" + shipmentId + "/tracking", admin,
            "{\"status\":\"" + step + "\",\"location\":\"Los Angeles\"}").status()).isEqualTo(202);
      }
    }
    acme.awaitOrder(orderId, ada, status("DELIVERED"));

    // one kettle comes back: its share of the kettles' line (9001 + 653 = 9654 for two) is 4827
    ApiClient.Response requested = await().atMost(TestTenant.WITHIN).pollInterval(Duration.ofMillis(200)).until(
        () -> api.post("/v1/orders/" + orderId + "/returns", ada, "{\"items\":[{\"sku\":\"LIFE-KETTLE\",\"quantity\":1}],"
            + "\"reason\":\"one is enough\"}"), r -> r.status() != 409); // the return ledger follows DELIVERED
    assertThat(requested.status()).as(requested.text()).isEqualTo(202);
    String returnId = requested.json().path("returnId").asText();
    long kettlesBefore = acme.stock("LIFE-KETTLE").path("available").asLong();
    assertThat(api.post("/v1/returns/" + returnId + "/approve", admin, "{}").status()).isEqualTo(202);
    await().atMost(TestTenant.WITHIN).until(() -> "APPROVED".equals(api.get("/v1/returns/" + returnId, ada).json()
        .path("status").asText()));
    assertThat(api.post("/v1/returns/" + returnId + "/receive", admin, "{}").status()).isEqualTo(202);
    JsonNode refunded = await().atMost(TestTenant.WITHIN).until(() -> api.get("/v1/returns/" + returnId, ada).json(),
        r -> "REFUNDED".equals(r.path("status").asText()));
    assertThat(refunded.path("refundAmount").path("amount").asLong()).isEqualTo(4827);
    JsonNode payment = api.get("/v1/payments/" + paymentId, admin).json();
    assertThat(payment.path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(payment.path("refunded").path("amount").asLong()).isEqualTo(4827);
    assertThat(acme.stock("LIFE-KETTLE").path("available").asLong()).isEqualTo(kettlesBefore + 1);

    // the customer's mails, one of each, at the platform's SMTP server
    await().atMost(TestTenant.WITHIN).until(() -> subjects(email).containsAll(List.of(
        "Your order " + orderId + " is confirmed", "Your order " + orderId + " has shipped",
        "Your order " + orderId + " was delivered", "A refund for your order " + orderId)));
    assertThat(subjects(email).stream().filter(s -> s.endsWith("Your order " + orderId + " is confirmed"))).hasSize(1);

    // the webhooks: the order's and the return's events, in order, every one signed
    await().atMost(TestTenant.WITHIN).until(() -> types().containsAll(
        List.of("order.confirmed", "order.delivered", "return.requested", "return.refunded")));
    assertThat(received).allMatch(Delivery::signatureValid);
    assertThat(types()).containsSubsequence("order.confirmed", "order.delivered");
    assertThat(types()).containsSubsequence("return.requested", "return.refunded");
    assertThat(received).allMatch(d -> d.event().path("tenantId").asText().equals(acme.id()));
  }

  private void awaitOk(java.util.concurrent.Callable<ApiClient.Response> call) {
    ApiClient.Response answer = await().atMost(TestTenant.WITHIN).pollInterval(Duration.ofMillis(300))
        .until(call, r -> r.status() == 200 || r.status() >= 500);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
  }

  private List<String> types() {
    return received.stream().map(d -> d.event().path("type").asText()).toList();
  }

  /** The subjects (without the brand prefix) of the mails to {@code recipient} received so far. */
  private List<String> subjects(String recipient) {
    return acme.platform().mailServer().received().stream().filter(mail -> to(mail, recipient))
        .map(CommerceLifecycleIT::subject).map(s -> s.substring(s.indexOf(": ") + 2)).toList();
  }

  private static boolean to(MimeMessage mail, String recipient) {
    try {
      return mail.getAllRecipients() != null && mail.getAllRecipients()[0].toString().equals(recipient);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
