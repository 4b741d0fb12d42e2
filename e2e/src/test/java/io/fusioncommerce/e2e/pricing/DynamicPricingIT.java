package io.fusioncommerce.e2e.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Dynamic pricing over HTTP on the embedded platform: a vendor opts a product in with a short interval,
 * orders push its demand, the price moves up within the bounds, the next order pays the new price and
 * an earlier order keeps its own; bad policies and other vendors are refused.
 */
@PlatformTest
class DynamicPricingIT extends PlatformJourney {

  private final String vendor = acme.vendor("lamp-maker", "v-lamps");

  DynamicPricingIT(TestTenant acme) {
    super(acme);
    acme.createProduct("LAMP", "v-lamps", 5000);
    acme.createProduct("RIVAL-LAMP", "v-rivals", 5000);
    acme.productCreated("LAMP");
    acme.setStock("LAMP", 40);
  }

  private static String policy(long floor, long ceiling, String currency, int step, long interval) {
    return "{\"enabled\":true,\"floor\":{\"amount\":" + floor + ",\"currency\":\"" + currency + "\"},"
        + "\"ceiling\":{\"amount\":" + ceiling + ",\"currency\":\"" + currency + "\"},"
        + "\"maxStepPercent\":" + step + ",\"intervalSeconds\":" + interval + "}";
  }

  private JsonNode price(String sku) {
    ApiClient.Response answer = api.get("/v1/products/" + sku + "/price", acme.customer("shopper"));
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  private JsonNode confirmedOrder(String customer, long quantity) {
    String id = acme.placeOrder(acme.customer(customer), customer, "USD", "[{\"sku\":\"LAMP\",\"quantity\":" + quantity + "}]");
    return acme.awaitOrder(id, admin, TestTenant.status("CONFIRMED"));
  }

  private static long unitPrice(JsonNode order) {
    return order.path("items").get(0).path("unitPrice").path("amount").asLong();
  }

  @Test
  void demandMovesThePriceWithinItsBoundsAndTheNextOrderPaysIt() throws Exception {
    JsonNode early = confirmedOrder("early-bird", 1);
    assertThat(unitPrice(early)).isEqualTo(5000);
    assertThat(price("LAMP").path("reason").asText()).isEqualTo("LIST_PRICE");

    ApiClient.Response accepted = api.put("/v1/products/LAMP/pricing-policy", vendor, policy(4000, 6000, "USD", 10, 10));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    // orders in the first window: demand above anything expected, and 40 units are little cover at that pace
    confirmedOrder("buyer-1", 3);
    confirmedOrder("buyer-2", 3);

    JsonNode moved = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> price("LAMP"), p -> p.path("currentPrice").path("amount").asLong() > 5000);
    long current = moved.path("currentPrice").path("amount").asLong();
    assertThat(current).isBetween(5001L, 5500L); // at most one 10 % step from the list price
    assertThat(moved.path("listPrice").path("amount").asLong()).isEqualTo(5000);
    assertThat(moved.path("reason").asText()).isIn("HIGH_DEMAND", "LOW_STOCK_COVER");
    assertThat(moved.path("validFrom").asText()).isNotEmpty();

    // the next order pays the price in force when it was placed (the price may move again every 10 s:
    // an order placed while the price stood still between two reads must pay exactly that price)
    boolean checked = false;
    for (int attempt = 0; attempt < 5 && !checked; attempt++) {
      Thread.sleep(1000); // the order topology's copy of the current price follows the pricing state closely
      JsonNode before = price("LAMP");
      JsonNode next = confirmedOrder("buyer-next-" + attempt, 1);
      JsonNode after = price("LAMP");
      if (before.path("validFrom").equals(after.path("validFrom"))
          && Duration.between(Instant.parse(before.path("validFrom").asText()), Instant.now()).toMillis() > 1500) {
        long paid = unitPrice(next);
        assertThat(paid).isEqualTo(before.path("currentPrice").path("amount").asLong()).isBetween(4000L, 6000L);
        checked = true;
      }
    }
    assertThat(checked).as("an order placed while the price stood still").isTrue();
    // the early order keeps the price it was placed at
    assertThat(unitPrice(api.get("/v1/orders/" + early.path("orderId").asText(), admin).json())).isEqualTo(5000);
  }

  @Test
  void badPoliciesAreRefusedWithTheFieldAndOtherVendorsAndTenantsCannotSetOne() {
    record Case(String body, String... fields) {}
    for (Case bad : new Case[] {
        new Case(policy(6000, 4000, "USD", 5, 3600), "floor"),
        new Case(policy(-1, 4000, "USD", 5, 3600), "floor.amount"),
        new Case(policy(4000, 6000, "USD", 51, 3600), "maxStepPercent"),
        new Case(policy(4000, 6000, "USD", 0, 3600), "maxStepPercent"),
        new Case(policy(4000, 6000, "EUR", 5, 3600), "floor.currency", "ceiling.currency"),
        new Case(policy(4000, 6000, "USD", 5, 1), "intervalSeconds")}) {
      ApiClient.Response refused = api.put("/v1/products/RIVAL-LAMP/pricing-policy", admin, bad.body());
      assertThat(refused.status()).as(bad.body()).isEqualTo(400);
      assertThat(refused.json().path("errors").findValuesAsText("field")).as(bad.body()).containsExactly(bad.fields());
    }
    assertThat(api.put("/v1/products/RIVAL-LAMP/pricing-policy", vendor, policy(4000, 6000, "USD", 5, 3600)).status())
        .isEqualTo(403);
    assertThat(api.put("/v1/products/RIVAL-LAMP/pricing-policy", acme.customer("shopper"), policy(4000, 6000, "USD", 5, 3600))
        .status()).isEqualTo(403);
    assertThat(api.put("/v1/products/NO-SUCH-LAMP/pricing-policy", admin, policy(4000, 6000, "USD", 5, 3600)).status())
        .isEqualTo(404);
    assertThat(api.put("/v1/products/RIVAL-LAMP/pricing-policy", acme.otherTenantToken("boss", "admin"),
        policy(4000, 6000, "USD", 5, 3600)).status()).isEqualTo(404);
    assertThat(api.get("/v1/products/RIVAL-LAMP/price", acme.otherTenantToken("boss", "admin")).status()).isEqualTo(404);
    // nothing was set: the rival's lamp still costs its list price
    JsonNode rival = price("RIVAL-LAMP");
    assertThat(rival.path("reason").asText()).isEqualTo("LIST_PRICE");
    assertThat(rival.path("currentPrice").path("amount").asLong()).isEqualTo(5000);
  }
}
