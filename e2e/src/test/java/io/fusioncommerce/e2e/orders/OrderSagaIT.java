package io.fusioncommerce.e2e.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.fixtures.CatalogSeed;
import io.fusioncommerce.e2e.platform.TestPlatforms;
import io.fusioncommerce.runtime.platform.EmbeddedPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The order saga on the embedded platform, driven over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSagaIT {

  @TempDir static Path dataDir;
  EmbeddedPlatform platform;
  ApiClient api;
  String admin;
  String alice;

  @BeforeAll
  void start() {
    platform = TestPlatforms.start(dataDir);
    api = new ApiClient(platform.baseUrl());
    admin = api.token("acme", "admin-1", "admin");
    alice = api.token("acme", "alice", "customer");
    try (CatalogSeed catalog = new CatalogSeed(platform.bootstrapServers(), platform.schemaRegistryUrl())) {
      catalog.product("acme", "SHOE", 5999, "USD", "v-shoes");
      catalog.product("acme", "SOCK", 499, "USD", "v-socks");
      catalog.product("acme", "DEAL", 100, "USD", "v-deals");
      catalog.product("acme", "YEN", 500, "JPY", "v-jp");
      catalog.product("acme", "LIMITED", 2500, "USD", "v-limited");
    }
    setStock("SHOE", 10);
    setStock("SOCK", 3);
    setStock("YEN", 10);
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  private void setStock(String sku, long available) {
    assertThat(api.put("/v1/inventory/" + sku, admin, "{\"available\":" + available + "}").status()).isEqualTo(202);
    assertThat(api.get("/v1/inventory/" + sku + "?waitMs=10000&version=0", admin).status()).isEqualTo(200);
  }

  private String place(String token, String customer, String currency, String items) {
    ApiClient.Response accepted = api.post("/v1/orders", token,
        "{\"customerId\":\"" + customer + "\",\"currency\":\"" + currency + "\",\"items\":" + items + "}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    assertThat(accepted.json().path("status").asText()).isEqualTo("CREATED");
    return accepted.json().path("orderId").asText();
  }

  /** The order once it left CREATED (long-polling on its version, never waiting on a settled one). */
  private JsonNode settled(String orderId, String token) {
    JsonNode order = api.get("/v1/orders/" + orderId, token).json();
    long deadline = System.currentTimeMillis() + 15_000;
    while (!isSettled(order) && System.currentTimeMillis() < deadline) {
      order = api.get("/v1/orders/" + orderId + "?waitMs=5000&version=" + order.path("version").asLong(0), token).json();
    }
    return order;
  }

  private static boolean isSettled(JsonNode order) {
    String status = order.path("status").asText();
    return !status.isEmpty() && !"CREATED".equals(status) && order.has("orderId");
  }

  @Test
  void anOrderIsPricedByTheCatalogReservedAndConfirmed() {
    String id = place(alice, "alice", "USD", "[{\"sku\":\"SHOE\",\"quantity\":2},{\"sku\":\"SOCK\",\"quantity\":1}]");
    JsonNode order = settled(id, alice);

    assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(order.path("total").path("amount").asLong()).isEqualTo(2 * 5999 + 499);
    assertThat(order.path("items").findValuesAsText("vendorId")).containsExactly("v-shoes", "v-socks");
    assertThat(order.path("vendorOrders")).hasSize(2);
    assertThat(api.get("/v1/inventory/SHOE", admin).json().path("reserved").asLong()).isGreaterThanOrEqualTo(2);

    List<String> history = api.get("/v1/orders/" + id + "/history", alice).json().path("items").findValuesAsText("type");
    assertThat(history).startsWith("PlaceOrder").contains("StockReserved", "StatusChanged");
  }

  @Test
  void zeroDecimalCurrenciesStayWholeUnits() {
    String id = place(alice, "alice", "JPY", "[{\"sku\":\"YEN\",\"quantity\":3}]");
    JsonNode order = settled(id, alice);
    assertThat(order.path("total").path("amount").asLong()).isEqualTo(1500);
    assertThat(order.path("total").path("currency").asText()).isEqualTo("JPY");
  }

  @Test
  void aCustomerPastThePerCustomerLimitIsRejectedWithTheReasonAndOthersStillBuy() {
    setStock("LIMITED", 100);
    String hoarder = api.token("acme", "hoarder", "customer");
    String bob = api.token("acme", "bob", "customer");
    String line = "[{\"sku\":\"LIMITED\",\"quantity\":10}]";

    // the defaults: 10 units of a SKU per order, 20 per customer and SKU within 24 h
    assertThat(settled(place(hoarder, "hoarder", "USD", line), hoarder).path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(settled(place(hoarder, "hoarder", "USD", line), hoarder).path("status").asText()).isEqualTo("CONFIRMED");
    JsonNode refused = settled(place(hoarder, "hoarder", "USD", "[{\"sku\":\"LIMITED\",\"quantity\":1}]"), hoarder);
    assertThat(refused.path("status").asText()).isEqualTo("REJECTED");
    assertThat(refused.path("rejectionReason").asText()).isEqualTo("CUSTOMER_LIMIT_EXCEEDED");
    assertThat(settled(place(bob, "bob", "USD", line), bob).path("status").asText()).isEqualTo("CONFIRMED");

    // more than the per-order maximum is refused before anything is written
    ApiClient.Response tooMany = api.post("/v1/orders", bob,
        "{\"customerId\":\"bob\",\"currency\":\"USD\",\"items\":[{\"sku\":\"LIMITED\",\"quantity\":11}]}");
    assertThat(tooMany.status()).as(tooMany.text()).isEqualTo(422);
    assertThat(tooMany.json().path("errors").get(0).path("field").asText()).isEqualTo("items");

    JsonNode stock = api.get("/v1/inventory/LIMITED", admin).json();
    assertThat(stock.path("reserved").asLong()).isEqualTo(30);
    assertThat(stock.path("available").asLong()).isEqualTo(70);
  }

  @Test
  void aLineThatCannotBeHeldRejectsTheOrderAndReleasesTheOthers() {
    long shoesBefore = api.get("/v1/inventory/SHOE", admin).json().path("available").asLong();
    String id = place(alice, "alice", "USD", "[{\"sku\":\"SHOE\",\"quantity\":1},{\"sku\":\"SOCK\",\"quantity\":5}]");
    JsonNode order = settled(id, alice);
    assertThat(order.path("status").asText()).isEqualTo("REJECTED");
    assertThat(order.path("rejectionReason").asText()).isEqualTo("INSUFFICIENT_STOCK");
    JsonNode shoes = api.get("/v1/inventory/SHOE?waitMs=3000", admin).json();
    assertThat(shoes.path("available").asLong()).isEqualTo(shoesBefore);

    String unknown = place(alice, "alice", "USD", "[{\"sku\":\"NOPE\",\"quantity\":1}]");
    assertThat(settled(unknown, alice).path("rejectionReason").asText()).isEqualTo("UNKNOWN_SKU");
  }

  @Test
  void badOrdersAreRefusedWithTheFieldAndNothingIsWritten() {
    var priced = api.post("/v1/orders", alice,
        "{\"customerId\":\"alice\",\"currency\":\"USD\",\"items\":[{\"sku\":\"SHOE\",\"quantity\":1,\"price\":1}]}");
    assertThat(priced.status()).isEqualTo(400);
    assertThat(priced.json().path("errors").get(0).path("field").asText()).isEqualTo("items[0].price");

    var zero = api.post("/v1/orders", alice, "{\"customerId\":\"alice\",\"currency\":\"USD\",\"items\":[{\"sku\":\"SHOE\",\"quantity\":0}]}");
    assertThat(zero.json().path("errors").get(0).path("field").asText()).isEqualTo("items[0].quantity");
    var currency = api.post("/v1/orders", alice, "{\"customerId\":\"alice\",\"currency\":\"XXQ\",\"items\":[{\"sku\":\"SHOE\",\"quantity\":1}]}");
    assertThat(currency.status()).isEqualTo(400);

    var forSomeoneElse = api.post("/v1/orders", alice, "{\"customerId\":\"bob\",\"currency\":\"USD\",\"items\":[{\"sku\":\"SHOE\",\"quantity\":1}]}");
    assertThat(forSomeoneElse.status()).isEqualTo(403);
    var b2b = api.post("/v1/orders", alice, "{\"customerId\":\"alice\",\"currency\":\"USD\",\"organizationId\":\"org-1\","
        + "\"purchaseOrderNumber\":\"PO-1\",\"items\":[{\"sku\":\"SHOE\",\"quantity\":1}]}");
    assertThat(b2b.status()).isEqualTo(403);
  }

  @Test
  void theSameIdempotencyKeyPlacesOneOrderAndADifferentBodyIsRefused() {
    String body = "{\"customerId\":\"alice\",\"currency\":\"USD\",\"items\":[{\"sku\":\"SOCK\",\"quantity\":1}]}";
    var first = api.send("POST", "/v1/orders", alice, body, Map.of("Idempotency-Key", "checkout-42"));
    String id = first.json().path("orderId").asText();
    settled(id, alice);
    var again = api.send("POST", "/v1/orders", alice, body, Map.of("Idempotency-Key", "checkout-42"));
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().path("orderId").asText()).isEqualTo(id);
    var different = api.send("POST", "/v1/orders", alice, body.replace("\"quantity\":1", "\"quantity\":2"),
        Map.of("Idempotency-Key", "checkout-42"));
    assertThat(different.status()).isEqualTo(422);
    assertThat(api.get("/v1/orders/" + id + "/history", alice).json().path("items").findValuesAsText("type")
        .stream().filter("PlaceOrder"::equals).count()).isEqualTo(1);
  }

  @Test
  void cancellingReleasesTheStockAndAFinalOrderCannotBeCancelled() {
    String id = place(alice, "alice", "USD", "[{\"sku\":\"SHOE\",\"quantity\":3}]");
    JsonNode confirmed = settled(id, alice);
    assertThat(confirmed.path("status").asText()).isEqualTo("CONFIRMED");
    long available = api.get("/v1/inventory/SHOE", admin).json().path("available").asLong();

    assertThat(api.post("/v1/orders/" + id + "/cancel", alice, "{\"reason\":\"changed my mind\"}").status()).isEqualTo(202);
    JsonNode cancelled = api.get("/v1/orders/" + id + "?waitMs=10000&version=" + confirmed.path("version").asLong(), alice).json();
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    JsonNode shoes = api.get("/v1/inventory/SHOE?waitMs=5000", admin).json();
    assertThat(shoes.path("available").asLong()).isGreaterThanOrEqualTo(available + 3);

    assertThat(api.post("/v1/orders/" + id + "/cancel", alice, "{}").status()).isEqualTo(409);
  }

  @Test
  void ordersAreVisibleToTheirBuyerStaffAndVendorsForTheirOwnPartOnly() {
    String id = place(alice, "alice", "USD", "[{\"sku\":\"SHOE\",\"quantity\":1},{\"sku\":\"SOCK\",\"quantity\":1}]");
    settled(id, alice);
    String bob = api.token("acme", "bob", "customer");
    assertThat(api.get("/v1/orders/" + id, bob).status()).isEqualTo(404);
    assertThat(api.post("/v1/orders/" + id + "/cancel", bob, "{}").status()).isEqualTo(404);
    String otherTenant = api.token("globex", "alice", "customer");
    assertThat(api.get("/v1/orders/" + id, otherTenant).status()).isEqualTo(404);

    String sockVendor = api.vendorToken("acme", "vendor-user", "v-socks", "vendor");
    JsonNode vendorView = api.get("/v1/orders/" + id, sockVendor).json();
    assertThat(vendorView.path("items").findValuesAsText("sku")).containsExactly("SOCK");
    assertThat(vendorView.path("total").path("amount").asLong()).isEqualTo(499);
    String unrelatedVendor = api.vendorToken("acme", "vendor-user", "v-hats", "vendor");
    assertThat(api.get("/v1/orders/" + id, unrelatedVendor).status()).isEqualTo(404);
    assertThat(api.get("/v1/orders/" + id, admin).json().path("items")).hasSize(2);
  }

  @Test
  void aFlashSaleConfirmsExactlyTheUnitsInStock() throws Exception {
    int units = 50;
    int buyers = 1500;
    setStock("DEAL", units);
    HttpClient http = HttpClient.newHttpClient();
    Semaphore inFlight = new Semaphore(64);
    List<CompletableFuture<String>> placed = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      String buyer = "buyer-" + i;
      String token = api.token("acme", buyer, "customer");
      tokens.add(token);
      inFlight.acquire();
      placed.add(http.sendAsync(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/orders"))
              .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + buyer
                  + "\",\"currency\":\"USD\",\"items\":[{\"sku\":\"DEAL\",\"quantity\":1}]}")).build(),
              HttpResponse.BodyHandlers.ofString())
          .whenComplete((r, e) -> inFlight.release())
          .thenApply(r -> {
            assertThat(r.statusCode()).isEqualTo(202);
            return r.body().replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");
          }));
    }
    List<String> ids = placed.stream().map(CompletableFuture::join).toList();
    // each buyer follows its own order, as real buyers do (one admin polling 1,500 orders would be rate-limited)
    long confirmed = java.util.stream.IntStream.range(0, buyers)
        .mapToObj(i -> settled(ids.get(i), tokens.get(i)).path("status").asText()).filter("CONFIRMED"::equals).count();

    assertThat(confirmed).isEqualTo(units);
    JsonNode deal = api.get("/v1/inventory/DEAL", admin).json();
    assertThat(deal.path("available").asLong()).isZero();
    assertThat(deal.path("reserved").asLong()).isEqualTo(units);
  }
}
