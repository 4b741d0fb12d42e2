package io.fusioncommerce.e2e.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.OwnPlatform;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.TestTenant;
import io.fusioncommerce.ingress.browser.DashboardPage;
import io.fusioncommerce.ingress.browser.HeadlessChromium;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Analytics on the whole embedded platform with Apache Druid, as `./fusion start` runs it: orders placed
 * over HTTP are counted by {@code /v1/analytics/sales} (Druid SQL) exactly as the orders themselves add
 * up, per currency and per vendor, scoped to the caller; then the operator's dashboard, in a real browser,
 * shows a live tile move when one more order is placed and the best sellers from Druid.
 */
@OwnPlatform(analytics = true) // Druid's four services and ZooKeeper: not for the shared platform
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsDashboardJourneyIT extends PlatformJourney {

  /** Druid starts after the core (half a minute here, more on a busy machine), then ingests. */
  private static final Duration DRUID_WITHIN = Duration.ofMinutes(5);

  private final Map<String, Long> confirmedRevenue = new HashMap<>();
  private long confirmedUnits;
  private long confirmedOrders;
  private long teaRevenue;

  AnalyticsDashboardJourneyIT(TestTenant acme) {
    super(acme);
    acme.seedProductInStock("TEA", 1250, "EUR", "v-tea", 500);
    acme.seedProductInStock("MUG", 2000, "USD", "v-home", 6);
  }

  @Test
  @Order(1)
  void salesFromDruidAddUpToTheConfirmedOrdersForEachCallerScope() {
    place("alice", "EUR", "[{\"sku\":\"TEA\",\"quantity\":3}]");
    place("bob", "USD", "[{\"sku\":\"MUG\",\"quantity\":2}]");
    place("carol", "EUR", "[{\"sku\":\"TEA\",\"quantity\":1}]");
    place("dave", "USD", "[{\"sku\":\"MUG\",\"quantity\":10}]"); // more than the 4 left: rejected, not a sale
    place("erin", "USD", "[{\"sku\":\"MUG\",\"quantity\":4}]");
    assertThat(confirmedOrders).isEqualTo(4);

    await().atMost(DRUID_WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      ApiClient.Response sales = api.get(salesPath(null), admin);
      assertThat(sales.status()).as(sales.text()).isEqualTo(200);
      assertThat(revenueByCurrency(sales.json())).isEqualTo(confirmedRevenue);
      assertThat(sum(sales.json(), "units")).isEqualTo(confirmedUnits);
      assertThat(sum(sales.json(), "orders")).isEqualTo(confirmedOrders);
    });

    JsonNode byVendor = api.get(salesPath("vendor"), admin).json();
    assertThat(revenueOf(byVendor, "v-tea")).isEqualTo(teaRevenue);

    // a vendor sees its own sales only, and may not name another vendor
    String teaVendor = acme.vendor("tea-seller", "v-tea");
    JsonNode own = api.get(salesPath(null), teaVendor).json();
    assertThat(revenueByCurrency(own)).isEqualTo(Map.of("EUR", teaRevenue));
    ApiClient.Response other = api.get(salesPath(null) + "&vendor=v-home", teaVendor);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.json().path("errors").get(0).path("field").asText()).isEqualTo("vendor");

    // another tenant's analyst sees nothing of it
    JsonNode stranger = api.get(salesPath(null), acme.otherTenantToken("spy", "analyst")).json();
    assertThat(stranger.path("series")).isEmpty();
  }

  @Test
  @Order(2)
  void theOperatorsDashboardShowsALiveTileMoveAndTheBestSellersFromDruid() {
    try (HeadlessChromium chromium = HeadlessChromium.startOrSkip()) {
      DashboardPage dashboard = new DashboardPage(chromium.driver(), Duration.ofSeconds(60))
          .open(api.baseUrl()).signIn(acme.id(), "ops-lead", "operator");
      long placedBefore = placedInTheLastHour();
      dashboard.awaitText("tile-orders", Long.toString(placedBefore));
      dashboard.awaitContains("top-products", "TEA");

      place("frank", "EUR", "[{\"sku\":\"TEA\",\"quantity\":2}]");
      dashboard.awaitText("tile-orders", Long.toString(placedBefore + 1));

      chromium.screenshot(Path.of("target", "dashboard-platform.png"));
    }
  }

  /** Places the order, waits until it settles and books what a confirmation sells. */
  private void place(String customer, String currency, String items) {
    String token = acme.customer(customer);
    String id = acme.placeOrder(token, customer, currency, items);
    JsonNode order = acme.settledOrder(id, token);
    if ("CONFIRMED".equals(order.path("status").asText())) {
      long total = order.path("total").path("amount").asLong();
      confirmedRevenue.merge(order.path("total").path("currency").asText(), total, Long::sum);
      confirmedOrders++;
      for (JsonNode line : order.path("items")) {
        confirmedUnits += line.path("quantity").asLong();
      }
      if (items.contains("TEA")) {
        teaRevenue += total;
      }
    }
  }

  private long placedInTheLastHour() {
    return acme.platform().liveFigures().figures(acme.id()).orElseThrow().minutes().stream()
        .mapToLong(minute -> minute.ordersPlaced()).sum();
  }

  private static String salesPath(String groupBy) {
    Instant now = Instant.now();
    return "/v1/analytics/sales?granularity=hour"
        + "&from=" + URLEncoder.encode(now.minus(3, ChronoUnit.HOURS).toString(), StandardCharsets.UTF_8)
        + "&to=" + URLEncoder.encode(now.plus(1, ChronoUnit.HOURS).toString(), StandardCharsets.UTF_8)
        + (groupBy == null ? "" : "&groupBy=" + groupBy);
  }

  private static Map<String, Long> revenueByCurrency(JsonNode sales) {
    Map<String, Long> revenue = new HashMap<>();
    for (JsonNode point : sales.path("series")) {
      revenue.merge(point.path("revenue").path("currency").asText(), point.path("revenue").path("amount").asLong(),
          Long::sum);
    }
    return revenue;
  }

  private static long revenueOf(JsonNode sales, String group) {
    long revenue = 0;
    for (JsonNode point : sales.path("series")) {
      if (group.equals(point.path("group").asText())) {
        revenue += point.path("revenue").path("amount").asLong();
      }
    }
    return revenue;
  }

  private static long sum(JsonNode sales, String field) {
    long total = 0;
    for (JsonNode point : sales.path("series")) {
      total += point.path(field).asLong();
    }
    return total;
  }
}
