package io.fusioncommerce.e2e.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** The order saga on the embedded platform, driven over HTTP. */
@PlatformTest
class OrderSagaIT extends PlatformJourney {

  private final String alice = acme.customer("alice");

  OrderSagaIT(TestTenant acme) {
    super(acme);
    acme.seedProductInStock("SHOE", 5999, "USD", "v-shoes", 10);
    acme.seedProductInStock("SOCK", 499, "USD", "v-socks", 3);
    acme.seedProduct("DEAL", 100, "USD", "v-deals");
    acme.seedProductInStock("YEN", 500, "JPY", "v-jp", 10);
    acme.seedProduct("LIMITED", 2500, "USD", "v-limited");
  }

  @Test
  void anOrderIsPricedByTheCatalogReservedAndConfirmed() {
    String id = acme.placeOrder(alice, "alice", "USD", "[{\"sku\":\"SHOE\",\"quantity\":2},{\"sku\":\"SOCK\",\"quantity\":1}]");
    JsonNode order = acme.settledOrder(id, alice);

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
    String id = acme.placeOrder(alice, "alice", "JPY", "[{\"sku\":\"YEN\",\"quantity\":3}]");
    JsonNode order = acme.settledOrder(id, alice);
    assertThat(order.path("total").path("amount").asLong()).isEqualTo(1500);
    assertThat(order.path("total").path("currency").asText()).isEqualTo("JPY");
  }

  @Test
  void aCustomerPastThePerCustomerLimitIsRejectedWithTheReasonAndOthersStillBuy() {
    acme.setStock("LIMITED", 100);
    String hoarder = acme.token("hoarder", "customer");
    String bob = acme.token("bob", "customer");
    String line = "[{\"sku\":\"LIMITED\",\"quantity\":10}]";

    // the defaults: 10 units of a SKU per order, 20 per customer and SKU within 24 h
    assertThat(acme.settledOrder(acme.placeOrder(hoarder, "hoarder", "USD", line), hoarder).path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(acme.settledOrder(acme.placeOrder(hoarder, "hoarder", "USD", line), hoarder).path("status").asText()).isEqualTo("CONFIRMED");
    JsonNode refused = acme.settledOrder(acme.placeOrder(hoarder, "hoarder", "USD", "[{\"sku\":\"LIMITED\",\"quantity\":1}]"), hoarder);
    assertThat(refused.path("status").asText()).isEqualTo("REJECTED");
    assertThat(refused.path("rejectionReason").asText()).isEqualTo("CUSTOMER_LIMIT_EXCEEDED");
    assertThat(acme.settledOrder(acme.placeOrder(bob, "bob", "USD", line), bob).path("status").asText()).isEqualTo("CONFIRMED");

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
    String id = acme.placeOrder(alice, "alice", "USD", "[{\"sku\":\"SHOE\",\"quantity\":1},{\"sku\":\"SOCK\",\"quantity\":5}]");
    JsonNode order = acme.settledOrder(id, alice);
    assertThat(order.path("status").asText()).isEqualTo("REJECTED");
    assertThat(order.path("rejectionReason").asText()).isEqualTo("INSUFFICIENT_STOCK");
    JsonNode shoes = api.get("/v1/inventory/SHOE?waitMs=3000", admin).json();
    assertThat(shoes.path("available").asLong()).isEqualTo(shoesBefore);

    String unknown = acme.placeOrder(alice, "alice", "USD", "[{\"sku\":\"NOPE\",\"quantity\":1}]");
    assertThat(acme.settledOrder(unknown, alice).path("rejectionReason").asText()).isEqualTo("UNKNOWN_SKU");
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
    acme.settledOrder(id, alice);
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
    String id = acme.placeOrder(alice, "alice", "USD", "[{\"sku\":\"SHOE\",\"quantity\":3}]");
    JsonNode confirmed = acme.settledOrder(id, alice);
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
    String id = acme.placeOrder(alice, "alice", "USD", "[{\"sku\":\"SHOE\",\"quantity\":1},{\"sku\":\"SOCK\",\"quantity\":1}]");
    acme.settledOrder(id, alice);
    String bob = acme.token("bob", "customer");
    assertThat(api.get("/v1/orders/" + id, bob).status()).isEqualTo(404);
    assertThat(api.post("/v1/orders/" + id + "/cancel", bob, "{}").status()).isEqualTo(404);
    String otherTenant = acme.otherTenantToken("alice", "customer");
    assertThat(api.get("/v1/orders/" + id, otherTenant).status()).isEqualTo(404);

    String sockVendor = acme.vendor("vendor-user", "v-socks");
    JsonNode vendorView = api.get("/v1/orders/" + id, sockVendor).json();
    assertThat(vendorView.path("items").findValuesAsText("sku")).containsExactly("SOCK");
    assertThat(vendorView.path("total").path("amount").asLong()).isEqualTo(499);
    String unrelatedVendor = acme.vendor("vendor-user", "v-hats");
    assertThat(api.get("/v1/orders/" + id, unrelatedVendor).status()).isEqualTo(404);
    assertThat(api.get("/v1/orders/" + id, admin).json().path("items")).hasSize(2);
  }

  @Test
  void aFlashSaleConfirmsExactlyTheUnitsInStock() throws Exception {
    int units = 50;
    int buyers = 1500;
    acme.setStock("DEAL", units);
    HttpClient http = HttpClient.newHttpClient();
    Semaphore inFlight = new Semaphore(64);
    List<CompletableFuture<String>> placed = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      String buyer = "buyer-" + i;
      String token = acme.token(buyer, "customer");
      tokens.add(token);
      inFlight.acquire();
      placed.add(http.sendAsync(HttpRequest.newBuilder(URI.create(acme.platform().baseUrl() + "/v1/orders"))
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
        .mapToObj(i -> acme.settledOrder(ids.get(i), tokens.get(i)).path("status").asText()).filter("CONFIRMED"::equals).count();

    assertThat(confirmed).isEqualTo(units);
    JsonNode deal = api.get("/v1/inventory/DEAL", admin).json();
    assertThat(deal.path("available").asLong()).isZero();
    assertThat(deal.path("reserved").asLong()).isEqualTo(units);
  }
}
