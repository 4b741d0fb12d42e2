package io.fusioncommerce.e2e.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import io.fusioncommerce.e2e.platform.TopicReader;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.catalog.ProductUpdated;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The catalog's change data capture on the embedded platform: rows written to Postgres (as the catalog
 * routes write them, in a transaction scoped to the tenant) travel through Debezium on the embedded
 * Connect worker and the catalog topology, and come out as Avro events, as the catalog.products table
 * the order topology prices with, and as tenant.settings.
 */
@PlatformTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogCdcIT {

  private static final Duration WITHIN = Duration.ofSeconds(30);

  private final TestTenant acme;
  private final String tenant;
  private final TopicReader topics;

  CatalogCdcIT(TestTenant acme) {
    this.acme = acme;
    tenant = acme.id();
    topics = acme.topics();
  }

  @Test
  @Order(1)
  void theCatalogSourceConnectorIsPartOfReadiness() {
    JsonNode ready = acme.api().get("/health/ready", null).json();
    assertThat(ready.path("checks").path("connect").path("detail").asText()).contains("catalog-source=RUNNING");
    assertThat(ready.path("checks").path("topologies").path("detail").asText()).contains("catalog=RUNNING");
  }

  @Test
  @Order(2)
  void aTenantRowReachesTenantSettings() throws SQLException {
    inTenant(sql -> {
      sql.execute("insert into catalog.tenants (tenant_id, requires_approval, order_hold_seconds) values ('" + tenant
          + "', true, 900)");
      sql.execute("insert into catalog.vendors (tenant_id, vendor_id, name) values ('" + tenant + "', 'v-shoes', 'Shoe Co')");
    });
    TenantSettings settings = firstMatching(Topics.TENANT_SETTINGS.name(), TenantKey.class, TenantSettings.class,
        (key, value) -> key.getTenantId().equals(tenant) && value != null);
    assertThat(settings.getTenantId()).isEqualTo(tenant);
    assertThat(settings.getRequiresApproval()).isTrue();
    assertThat(settings.getOrderHoldSeconds()).isEqualTo(900L);
    assertThat(settings.getVersion()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void anInsertedProductIsCreatedAndItsVariantIsOrderable() throws SQLException {
    inTenant(sql -> {
      sql.execute("""
          insert into catalog.products (tenant_id, sku, vendor_id, name, description, price_amount, currency,
                                        category_ids, attributes, variants, status)
          values ('%s', 'SKU-1', 'v-shoes', 'Trail shoe', 'Light and grippy', 5999, 'USD', '{shoes,outdoor}',
                  '{"brand":"Acme"}',
                  '[{"sku":"SKU-1-42-RED","options":{"size":"42","color":"red"},"price":{"amount":6499,"currency":"USD"}}]',
                  'ACTIVE')""".formatted(tenant));
      sql.execute("insert into catalog.skus (tenant_id, sku, product_sku) values ('" + tenant + "', 'SKU-1', 'SKU-1'), "
          + "('" + tenant + "', 'SKU-1-42-RED', 'SKU-1')");
    });

    ProductCreated created = firstMatching(Topics.PRODUCT_CREATED.name(), SkuKey.class, ProductCreated.class,
        (key, value) -> key.equals(new SkuKey(tenant, "SKU-1")));
    assertThat(created.getTenantId()).isEqualTo(tenant);
    assertThat(created.getName()).isEqualTo("Trail shoe");
    assertThat(created.getPrice()).isEqualTo(new Money(5999L, "USD"));
    assertThat(created.getCategoryIds()).containsExactly("shoes", "outdoor");
    assertThat(created.getAttributes()).containsEntry("brand", "Acme");
    assertThat(created.getVariants()).singleElement().satisfies(v -> {
      assertThat(v.getSku()).isEqualTo("SKU-1-42-RED");
      assertThat(v.getOptions()).containsEntry("color", "red");
    });

    Product product = firstMatching(Topics.CATALOG_PRODUCTS.name(), SkuKey.class, Product.class,
        (key, value) -> key.equals(new SkuKey(tenant, "SKU-1")) && value != null);
    assertThat(product.getParentSku()).isNull();
    assertThat(product.getVendorId()).isEqualTo("v-shoes");
    Product variant = firstMatching(Topics.CATALOG_PRODUCTS.name(), SkuKey.class, Product.class,
        (key, value) -> key.equals(new SkuKey(tenant, "SKU-1-42-RED")) && value != null);
    assertThat(variant.getParentSku()).isEqualTo("SKU-1");
    assertThat(variant.getPrice()).isEqualTo(new Money(6499L, "USD"));
    assertThat(variant.getStatus()).isEqualTo("ACTIVE");
    assertThat(variant.getOptions()).containsEntry("size", "42");

    // the order topology prices the variant from the table the CDC built
    acme.setStock("SKU-1-42-RED", 5);
    String alice = acme.customer("alice");
    String orderId = acme.placeOrder(alice, "alice", "USD", "[{\"sku\":\"SKU-1-42-RED\",\"quantity\":2}]");
    JsonNode order = acme.settledOrder(orderId, alice);
    assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(order.path("total").path("amount").asLong()).isEqualTo(2 * 6499);
  }

  @Test
  @Order(4)
  void theRawChangeEventsHaveDebeziumsJsonShapes() {
    // this tenant's changes (the shared platform's other tenants write products too)
    List<JsonNode> raw = topics.readAll(Topics.CDC_CATALOG_PRODUCTS).stream().filter(record -> record.value() != null)
        .map(record -> Json.read(record.value()))
        .filter(change -> tenant.equals(change.path("after").path("tenant_id").asText())).toList();
    assertThat(raw).isNotEmpty();
    JsonNode change = raw.get(raw.size() - 1);
    System.out.println("raw change event: " + change);
    JsonNode after = change.path("after");
    assertThat(change.path("op").asText()).isEqualTo("c");
    assertThat(after.path("category_ids").isArray()).as("text[] as a JSON array").isTrue();
    assertThat(after.path("variants").isTextual()).as("jsonb as a JSON string").isTrue();
    assertThat(after.path("updated_at").asText()).as("timestamptz as ISO").matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    assertThat(after.path("price_amount").isIntegralNumber()).as("bigint as a number").isTrue();
    assertThat(after.has("search")).as("the generated tsvector is not captured").isFalse();
    assertThat(change.path("source").path("lsn").canConvertToLong()).isTrue();
    assertThat(change.path("source").path("ts_ms").canConvertToLong()).isTrue();
  }

  @Test
  @Order(5)
  void anUpdateIsAnnouncedAndRewritesTheTable() throws SQLException {
    inTenant(sql -> sql.execute("update catalog.products set price_amount = 4999, version = version + 1, "
        + "updated_at = now() where tenant_id = '" + tenant + "' and sku = 'SKU-1'"));

    ProductUpdated updated = firstMatching(Topics.PRODUCT_UPDATED.name(), SkuKey.class, ProductUpdated.class,
        (key, value) -> key.equals(new SkuKey(tenant, "SKU-1")));
    assertThat(updated.getVersion()).isEqualTo(2);
    assertThat(updated.getPreviousVersion()).isEqualTo(1);
    assertThat(updated.getPrice()).isEqualTo(new Money(4999L, "USD"));
    assertThat(updated.getChangedFields()).containsExactly("price");
    Product product = firstMatching(Topics.CATALOG_PRODUCTS.name(), SkuKey.class, Product.class,
        (key, value) -> key.equals(new SkuKey(tenant, "SKU-1")) && value != null && value.getVersion() == 2);
    assertThat(product.getPrice().getAmount()).isEqualTo(4999);
    assertThat(topics.readAll(Topics.PRODUCT_CREATED.name(), SkuKey.class, ProductCreated.class))
        .filteredOn(created -> tenant.equals(created.key().getTenantId()))
        .as("created once, whatever Debezium redelivers").hasSize(1);
  }

  @Test
  @Order(6)
  void aDeletedProductIsTombstonedWithItsVariants() throws SQLException {
    inTenant(sql -> sql.execute("delete from catalog.products where tenant_id = '" + tenant + "' and sku = 'SKU-1'"));
    firstMatching(Topics.CATALOG_PRODUCTS.name(), SkuKey.class, Product.class,
        (key, value) -> key.equals(new SkuKey(tenant, "SKU-1-42-RED")) && value == null);
    firstMatching(Topics.CATALOG_PRODUCTS.name(), SkuKey.class, Product.class,
        (key, value) -> key.equals(new SkuKey(tenant, "SKU-1")) && value == null);
    assertThat(topics.readAll(Topics.DEAD_LETTER)).isEmpty();
  }

  @Test
  @Order(7)
  void theReplicationSlotMovesOnWhileOnlyUncapturedTablesChange() throws SQLException {
    String before;
    try (Connection db = DriverManager.getConnection(acme.platform().jdbcUrl(), "postgres", ""); var sql = db.createStatement()) {
      for (int i = 0; i < 20; i++) {
        sql.execute("update catalog.vendors set name = 'Shoe Co " + i + "' where tenant_id = '" + tenant + "'");
      }
      var lsn = sql.executeQuery("select pg_current_wal_lsn()::text");
      lsn.next();
      before = lsn.getString(1);
    }
    long started = System.nanoTime();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      try (Connection db = DriverManager.getConnection(acme.platform().jdbcUrl(), "postgres", "");
          var query = db.prepareStatement("select confirmed_flush_lsn >= ?::pg_lsn from pg_replication_slots "
              + "where slot_name = 'fusion_catalog'")) {
        query.setString(1, before);
        var result = query.executeQuery();
        return result.next() && result.getBoolean(1);
      }
    });
    System.out.println("slot confirmed past the uncaptured writes after " + (System.nanoTime() - started) / 1_000_000 + " ms");
  }

  // ------------------------------------------------------------------------------------------------

  /** JSON of the raw topics. */
  static final class Json {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    static JsonNode read(byte[] bytes) {
      try {
        return MAPPER.readTree(bytes);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @FunctionalInterface
  interface SqlWork {
    void run(java.sql.Statement sql) throws SQLException;
  }

  /** One transaction as the postgres user, scoped to the tenant the way the catalog routes scope theirs. */
  private void inTenant(SqlWork work) throws SQLException {
    try (Connection db = DriverManager.getConnection(acme.platform().jdbcUrl(), "postgres", "")) {
      db.setAutoCommit(false);
      try (var scope = db.prepareStatement("select set_config('fusion.tenant', ?, true)"); var sql = db.createStatement()) {
        scope.setString(1, tenant);
        scope.executeQuery().close();
        work.run(sql);
      }
      db.commit();
    }
  }

  /** The value of the first record (from the topic's start) that matches. */
  private <K extends SpecificRecord, V extends SpecificRecord> V firstMatching(String topic, Class<K> keyType,
      Class<V> valueType, BiPredicate<K, V> matches) {
    return topics.firstMatching(topic, keyType, valueType, matches, WITHIN);
  }
}
