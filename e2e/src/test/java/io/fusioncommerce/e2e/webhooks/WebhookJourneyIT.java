package io.fusioncommerce.e2e.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import io.fusioncommerce.e2e.webhooks.SignedWebhookReceiver.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound webhooks over HTTP on the embedded platform: an admin subscribes a local receiver to
 * order.created, order.confirmed and inventory.low-stock; an order that takes the stock down to its
 * threshold reaches the receiver as signed deliveries (valid with the secret of the subscription, the
 * order's created before its confirmed), the deliveries are listed with their attempts, a replay
 * resends one, and another tenant finds none of it.
 */
@PlatformTest
class WebhookJourneyIT extends PlatformJourney {

  private final SignedWebhookReceiver receiver = SignedWebhookReceiver.start("/fusion-hook");
  private final List<Delivery> received = receiver.received();

  WebhookJourneyIT(TestTenant acme) {
    super(acme);
    acme.createProduct("HOOK-MUG", "v-mugs", 1200);
    acme.productCreated("HOOK-MUG");
    ApiClient.Response stocked = api.put("/v1/inventory/HOOK-MUG", admin, "{\"available\":3,\"lowStockThreshold\":2}");
    assertThat(stocked.status()).as(stocked.text()).isEqualTo(202);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void anOrderReachesTheSubscribedReceiverAsSignedDeliveriesThatCanBeListedAndReplayed() {
    String url = receiver.url();
    ApiClient.Response subscribed = api.post("/v1/webhooks/subscriptions", admin,
        "{\"url\":\"" + url + "\",\"events\":[\"order.created\",\"order.confirmed\",\"inventory.low-stock\"]}");
    assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(201);
    String subscriptionId = subscribed.json().path("subscriptionId").asText();
    String secret = subscribed.json().path("secret").asText();
    receiver.secret(secret);
    assertThat(secret).startsWith("whsec_");

    String orderId = acme.placeOrder(acme.customer("mug-fan"), "mug-fan", "USD",
        "[{\"sku\":\"HOOK-MUG\",\"quantity\":2}]");
    acme.awaitOrder(orderId, admin, TestTenant.status("CONFIRMED"));

    await().atMost(TestTenant.WITHIN).pollInterval(Duration.ofMillis(200)).until(() ->
        types(orderId).containsAll(List.of("order.created", "order.confirmed"))
            && received.stream().anyMatch(d -> d.event().path("type").asText().equals("inventory.low-stock")));
    assertThat(received).allMatch(Delivery::signatureValid);
    assertThat(received).allMatch(d -> d.event().path("tenantId").asText().equals(acme.id()));
    assertThat(types(orderId)).containsSubsequence("order.created", "order.confirmed");
    Delivery lowStock = received.stream().filter(d -> d.event().path("type").asText().equals("inventory.low-stock"))
        .findFirst().orElseThrow();
    assertThat(lowStock.event().at("/data/sku").asText()).isEqualTo("HOOK-MUG");
    assertThat(lowStock.event().at("/data/totalAvailable").asLong()).isEqualTo(1);
    assertThat(lowStock.eventId()).isEqualTo(lowStock.event().path("id").asText());

    JsonNode deliveries = await().atMost(TestTenant.WITHIN).until(
        () -> api.get("/v1/webhooks/subscriptions/" + subscriptionId + "/deliveries", admin).json(),
        page -> page.path("items").size() >= 3 && page.path("items").findValuesAsText("status").stream()
            .allMatch("DELIVERED"::equals));
    JsonNode confirmed = null;
    for (JsonNode item : deliveries.path("items")) {
      assertThat(item.path("attemptLog").get(0).path("statusCode").asInt()).isEqualTo(204);
      if (item.path("eventType").asText().equals("order.confirmed")) {
        confirmed = item;
      }
    }
    assertThat(confirmed).isNotNull();

    int before = received.size();
    ApiClient.Response replayed = api.post("/v1/webhooks/deliveries/" + confirmed.path("deliveryId").asText()
        + "/replay", admin, null);
    assertThat(replayed.status()).as(replayed.text()).isEqualTo(202);
    String confirmedEventId = confirmed.path("eventId").asText();
    await().atMost(TestTenant.WITHIN).until(() -> received.size() > before
        && received.get(received.size() - 1).eventId().equals(confirmedEventId));
    assertThat(received.get(received.size() - 1).signatureValid()).isTrue();

    String other = acme.otherTenantToken("boss", "admin");
    assertThat(api.get("/v1/webhooks/subscriptions/" + subscriptionId, other).status()).isEqualTo(404);
    assertThat(api.get("/v1/webhooks/subscriptions/" + subscriptionId + "/deliveries", other).status()).isEqualTo(404);
    assertThat(api.post("/v1/webhooks/deliveries/" + confirmed.path("deliveryId").asText() + "/replay", other, null)
        .status()).isEqualTo(404);
    assertThat(api.get("/v1/webhooks/subscriptions", other).json().path("items")).isEmpty();
    assertThat(api.post("/v1/webhooks/subscriptions", acme.customer("mug-fan"),
        "{\"url\":\"" + url + "\",\"events\":[\"order.created\"]}").status()).isEqualTo(403);

    assertThat(api.send("DELETE", "/v1/webhooks/subscriptions/" + subscriptionId, admin, null, Map.of()).status())
        .isEqualTo(204);
  }

  private List<String> types(String orderId) {
    return received.stream().filter(d -> orderId.equals(d.event().at("/data/orderId").asText()))
        .map(d -> d.event().path("type").asText()).toList();
  }
}
