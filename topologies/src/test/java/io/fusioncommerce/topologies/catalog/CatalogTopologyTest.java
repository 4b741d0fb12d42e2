package io.fusioncommerce.topologies.catalog;

import static io.fusioncommerce.topologies.catalog.DebeziumJson.change;
import static io.fusioncommerce.topologies.catalog.DebeziumJson.productKey;
import static io.fusioncommerce.topologies.catalog.DebeziumJson.tenantKey;
import static io.fusioncommerce.topologies.catalog.DebeziumJson.tenantRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.CatalogProductState;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductApproved;
import io.fusioncommerce.schemas.catalog.ProductArchived;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.catalog.ProductRejected;
import io.fusioncommerce.schemas.catalog.ProductUpdated;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import io.fusioncommerce.topologies.catalog.DebeziumJson.ProductRowJson;
import io.fusioncommerce.topologies.support.TestTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTopologyTest {

  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00.123Z");

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> productChanges;
  private TestInputTopic<byte[], byte[]> tenantChanges;
  private TestOutputTopic<SkuKey, ProductCreated> created;
  private TestOutputTopic<SkuKey, ProductUpdated> updated;
  private TestOutputTopic<SkuKey, ProductArchived> archived;
  private TestOutputTopic<SkuKey, ProductApproved> approved;
  private TestOutputTopic<SkuKey, ProductRejected> rejected;
  private TestOutputTopic<SkuKey, Product> table;
  private TestOutputTopic<TenantKey, TenantSettings> tenantSettings;
  private TestOutputTopic<byte[], byte[]> deadLetters;
  private KeyValueStore<SkuKey, CatalogProductState> states;
  private long txId = 700;

  @BeforeEach
  void start() {
    driver = driver(stateDir);
  }

  private TopologyTestDriver driver(Path dir) {
    TestTopology topology = TestTopology.start(new CatalogTopology(), dir, null);
    TopologyTestDriver testDriver = topology.driver();
    productChanges = topology.rawInput(Topics.CDC_CATALOG_PRODUCTS);
    tenantChanges = topology.rawInput(Topics.CDC_CATALOG_TENANTS);
    created = topology.output(Topics.PRODUCT_CREATED);
    updated = topology.output(Topics.PRODUCT_UPDATED);
    archived = topology.output(Topics.PRODUCT_ARCHIVED);
    approved = topology.output(Topics.PRODUCT_APPROVED);
    rejected = topology.output(Topics.PRODUCT_REJECTED);
    table = topology.output(Topics.CATALOG_PRODUCTS);
    tenantSettings = topology.output(Topics.TENANT_SETTINGS);
    deadLetters = topology.deadLetters();
    states = testDriver.getKeyValueStore(CatalogTopology.PRODUCT_STATE_STORE);
    return testDriver;
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  // ------------------------------------------------------------------ helpers

  private static ProductRowJson shoe() {
    return new ProductRowJson("acme", "SKU-1").variant("SKU-1-42-RED", "42", "red", 6499L)
        .variant("SKU-1-43-BLUE", "43", "blue", null);
  }

  /** Pipes one change of catalog.products; returns the raw record so a test can deliver it again. */
  private TestRecord<byte[], byte[]> product(String op, ProductRowJson before, ProductRowJson after) {
    ProductRowJson keyRow = after != null ? after : before;
    TestRecord<byte[], byte[]> record = new TestRecord<>(
        productKey(keyRow.row.path("tenant_id").asText(), keyRow.row.path("sku").asText()),
        change("products", op, before == null ? null : before.row, after == null ? null : after.row,
            T0.plusSeconds(txId - 699), 0, txId++), T0);
    productChanges.pipeInput(record);
    return record;
  }

  /** Every entry written to catalog.products, last write per SKU (null: tombstone). */
  private Map<String, Product> tableState() {
    Map<String, Product> entries = new LinkedHashMap<>();
    for (KeyValue<SkuKey, Product> kv : table.readKeyValuesToList()) {
      assertThat(kv.key.getTenantId()).isEqualTo("acme");
      entries.put(kv.key.getSku(), kv.value);
    }
    return entries;
  }

  private static SkuKey key(String tenant, String sku) {
    return new SkuKey(tenant, sku);
  }

  // ------------------------------------------------------------------ products

  @Test
  void anInsertedProductIsCreatedAndEachOfItsSkusEntersTheTable() {
    product("c", null, shoe());

    List<KeyValue<SkuKey, ProductCreated>> events = created.readKeyValuesToList();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).key).isEqualTo(key("acme", "SKU-1"));
    ProductCreated event = events.get(0).value;
    assertThat(event.getTenantId()).isEqualTo("acme");
    assertThat(event.getSku()).isEqualTo("SKU-1");
    assertThat(event.getVendorId()).isEqualTo("v-1");
    assertThat(event.getName()).isEqualTo("Trail shoe");
    assertThat(event.getDescription()).isEqualTo("Light and grippy");
    assertThat(event.getPrice()).isEqualTo(new Money(5999L, "USD"));
    assertThat(event.getCategoryIds()).containsExactly("shoes", "outdoor");
    assertThat(event.getAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("brand", "Acme", "weight", "310"));
    assertThat(event.getVariants()).extracting(v -> v.getSku()).containsExactly("SKU-1-42-RED", "SKU-1-43-BLUE");
    assertThat(event.getVariants().get(0).getOptions()).containsEntry("size", "42").containsEntry("color", "red");
    assertThat(event.getStatus()).isEqualTo("ACTIVE");
    assertThat(event.getOccurredAt()).isEqualTo(T0.plusSeconds(1)); // the commit time in Postgres
    assertThat(event.getCorrelationId()).isEqualTo("pg-tx:700");
    assertThat(event.getCausationId()).startsWith("pg:acme|SKU-1@v1/lsn");
    assertThat(event.getEventId()).isNotBlank();
    assertThat(updated.isEmpty()).isTrue();

    Map<String, Product> entries = tableState();
    assertThat(entries).containsOnlyKeys("SKU-1", "SKU-1-42-RED", "SKU-1-43-BLUE");
    Product product = entries.get("SKU-1");
    assertThat(product.getParentSku()).isNull();
    assertThat(product.getPrice()).isEqualTo(new Money(5999L, "USD"));
    assertThat(product.getOptions()).isEmpty();
    assertThat(product.getVersion()).isEqualTo(1);
    assertThat(product.getUpdatedAt()).isEqualTo(Instant.parse("2026-11-24T12:00:00.123Z"));
    Product red = entries.get("SKU-1-42-RED");
    assertThat(red.getTenantId()).isEqualTo("acme");
    assertThat(red.getParentSku()).isEqualTo("SKU-1");
    assertThat(red.getPrice()).isEqualTo(new Money(6499L, "USD")); // its own price
    assertThat(red.getVendorId()).isEqualTo("v-1");
    assertThat(red.getName()).isEqualTo("Trail shoe");
    assertThat(red.getStatus()).isEqualTo("ACTIVE");
    assertThat(red.getOptions()).containsEntry("size", "42");
    assertThat(entries.get("SKU-1-43-BLUE").getPrice()).isEqualTo(new Money(5999L, "USD")); // the product's

    assertThat(states.get(key("acme", "SKU-1")).getVersion()).isEqualTo(1);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aNewVersionIsAnUpdateWithItsNewStateAndWhatChanged() {
    ProductRowJson v1 = shoe();
    product("c", null, v1);
    ProductRowJson v2 = v1.copy().version(2).price(4999).set("name", "Trail shoe II");
    product("u", v1, v2);

    List<ProductUpdated> events = updated.readValuesToList();
    assertThat(events).hasSize(1);
    ProductUpdated event = events.get(0);
    assertThat(event.getTenantId()).isEqualTo("acme");
    assertThat(event.getVersion()).isEqualTo(2);
    assertThat(event.getPreviousVersion()).isEqualTo(1);
    assertThat(event.getName()).isEqualTo("Trail shoe II");
    assertThat(event.getPrice()).isEqualTo(new Money(4999L, "USD"));
    assertThat(event.getVariants()).hasSize(2);
    assertThat(event.getChangedFields()).containsExactly("name", "price");
    assertThat(created.readValuesToList()).hasSize(1);
    assertThat(archived.isEmpty() && approved.isEmpty() && rejected.isEmpty()).isTrue();

    Map<String, Product> entries = tableState();
    assertThat(entries.get("SKU-1").getVersion()).isEqualTo(2);
    assertThat(entries.get("SKU-1").getPrice().getAmount()).isEqualTo(4999);
    assertThat(entries.get("SKU-1-43-BLUE").getPrice().getAmount()).isEqualTo(4999); // follows the product's price
    assertThat(entries.get("SKU-1-42-RED").getPrice().getAmount()).isEqualTo(6499);
    assertThat(entries.get("SKU-1-42-RED").getName()).isEqualTo("Trail shoe II");
  }

  @Test
  void changesDeliveredAgainAndSnapshotsOfSeenVersionsEmitNothing() {
    ProductRowJson v1 = shoe();
    TestRecord<byte[], byte[]> insert = product("c", null, v1);
    ProductRowJson v2 = v1.copy().version(2).set("description", "Now waterproof");
    TestRecord<byte[], byte[]> update = product("u", v1, v2);
    created.readValuesToList();
    updated.readValuesToList();
    table.readValuesToList();

    // a restarted connector repeats everything since its last offset commit
    productChanges.pipeInput(insert);
    productChanges.pipeInput(update);
    // and a snapshot reads the row as it is now
    product("r", null, v2);
    product("r", null, v1);

    assertThat(created.isEmpty()).isTrue();
    assertThat(updated.isEmpty()).isTrue();
    assertThat(table.isEmpty()).isTrue();
    assertThat(states.get(key("acme", "SKU-1")).getVersion()).isEqualTo(2);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aRowFirstSeenInASnapshotOrAnUpdateIsCreated() {
    product("r", null, shoe());
    product("u", null, new ProductRowJson("acme", "SKU-2").version(7));

    assertThat(created.readValuesToList()).extracting(ProductCreated::getSku).containsExactly("SKU-1", "SKU-2");
    assertThat(updated.isEmpty()).isTrue();
  }

  @Test
  void eventIdsDeriveFromTheChangeSoReprocessingRepeatsThem(@TempDir Path otherDir) {
    ProductRowJson v1 = shoe();
    TestRecord<byte[], byte[]> insert = product("c", null, v1);
    TestRecord<byte[], byte[]> update = product("u", v1, v1.copy().version(2).set("status", "ARCHIVED"));
    String createdId = created.readValuesToList().get(0).getEventId();
    String updatedId = updated.readValuesToList().get(0).getEventId();
    String archivedId = archived.readValuesToList().get(0).getEventId();
    assertThat(List.of(createdId, updatedId, archivedId)).doesNotHaveDuplicates();

    // the same changes processed from scratch (a task that aborted its transaction and retried)
    driver.close();
    driver = driver(otherDir);
    productChanges.pipeInput(insert);
    productChanges.pipeInput(update);
    assertThat(created.readValuesToList().get(0).getEventId()).isEqualTo(createdId);
    assertThat(updated.readValuesToList().get(0).getEventId()).isEqualTo(updatedId);
    assertThat(archived.readValuesToList().get(0).getEventId()).isEqualTo(archivedId);
  }

  @Test
  void aVariantThatDisappearsIsTombstonedInTheTable() {
    ProductRowJson v1 = shoe();
    product("c", null, v1);
    table.readValuesToList();
    ProductRowJson v2 = v1.copy().version(2).withoutVariant("SKU-1-42-RED").variant("SKU-1-44-RED", "44", "red", null);
    product("u", v1, v2);

    Map<String, Product> entries = tableState();
    assertThat(entries).containsKey("SKU-1-42-RED");
    assertThat(entries.get("SKU-1-42-RED")).isNull();
    assertThat(entries.get("SKU-1-44-RED").getParentSku()).isEqualTo("SKU-1");
    assertThat(entries.get("SKU-1-43-BLUE")).isNotNull();
    assertThat(updated.readValuesToList().get(0).getChangedFields()).containsExactly("variants");
  }

  @Test
  void archivingIsAnUpdateAndAnArchivedEvent() {
    ProductRowJson v1 = shoe();
    product("c", null, v1);
    product("u", v1, v1.copy().version(2).set("status", "ARCHIVED"));

    ProductArchived event = archived.readValuesToList().get(0);
    assertThat(event.getTenantId()).isEqualTo("acme");
    assertThat(event.getSku()).isEqualTo("SKU-1");
    assertThat(event.getPreviousStatus()).isEqualTo("ACTIVE");
    assertThat(event.getVersion()).isEqualTo(2);
    assertThat(event.getDeleted()).isFalse();
    assertThat(updated.readValuesToList().get(0).getChangedFields()).containsExactly("status");
    // the SKUs stay in the table, no longer orderable
    assertThat(tableState().values()).allSatisfy(p -> assertThat(p.getStatus()).isEqualTo("ARCHIVED"));
  }

  @Test
  void approvalAndRejectionAreAnnounced() {
    ProductRowJson pending = new ProductRowJson("acme", "SKU-9").set("status", "PENDING");
    product("c", null, pending);
    ProductRowJson active = pending.copy().version(2).set("status", "ACTIVE");
    product("u", pending, active);

    ProductRowJson otherPending = new ProductRowJson("acme", "SKU-10").set("status", "PENDING");
    product("c", null, otherPending);
    ProductRowJson refused = otherPending.copy().version(2).set("status", "REJECTED")
        .set("rejection_reason", "Images do not show the product");
    product("u", otherPending, refused);
    ProductRowJson resubmitted = refused.copy().version(3).set("status", "PENDING").set("rejection_reason", null);
    product("u", refused, resubmitted);
    product("u", resubmitted, resubmitted.copy().version(4).set("status", "REJECTED"));

    List<ProductApproved> approvals = approved.readValuesToList();
    assertThat(approvals).hasSize(1);
    assertThat(approvals.get(0).getSku()).isEqualTo("SKU-9");
    assertThat(approvals.get(0).getVersion()).isEqualTo(2);
    assertThat(approvals.get(0).getTenantId()).isEqualTo("acme");

    List<ProductRejected> rejections = rejected.readValuesToList();
    assertThat(rejections).extracting(ProductRejected::getReason)
        .containsExactly("Images do not show the product", "UNSPECIFIED");
    assertThat(rejections).extracting(ProductRejected::getPreviousStatus).containsExactly("PENDING", "PENDING");
    assertThat(updated.readValuesToList()).extracting(ProductUpdated::getStatus)
        .containsExactly("ACTIVE", "REJECTED", "PENDING", "REJECTED");
    assertThat(archived.isEmpty()).isTrue();
  }

  @Test
  void aDeletedProductLeavesTheTableAndIsAnnouncedAsArchived() {
    ProductRowJson v1 = shoe();
    product("c", null, v1);
    table.readValuesToList();
    TestRecord<byte[], byte[]> delete = product("d", v1, null);
    // Debezium's tombstone that follows a delete (for compaction of the raw topic)
    productChanges.pipeInput(productKey("acme", "SKU-1"), (byte[]) null);

    Map<String, Product> entries = tableState();
    assertThat(entries).containsOnlyKeys("SKU-1", "SKU-1-42-RED", "SKU-1-43-BLUE");
    assertThat(entries.values()).containsOnlyNulls();
    ProductArchived event = archived.readValuesToList().get(0);
    assertThat(event.getDeleted()).isTrue();
    assertThat(event.getPreviousStatus()).isEqualTo("ACTIVE");
    assertThat(states.get(key("acme", "SKU-1")).getDeleted()).isTrue();

    // the delete delivered again changes nothing
    productChanges.pipeInput(delete);
    assertThat(archived.isEmpty()).isTrue();
    assertThat(table.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aRowDeliveredAgainAfterItsDeleteIsIgnoredButAReinsertedSkuIsCreatedAgain() {
    ProductRowJson v1 = shoe();
    TestRecord<byte[], byte[]> insert = product("c", null, v1);
    product("d", v1, null);
    String firstId = created.readValuesToList().get(0).getEventId();
    table.readValuesToList();

    productChanges.pipeInput(insert); // its log position is before the delete's
    assertThat(created.isEmpty()).isTrue();
    assertThat(table.isEmpty()).isTrue();

    product("c", null, shoe()); // the SKU inserted again: version 1 again, a later log position
    List<ProductCreated> again = created.readValuesToList();
    assertThat(again).hasSize(1);
    assertThat(again.get(0).getEventId()).isNotEqualTo(firstId);
    assertThat(tableState()).containsOnlyKeys("SKU-1", "SKU-1-42-RED", "SKU-1-43-BLUE").doesNotContainValue(null);
  }

  @Test
  void tenantsKeepTheirOwnProductsUnderTheSameSku() {
    product("c", null, new ProductRowJson("acme", "SKU-1"));
    product("c", null, new ProductRowJson("globex", "SKU-1").price(100));

    List<KeyValue<SkuKey, ProductCreated>> events = created.readKeyValuesToList();
    assertThat(events).extracting(kv -> kv.key.getTenantId()).containsExactly("acme", "globex");
    assertThat(events).allSatisfy(kv -> assertThat(kv.value.getTenantId()).isEqualTo(kv.key.getTenantId()));
    assertThat(states.get(key("globex", "SKU-1")).getPrice().getAmount()).isEqualTo(100);
    assertThat(states.get(key("acme", "SKU-1")).getPrice().getAmount()).isEqualTo(5999);
  }

  // ------------------------------------------------------------------ poison records

  @Test
  void unreadableChangesAreDeadLetteredAndTheNextChangeIsProcessed() {
    productChanges.pipeInput("junk".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8));
    ProductRowJson noPrice = new ProductRowJson("acme", "SKU-3");
    noPrice.row.remove("price_amount");
    product("c", null, noPrice);
    product("c", null, new ProductRowJson("acme", "SKU-4").set("variants", "{\"not\": \"an array\"}"));
    // a key naming another tenant than its row
    productChanges.pipeInput(productKey("globex", "SKU-5"),
        change("products", "c", null, new ProductRowJson("acme", "SKU-5").row, T0, 0, 1));

    var dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(4);
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json");
    assertThat(dead.get(1).headers().lastHeader("__streams.errors.exception")).isNotNull();
    assertThat(states.approximateNumEntries()).isZero();
    assertThat(created.isEmpty() && table.isEmpty()).isTrue();

    product("c", null, shoe());
    assertThat(created.readValuesToList()).hasSize(1);
  }

  // ------------------------------------------------------------------ tenants

  @Test
  void tenantRowsBecomeTenantSettings() {
    tenantChanges.pipeInput(tenantKey("acme"), change("tenants", "r", null, tenantRow("acme", false, null, 1), T0, 0, 1));
    tenantChanges.pipeInput(tenantKey("acme"), change("tenants", "u", null, tenantRow("acme", true, 900L, 2), T0, 0, 2));
    tenantChanges.pipeInput(tenantKey("globex"), change("tenants", "c", null, tenantRow("globex", true, 3600L, 1), T0, 0, 3));
    tenantChanges.pipeInput(tenantKey("globex"),
        change("tenants", "d", DebeziumJson.JSON.createObjectNode().put("tenant_id", "globex"), null, T0, 0, 4));
    tenantChanges.pipeInput(tenantKey("globex"), (byte[]) null);

    List<KeyValue<TenantKey, TenantSettings>> settings = tenantSettings.readKeyValuesToList();
    assertThat(settings).hasSize(4);
    assertThat(settings.get(0).key).isEqualTo(new TenantKey("acme"));
    assertThat(settings.get(0).value).isEqualTo(TenantSettings.newBuilder().setTenantId("acme")
        .setRequiresApproval(false).setOrderHoldSeconds(null).setVersion(1).build());
    assertThat(settings.get(1).value.getRequiresApproval()).isTrue();
    assertThat(settings.get(1).value.getOrderHoldSeconds()).isEqualTo(900L);
    assertThat(settings.get(1).value.getVersion()).isEqualTo(2);
    assertThat(settings.get(2).value.getTenantId()).isEqualTo("globex");
    assertThat(settings.get(3).key).isEqualTo(new TenantKey("globex"));
    assertThat(settings.get(3).value).isNull(); // deleted: the defaults again

    tenantChanges.pipeInput(tenantKey("initech"), "{".getBytes(StandardCharsets.UTF_8));
    assertThat(deadLetters.readRecordsToList()).hasSize(1);
  }

  @Test
  void aTenantsStockLimitsReachTheTopologies() {
    var row = tenantRow("acme", false, null, 3).put("max_quantity_per_order", 5L).put("max_quantity_per_customer", 0L)
        .put("customer_limit_window_seconds", 3600L).put("scarce_stock_threshold", 2L).put("scarce_hold_seconds", 300L);
    tenantChanges.pipeInput(tenantKey("acme"), change("tenants", "u", null, row, T0, 0, 1));

    TenantSettings settings = tenantSettings.readValue();
    assertThat(settings.getMaxQuantityPerOrder()).isEqualTo(5L);
    assertThat(settings.getMaxQuantityPerCustomer()).isEqualTo(0L);
    assertThat(settings.getCustomerLimitWindowSeconds()).isEqualTo(3600L);
    assertThat(settings.getScarceStockThreshold()).isEqualTo(2L);
    assertThat(settings.getScarceHoldSeconds()).isEqualTo(300L);
    var limits = io.fusioncommerce.topologies.inventory.StockLimits.of(settings);
    assertThat(limits.maxPerOrder()).isEqualTo(5L);
    assertThat(limits.maxPerCustomer()).isEqualTo(io.fusioncommerce.topologies.inventory.StockLimits.UNLIMITED);
    assertThat(limits.window()).isEqualTo(java.time.Duration.ofHours(1));
  }
}
