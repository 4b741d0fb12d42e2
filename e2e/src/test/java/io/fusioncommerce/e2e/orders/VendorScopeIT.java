package io.fusioncommerce.e2e.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.TestPlatforms;
import io.fusioncommerce.runtime.platform.EmbeddedPlatform;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authorization inside a tenant, over HTTP on the embedded platform: two vendors (v-a sells A-SHOE, v-b
 * sells B-SOCK, both created in the catalog in Postgres), a customer who buys from both, an analyst.
 * A vendor acts only on its own products' stock and sees only its own part of an order (order, history,
 * list); a vendor token without the vendor claim is refused; only the paying customer gets the payment's
 * client secret. See docs/security/authorization.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VendorScopeIT {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  @TempDir static Path dataDir;
  EmbeddedPlatform platform;
  ApiClient api;
  String admin;
  String vendorA;
  String vendorB;

  @BeforeAll
  void start() {
    platform = TestPlatforms.start(dataDir);
    api = new ApiClient(platform.baseUrl());
    admin = api.token("acme", "admin-1", "admin");
    vendorA = api.vendorToken("acme", "seller-a", "v-a", "vendor");
    vendorB = api.vendorToken("acme", "seller-b", "v-b", "vendor");
    createProduct("A-SHOE", "v-a", 5000);
    createProduct("B-SOCK", "v-b", 500);
    awaitProductsCreated(Set.of("A-SHOE", "B-SOCK"));
    setStock("B-SOCK", vendorB, 100);
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  private void createProduct(String sku, String vendor, long price) {
    ApiClient.Response created = api.post("/v1/products", admin, "{\"sku\":\"" + sku + "\",\"vendorId\":\"" + vendor
        + "\",\"name\":\"" + sku + "\",\"price\":{\"amount\":" + price + ",\"currency\":\"USD\"}}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
  }

  /** Sets the stock and waits until the topology applied it; returns the stock's new version. */
  private long setStock(String sku, String token, long available) {
    long before = stock(sku).path("version").asLong(0);
    ApiClient.Response accepted = api.put("/v1/inventory/" + sku, token, "{\"available\":" + available + "}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    JsonNode after = api.get("/v1/inventory/" + sku + "?waitMs=10000&version=" + before, admin).json();
    assertThat(after.path("version").asLong()).isGreaterThan(before);
    return after.path("version").asLong();
  }

  /** The stock as the topology has it (a problem without a version while none was ever set). */
  private JsonNode stock(String sku) {
    return api.get("/v1/inventory/" + sku, admin).json();
  }

  private String place(String token, String customer, String items) {
    ApiClient.Response accepted = api.post("/v1/orders", token,
        "{\"customerId\":\"" + customer + "\",\"currency\":\"USD\",\"items\":" + items + "}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    return accepted.json().path("orderId").asText();
  }

  /** The order once {@code until} holds, long-polling on its version. */
  private JsonNode order(String orderId, String token, Predicate<JsonNode> until) {
    JsonNode order = api.get("/v1/orders/" + orderId, token).json();
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while ((order == null || !order.has("orderId") || !until.test(order)) && System.nanoTime() < deadline) {
      long version = order == null ? 0 : order.path("version").asLong(0);
      order = api.get("/v1/orders/" + orderId + "?waitMs=3000&version=" + version, token).json();
    }
    assertThat(order).isNotNull();
    assertThat(until.test(order)).as("order %s never satisfied the condition: %s", orderId, order).isTrue();
    return order;
  }

  @Test
  void vendorBCannotSetTheStockOfVendorAsSkuAndNothingChanges() {
    long version = setStock("A-SHOE", vendorA, 10);

    ApiClient.Response refused = api.put("/v1/inventory/A-SHOE", vendorB, "{\"available\":0}");
    assertThat(refused.status()).as(refused.text()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().path("detail").asText()).contains("belongs to another vendor");
    assertThat(api.put("/v1/inventory/A-SHOE", vendorB, "{\"available\":0,\"warehouse\":\"east\"}").status())
        .isEqualTo(403);
    assertThat(api.put("/v1/inventory/NO-SUCH-SKU", vendorB, "{\"available\":5}").status()).isEqualTo(404);

    // vendor A's next change is the very next version: vendor B's commands never reached the stock
    assertThat(setStock("A-SHOE", vendorA, 11)).isEqualTo(version + 1);
    JsonNode stock = stock("A-SHOE");
    assertThat(stock.path("available").asLong()).isEqualTo(11);
    assertThat(stock.path("warehouses").has("east")).isFalse();
  }

  @Test
  void aVendorSeesOnlyItsOwnPartOfAnOrderItsHistoryAndTheList() {
    setStock("A-SHOE", admin, 50);
    String carol = api.token("acme", "vs-carol", "customer");
    String orderId = place(carol, "vs-carol", "[{\"sku\":\"A-SHOE\",\"quantity\":1},{\"sku\":\"B-SOCK\",\"quantity\":2}]");
    order(orderId, carol, o -> "CONFIRMED".equals(o.path("status").asText()));

    ApiClient.Response whole = api.get("/v1/orders/" + orderId + "/history", admin);
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.text()).as("staff see every entry").contains("B-SOCK").contains("vs-carol");

    ApiClient.Response history = api.get("/v1/orders/" + orderId + "/history", vendorA);
    assertThat(history.status()).as(history.text()).isEqualTo(200);
    JsonNode items = history.json().path("items");
    assertThat(items.findValuesAsText("type")).contains("StockReserved", "StatusChanged");
    assertThat(items.findValuesAsText("detail")).anyMatch(d -> d.startsWith("A-SHOE"));
    assertThat(history.text()).as("no other vendor's lines, no buyer").doesNotContain("B-SOCK").doesNotContain("vs-carol");

    JsonNode part = api.get("/v1/orders/" + orderId, vendorA).json();
    assertThat(part.path("items").findValuesAsText("sku")).containsExactly("A-SHOE");
    assertThat(part.path("total").path("amount").asLong()).isEqualTo(5000);
    assertThat(part.path("customerId").isNull() || part.path("customerId").isMissingNode()).isTrue();

    JsonNode[] listed = new JsonNode[1];
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      ApiClient.Response list = api.get("/v1/orders?limit=500", vendorA);
      assertThat(list.status()).isEqualTo(200);
      listed[0] = null;
      for (JsonNode row : list.json().path("items")) {
        if (orderId.equals(row.path("orderId").asText())) {
          listed[0] = row;
        }
      }
      assertThat(listed[0]).isNotNull();
    });
    assertThat(listed[0].path("total").path("amount").asLong()).isEqualTo(5000);
    assertThat(listed[0].path("customerId").isNull() || listed[0].path("customerId").isMissingNode()).isTrue();
    assertThat(api.get("/v1/orders?customerId=vs-carol", vendorA).json().path("items")).isEmpty();
  }

  @Test
  void aVendorTokenWithoutTheVendorClaimIsRefused() {
    // an identity provider may issue such a token; the development issuer's HTTP route refuses to
    String withoutClaim = platform.devTokens().issue("seller-x", "acme", List.of("vendor"), null, null,
        Duration.ofMinutes(5));

    ApiClient.Response export = api.get("/v1/products/export", withoutClaim);
    assertThat(export.status()).as("it exported the whole tenant catalogue").isEqualTo(403);
    assertThat(export.header("Content-Type")).startsWith("application/problem+json");
    assertThat(export.json().path("type").asText()).isEqualTo("urn:fusioncommerce:problem:vendor-claim-missing");
    assertThat(export.text()).doesNotContain("A-SHOE");
    assertThat(api.put("/v1/inventory/A-SHOE", withoutClaim, "{\"available\":0}").status()).isEqualTo(403);
    assertThat(api.get("/v1/orders", withoutClaim).status()).isEqualTo(403);

    ApiClient.Response own = api.get("/v1/products/export", vendorA);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.text()).contains("A-SHOE").doesNotContain("B-SOCK");
  }

  @Test
  void onlyThePayingCustomerGetsThePaymentsClientSecret() {
    setStock("A-SHOE", admin, 50);
    String dan = api.token("acme", "vs-dan", "customer");
    String orderId = place(dan, "vs-dan", "[{\"sku\":\"A-SHOE\",\"quantity\":1}]");
    JsonNode order = order(orderId, dan,
        o -> "REQUIRES_PAYMENT_METHOD".equals(o.path("payment").path("status").asText()));
    assertThat(order.path("payment").path("clientSecret").asText()).isNotBlank();
    String paymentId = order.path("payment").path("paymentId").asText();
    assertThat(api.get("/v1/payments/" + paymentId, dan).json().path("clientSecret").asText()).isNotBlank();

    String analyst = api.token("acme", "vs-analyst", "analyst");
    String operator = api.token("acme", "vs-operator", "operator");
    for (String staff : List.of(analyst, admin, operator)) {
      JsonNode seen = api.get("/v1/orders/" + orderId, staff).json();
      assertThat(seen.path("payment").path("paymentId").asText()).isEqualTo(paymentId);
      assertThat(seen.path("payment").path("clientSecret").isNull()
          || seen.path("payment").path("clientSecret").isMissingNode()).isTrue();
      ApiClient.Response payment = api.get("/v1/payments/" + paymentId, staff);
      assertThat(payment.status()).isEqualTo(200);
      assertThat(payment.json().path("clientSecret").isNull() || payment.json().path("clientSecret").isMissingNode())
          .isTrue();
    }
  }

  /** Waits until the catalog topology announced every one of {@code skus} (they are then orderable). */
  private void awaitProductsCreated(Set<String> skus) {
    Set<String> seen = new HashSet<>();
    AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(platform.schemaRegistryUrl()));
    try (KafkaConsumer<SkuKey, ProductCreated> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "vendor-scope-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        serdes.key(SkuKey.class).deserializer(), serdes.value(ProductCreated.class).deserializer())) {
      consumer.subscribe(List.of(Topics.PRODUCT_CREATED.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!seen.containsAll(skus) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value().getSku()));
      }
    }
    assertThat(seen).as("product.created").containsAll(skus);
  }
}
