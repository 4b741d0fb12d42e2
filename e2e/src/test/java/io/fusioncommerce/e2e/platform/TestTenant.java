package io.fusioncommerce.e2e.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.fixtures.CatalogSeed;
import io.fusioncommerce.runtime.platform.EmbeddedPlatform;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.common.SkuKey;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * One test class's tenant on a platform, and the steps its journeys share, each done over HTTP as a
 * client does and checked on the way: products, stock, placing an order, following it to a status.
 */
public final class TestTenant implements AutoCloseable {

  /** How long a step waits for the platform to show what it did. */
  public static final Duration WITHIN = Duration.ofSeconds(30);

  private final RunningPlatform running;
  private final String id;
  private ApiClient api;
  private String admin;
  private CatalogSeed catalog;

  TestTenant(RunningPlatform running, String id) {
    this.running = running;
    this.id = id;
  }

  /** The tenant id the class's tokens carry. */
  public String id() {
    return id;
  }

  /** Another tenant no class writes to on purpose, for checks that tenants do not see each other. */
  public String otherTenant() {
    return id + "-other";
  }

  public EmbeddedPlatform platform() {
    return running.platform();
  }

  /** A client of the platform as it runs now. */
  public ApiClient api() {
    String baseUrl = platform().baseUrl();
    if (api == null || !api.baseUrl().equals(baseUrl)) {
      api = new ApiClient(baseUrl);
    }
    return api;
  }

  public TopicReader topics() {
    return new TopicReader(platform());
  }

  // ---- tokens from the platform's development issuer

  public String token(String subject, String... roles) {
    return api().token(id, subject, roles);
  }

  /** An admin's token ("admin-1"), issued once: the steps act as staff. */
  public String admin() {
    if (admin == null) {
      admin = token("admin-1", "admin");
    }
    return admin;
  }

  public String customer(String subject) {
    return token(subject, "customer");
  }

  /** A vendor's user: the token carries the vendor claim. */
  public String vendor(String subject, String vendorId) {
    return api().vendorToken(id, subject, vendorId, "vendor");
  }

  public String otherTenantToken(String subject, String... roles) {
    return api().token(otherTenant(), subject, roles);
  }

  // ---- catalog

  /** A product written straight into catalog.products, as the catalog's CDC writes it (see CatalogSeed). */
  public void seedProduct(String sku, long price, String currency, String vendorId) {
    if (catalog == null) {
      catalog = new CatalogSeed(platform().bootstrapServers(), platform().schemaRegistryUrl());
    }
    catalog.product(id, sku, price, currency, vendorId);
  }

  /** A seeded product (see {@link #seedProduct}) with {@code available} units in stock. */
  public void seedProductInStock(String sku, long price, String currency, String vendorId, long available) {
    seedProduct(sku, price, currency, vendorId);
    setStock(sku, available);
  }

  /** A product created over HTTP (the catalog in Postgres; Debezium carries it to the topologies). */
  public void createProduct(String sku, String vendorId, long priceUsd) {
    ApiClient.Response created = api().post("/v1/products", admin(), "{\"sku\":\"" + sku + "\",\"vendorId\":\"" + vendorId
        + "\",\"name\":\"" + sku + "\",\"price\":{\"amount\":" + priceUsd + ",\"currency\":\"USD\"}}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
  }

  /** The product.created event of this tenant's {@code sku}; once it is out, the product can be ordered. */
  public ProductCreated productCreated(String sku) {
    return topics().firstMatching(Topics.PRODUCT_CREATED.name(), SkuKey.class, ProductCreated.class,
        (key, event) -> key.equals(new SkuKey(id, sku)), WITHIN);
  }

  // ---- stock

  /** Sets the stock as an admin; see {@link #setStock(String, String, long)}. */
  public long setStock(String sku, long available) {
    return setStock(sku, admin(), available);
  }

  /** Sets the stock and waits until the topology applied it; returns the stock's new version. */
  public long setStock(String sku, String token, long available) {
    long before = stock(sku).path("version").asLong(0);
    ApiClient.Response accepted = api().put("/v1/inventory/" + sku, token, "{\"available\":" + available + "}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    ApiClient.Response after = api().get("/v1/inventory/" + sku + "?waitMs=10000&version=" + before, admin());
    assertThat(after.status()).as(after.text()).isEqualTo(200);
    assertThat(after.json().path("version").asLong()).isGreaterThan(before);
    return after.json().path("version").asLong();
  }

  /** The stock as the topology has it (a problem without a version while none was ever set). */
  public JsonNode stock(String sku) {
    return api().get("/v1/inventory/" + sku, admin()).json();
  }

  // ---- orders

  /** The body of POST /v1/orders for these lines ({@code items} is the JSON array). */
  public static String order(String customer, String currency, String items) {
    return "{\"customerId\":\"" + customer + "\",\"currency\":\"" + currency + "\",\"items\":" + items + "}";
  }

  public String placeOrder(String token, String customer, String currency, String items) {
    return placeOrder(token, order(customer, currency, items));
  }

  /** Places the order; it is accepted as CREATED. Returns its id. */
  public String placeOrder(String token, String orderJson) {
    ApiClient.Response accepted = api().post("/v1/orders", token, orderJson);
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    assertThat(accepted.json().path("status").asText()).isEqualTo("CREATED");
    return accepted.json().path("orderId").asText();
  }

  /** The order once {@code until} holds, long-polling on its version; fails when it never does. */
  public JsonNode awaitOrder(String orderId, String token, Predicate<JsonNode> until) {
    JsonNode order = api().get("/v1/orders/" + orderId, token).json();
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while ((order == null || !order.has("orderId") || !until.test(order)) && System.nanoTime() < deadline) {
      long version = order == null ? 0 : order.path("version").asLong(0);
      order = api().get("/v1/orders/" + orderId + "?waitMs=3000&version=" + version, token).json();
    }
    assertThat(order).as("order %s", orderId).isNotNull();
    assertThat(until.test(order)).as("order %s never satisfied the condition: %s", orderId, order).isTrue();
    return order;
  }

  /** The order once it left CREATED (confirmed, rejected, ...). */
  public JsonNode settledOrder(String orderId, String token) {
    return awaitOrder(orderId, token, order -> !order.path("status").asText().isEmpty()
        && !"CREATED".equals(order.path("status").asText()));
  }

  /** The order's status is {@code status}. */
  public static Predicate<JsonNode> status(String status) {
    return order -> status.equals(order.path("status").asText());
  }

  @Override
  public void close() {
    if (catalog != null) {
      catalog.close();
    }
  }
}
