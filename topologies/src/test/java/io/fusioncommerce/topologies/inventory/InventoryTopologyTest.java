package io.fusioncommerce.topologies.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.InventoryLowStock;
import io.fusioncommerce.schemas.inventory.RestockReturnedUnits;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.schemas.inventory.StockLevelChanged;
import io.fusioncommerce.topologies.support.TestTopology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTopologyTest {

  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<SkuKey, InventoryCommand> commands;
  private TestOutputTopic<SkuKey, StockLevelChanged> stockChanged;
  private TestOutputTopic<SkuKey, InventoryLowStock> lowStock;
  private TestOutputTopic<byte[], byte[]> deadLetters;
  private KeyValueStore<SkuKey, StockLevel> store;
  private TestInputTopic<SkuKey, Product> products;

  @BeforeEach
  void start() {
    TestTopology topology = TestTopology.start(new InventoryTopology(), stateDir, null);
    driver = topology.driver();
    commands = topology.input(Topics.INVENTORY_COMMANDS);
    stockChanged = topology.output(Topics.INVENTORY_STOCK_CHANGED);
    lowStock = topology.output(Topics.INVENTORY_LOW_STOCK);
    deadLetters = topology.deadLetters();
    store = driver.getKeyValueStore(InventoryTopology.STOCK_STORE);
    products = topology.input(Topics.CATALOG_PRODUCTS);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private static SkuKey key(String tenant, String sku) {
    return SkuKey.newBuilder().setTenantId(tenant).setSku(sku).build();
  }

  private static InventoryCommand set(String tenant, String sku, String warehouse, long available, Long threshold) {
    return InventoryCommand.newBuilder()
        .setCommandId(UUID.randomUUID().toString())
        .setTenantId(tenant)
        .setIssuedAt(T0)
        .setCorrelationId("corr")
        .setIssuedBy(Actor.newBuilder().setSubject("admin-1").setRoles(List.of("admin")).build())
        .setCommand(SetStockLevel.newBuilder().setSku(sku).setWarehouse(warehouse).setAvailable(available)
            .setLowStockThreshold(threshold).build())
        .build();
  }

  private static InventoryCommand restock(String tenant, String sku, String returnId, long quantity, String warehouse) {
    return InventoryCommand.newBuilder()
        .setCommandId(UUID.randomUUID().toString())
        .setTenantId(tenant)
        .setIssuedAt(T0)
        .setCorrelationId("corr")
        .setIssuedBy(Actor.newBuilder().setSubject("return-topology").setRoles(List.of()).build())
        .setCommand(RestockReturnedUnits.newBuilder().setSku(sku).setReturnId(returnId).setQuantity(quantity)
            .setWarehouse(warehouse).build())
        .build();
  }

  @Test
  void restockingAReturnAddsItsUnitsOnceWhateverTheRedeliveries() {
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 5, null));
    stockChanged.readValuesToList();

    commands.pipeInput(key("acme", "SKU-1"), restock("acme", "SKU-1", "o1.r000000000001", 2, null));
    // a redelivery (another command id, the same return) and a replay of the very same command
    commands.pipeInput(key("acme", "SKU-1"), restock("acme", "SKU-1", "o1.r000000000001", 2, null));
    InventoryCommand again = restock("acme", "SKU-1", "o1.r000000000002", 1, "main");
    commands.pipeInput(key("acme", "SKU-1"), again);
    commands.pipeInput(key("acme", "SKU-1"), again);

    StockLevel level = store.get(key("acme", "SKU-1"));
    assertThat(level.getWarehouses().get("main").getAvailable()).isEqualTo(8);
    assertThat(level.getRestockedReturns()).containsExactly("o1.r000000000001", "o1.r000000000002");
    assertThat(stockChanged.readValuesToList()).extracting(StockLevelChanged::getTotalAvailable).containsExactly(7L, 8L);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void restockingIsAdditiveAndLeavesReservationsAndOtherTenantsAlone() {
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 4, null));
    commands.pipeInput(key("globex", "SKU-1"), set("globex", "SKU-1", "main", 9, null));
    commands.pipeInput(key("acme", "SKU-1"), restock("acme", "SKU-1", "o1.r000000000001", 3, "east"));

    assertThat(store.get(key("acme", "SKU-1")).getWarehouses().get("main").getAvailable()).isEqualTo(4);
    assertThat(store.get(key("acme", "SKU-1")).getWarehouses().get("east").getAvailable()).isEqualTo(3);
    assertThat(store.get(key("globex", "SKU-1")).getWarehouses().get("main").getAvailable()).isEqualTo(9);
  }

  @Test
  void aRestockOfNothingOrOfAnotherSkuIsRefusedAndChangesNothing() {
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 4, null));
    commands.pipeInput(key("acme", "SKU-1"), restock("acme", "SKU-1", "o1.r000000000001", 0, null));
    commands.pipeInput(key("acme", "SKU-1"), restock("acme", "SKU-2", "o1.r000000000001", 2, null));

    assertThat(store.get(key("acme", "SKU-1")).getWarehouses().get("main").getAvailable()).isEqualTo(4);
    assertThat(store.get(key("acme", "SKU-1")).getRestockedReturns()).isEmpty();
    assertThat(deadLetters.readValuesToList()).hasSize(2);
  }

  @Test
  void settingStockStoresItPerWarehouseAndAnnouncesTheChange() {
    commands.pipeInput(new TestRecord<>(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 100, 5L), T0));
    commands.pipeInput(new TestRecord<>(key("acme", "SKU-1"), set("acme", "SKU-1", "east", 20, null), T0.plusSeconds(1)));

    StockLevel level = store.get(key("acme", "SKU-1"));
    assertThat(level.getWarehouses()).containsOnlyKeys("main", "east");
    assertThat(level.getWarehouses().get("main").getAvailable()).isEqualTo(100);
    assertThat(level.getWarehouses().get("east").getAvailable()).isEqualTo(20);
    assertThat(level.getLowStockThreshold()).isEqualTo(5L);
    assertThat(level.getVersion()).isEqualTo(2);
    assertThat(level.getUpdatedAt()).isEqualTo(T0.plusSeconds(1));

    List<StockLevelChanged> events = stockChanged.readValuesToList();
    assertThat(events).extracting(StockLevelChanged::getTotalAvailable).containsExactly(100L, 120L);
    assertThat(events).extracting(StockLevelChanged::getWarehouse).containsExactly("main", "east");
    assertThat(events.get(1).getTenantId()).isEqualTo("acme");
    assertThat(events.get(1).getOccurredAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(events.get(1).getCorrelationId()).isEqualTo("corr");
    assertThat(events.get(1).getCausationId()).isNotBlank();
  }

  @Test
  void eventIdsAreDerivedFromTheCommandSoAReplayRepeatsThem() {
    InventoryCommand command = set("acme", "SKU-1", "main", 10, null);
    commands.pipeInput(key("acme", "SKU-1"), command);
    commands.pipeInput(key("acme", "SKU-1"), command);
    List<StockLevelChanged> events = stockChanged.readValuesToList();
    assertThat(events.get(0).getEventId()).isEqualTo(events.get(1).getEventId());
  }

  @Test
  void tenantsKeepSeparateStockForTheSameSku() {
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 7, null));
    commands.pipeInput(key("globex", "SKU-1"), set("globex", "SKU-1", "main", 3, null));

    assertThat(store.get(key("acme", "SKU-1")).getWarehouses().get("main").getAvailable()).isEqualTo(7);
    assertThat(store.get(key("globex", "SKU-1")).getWarehouses().get("main").getAvailable()).isEqualTo(3);
  }

  @Test
  void lowStockIsAnnouncedOnceWhenStockFallsToTheThreshold() {
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 50, 10L));
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 10, null));
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 8, null));
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 40, null));
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 2, null));

    assertThat(lowStock.readValuesToList())
        .extracting(InventoryLowStock::getTotalAvailable)
        .containsExactly(10L, 2L);
  }

  @Test
  void aCommandWhoseTenantDiffersFromItsKeyChangesNothingAndIsDeadLettered() {
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 5, null));
    commands.pipeInput(key("acme", "SKU-1"), set("globex", "SKU-1", "main", 999, null));

    assertThat(store.get(key("acme", "SKU-1")).getWarehouses().get("main").getAvailable()).isEqualTo(5);
    assertThat(stockChanged.readValuesToList()).hasSize(1);
    var dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0).headers().lastHeader("__streams.errors.message").value()))
        .contains("tenant of key (acme) differs from tenant of command (globex)");
  }

  private static InventoryCommand setByVendor(String tenant, String sku, String vendor, long available) {
    return InventoryCommand.newBuilder(set(tenant, sku, "main", available, null))
        .setIssuedBy(Actor.newBuilder().setSubject("seller-" + vendor).setRoles(List.of("vendor"))
            .setVendorId(vendor).build())
        .build();
  }

  private static Product product(String tenant, String sku, String vendor) {
    return Product.newBuilder().setTenantId(tenant).setSku(sku).setVendorId(vendor).setName(sku)
        .setPrice(new Money(100L, "USD")).setStatus("ACTIVE").setVersion(1).setUpdatedAt(T0).build();
  }

  @Test
  void aVendorSetsStockOfItsOwnSkusOnlyAnotherVendorsIsDeadLetteredAndChangesNothing() {
    products.pipeInput(key("acme", "SHOE"), product("acme", "SHOE", "v-a"));
    commands.pipeInput(key("acme", "SHOE"), setByVendor("acme", "SHOE", "v-a", 10));
    commands.pipeInput(key("acme", "SHOE"), setByVendor("acme", "SHOE", "v-b", 0));

    StockLevel level = store.get(key("acme", "SHOE"));
    assertThat(level.getWarehouses().get("main").getAvailable()).isEqualTo(10);
    assertThat(level.getVersion()).isEqualTo(1);
    assertThat(stockChanged.readValuesToList()).hasSize(1);
    var dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0).headers().lastHeader("__streams.errors.message").value()))
        .contains("SKU SHOE belongs to vendor v-a; vendor v-b may not set its stock");

    // staff set any SKU's stock
    commands.pipeInput(key("acme", "SHOE"), set("acme", "SHOE", "main", 3, null));
    assertThat(store.get(key("acme", "SHOE")).getWarehouses().get("main").getAvailable()).isEqualTo(3);
  }

  @Test
  void aSkuTheProductTableDoesNotKnowYetIsLeftToTheIngressCheck() {
    // the catalog reaches this table through CDC moments after Postgres; the ingress checked Postgres
    commands.pipeInput(key("acme", "NEW"), setByVendor("acme", "NEW", "v-a", 4));
    assertThat(store.get(key("acme", "NEW")).getWarehouses().get("main").getAvailable()).isEqualTo(4);
    assertThat(deadLetters.readRecordsToList()).isEmpty();
  }

  @Test
  void negativeStockIsRefusedAndTheTopologyKeepsRunning() {
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", -1, null));
    commands.pipeInput(key("acme", "SKU-1"), set("acme", "SKU-1", "main", 4, null));

    assertThat(deadLetters.readRecordsToList()).hasSize(1);
    assertThat(store.get(key("acme", "SKU-1")).getWarehouses().get("main").getAvailable()).isEqualTo(4);
  }

  @Test
  void undecodableBytesAreSkippedAndTheTopologyKeepsRunning() {
    // TopologyTestDriver does not route deserialization failures to the dead-letter topic; the
    // embedded-platform integration test checks that part against the real broker.
    var raw = driver.createInputTopic(Topics.INVENTORY_COMMANDS.name(), new ByteArraySerializer(), new ByteArraySerializer());
    raw.pipeInput("k".getBytes(), "not avro".getBytes());
    commands.pipeInput(key("acme", "SKU-2"), set("acme", "SKU-2", "main", 1, null));

    assertThat(store.get(key("acme", "SKU-2")).getWarehouses().get("main").getAvailable()).isEqualTo(1);
  }
}
