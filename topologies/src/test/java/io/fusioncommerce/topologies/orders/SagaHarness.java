package io.fusioncommerce.topologies.orders;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.InventoryInsufficient;
import io.fusioncommerce.schemas.inventory.InventoryReleased;
import io.fusioncommerce.schemas.inventory.InventoryReserved;
import io.fusioncommerce.schemas.inventory.ReserveStock;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.schemas.orders.CancelOrder;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderHistory;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.orders.OrderView;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import io.fusioncommerce.topologies.inventory.InventoryTopology;
import io.fusioncommerce.topologies.support.TestTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The order saga in two TopologyTestDrivers (the order topology and the inventory topology), with the
 * records between them relayed until nothing moves: the same flow as on the broker, deterministic.
 */
public final class SagaHarness implements AutoCloseable {

  public static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
  static final Actor CUSTOMER = Actor.newBuilder().setSubject("c1").setRoles(List.of("customer")).build();

  final TopologyTestDriver orders;
  /** The inventory topology's test topics, by contract. */
  public final TestTopology inventoryTopics;
  /** The order topology's test topics, by contract. */
  public final TestTopology orderTopics;
  final TopologyTestDriver inventory;
  final TestOutputTopic<byte[], byte[]> orderDeadLetters;
  final KeyValueStore<OrderKey, OrderState> orderStore;
  final KeyValueStore<OrderKey, OrderHistory> historyStore;
  final KeyValueStore<String, io.fusioncommerce.schemas.orders.OrderHistoryEntry> historyEntries;
  final KeyValueStore<SkuKey, StockLevel> stockStore;
  private final Path stateDir;
  private final AvroSerdes serdes;
  /** The fraud topology's test topics, once {@link #withFraud} started it (else null: no order asks for its risk). */
  public TestTopology fraudTopics;
  private Instant now = T0;
  /** The customer the next orders are placed for (PlaceOrder and ReserveStock alike). */
  private String customer = "c1";

  public SagaHarness(Path stateDir) {
    this(stateDir, new OrderTopology());
  }

  /** The saga with {@code orderTopology} (a closed-order retention of its own, say). */
  public SagaHarness(Path stateDir, OrderTopology orderTopology) {
    this.stateDir = stateDir;
    this.serdes = new AvroSerdes(new InMemorySchemaRegistryClient());
    orderTopics = TestTopology.start(orderTopology, serdes, stateDir.resolve("orders"), T0);
    inventoryTopics = TestTopology.start(new InventoryTopology(), serdes, stateDir.resolve("inventory"), T0);
    orders = orderTopics.driver();
    inventory = inventoryTopics.driver();
    orderDeadLetters = orderTopics.deadLetters();
    orderStore = orders.getKeyValueStore(OrderTopology.ORDER_STORE);
    historyStore = orders.getKeyValueStore(OrderTopology.HISTORY_STORE);
    historyEntries = orders.getKeyValueStore(OrderTopology.HISTORY_ENTRIES_STORE);
    stockStore = inventory.getKeyValueStore(InventoryTopology.STOCK_STORE);
  }

  // ------------------------------------------------------------- arranging

  /**
   * Runs the fraud topology with {@code scorer} beside the saga: AssessOrderRisk commands given to
   * {@link #fraudCommand} are scored there and the assessments relayed to the order topology.
   */
  public SagaHarness withFraud(io.fusioncommerce.topologies.fraud.FraudScorer scorer) {
    fraudTopics = TestTopology.start(new io.fusioncommerce.topologies.fraud.FraudTopology(scorer), serdes,
        stateDir.resolve("fraud"), T0);
    return this;
  }

  /** A command for the fraud topology (an AssessOrderRisk a placement wrote, say). */
  public void fraudCommand(TenantKey key, io.fusioncommerce.schemas.fraud.FraudCommand command) {
    fraudTopics.input(Topics.FRAUD_COMMANDS).pipeInput(key, command, now);
  }

  /** Two vendors' active products: SHOE (59.99 USD) by v-shoes, SOCK (4.99 USD) by v-socks. */
  public void shoesAndSocks(String tenant) {
    product(tenant, "SHOE", 5999, "USD", "v-shoes", "ACTIVE");
    product(tenant, "SOCK", 499, "USD", "v-socks", "ACTIVE");
  }

  public void product(String tenant, String sku, long price, String currency, String vendor, String status) {
    orderTopics.input(Topics.CATALOG_PRODUCTS).pipeInput(
        new SkuKey(tenant, sku), Product.newBuilder().setTenantId(tenant).setSku(sku).setVendorId(vendor)
        .setName("Product " + sku).setPrice(new Money(price, currency)).setStatus(status).setVersion(1)
        .setUpdatedAt(T0).build(), now);
  }

  public void holdSeconds(String tenant, long seconds) {
    settings(TenantSettings.newBuilder().setTenantId(tenant).setOrderHoldSeconds(seconds).build());
  }

  public void stock(String tenant, String sku, String warehouse, long available) {
    inventoryTopics.input(Topics.INVENTORY_COMMANDS).pipeInput(
        new SkuKey(tenant, sku), inventoryCommand(tenant, SetStockLevel.newBuilder().setSku(sku)
        .setWarehouse(warehouse).setAvailable(available).build()), now);
  }

  // ------------------------------------------------------------- acting (as the ingress does)

  /** Places an order the way the ingress does: the PlaceOrder plus one ReserveStock per SKU. */
  public String place(String tenant, String orderId, String currency, Map<String, Long> lines) {
    placeOnly(tenant, orderId, currency, lines, "hash-" + orderId);
    reserveOnly(tenant, orderId, lines);
    relay();
    return orderId;
  }

  void placeOnly(String tenant, String orderId, String currency, Map<String, Long> lines, String requestHash) {
    placeOnly(tenant, orderId, currency, lines, requestHash, null);
  }

  /** Places an order shipped to {@code address}, the way the ingress does (for the shipping tests). */
  public String place(String tenant, String orderId, String currency, Map<String, Long> lines,
      io.fusioncommerce.schemas.orders.ShippingAddress address) {
    placeOnly(tenant, orderId, currency, lines, "hash-" + orderId, address);
    reserveOnly(tenant, orderId, lines);
    relay();
    return orderId;
  }

  private void placeOnly(String tenant, String orderId, String currency, Map<String, Long> lines, String requestHash,
      io.fusioncommerce.schemas.orders.ShippingAddress address) {
    List<RequestedLine> requested = new ArrayList<>();
    lines.forEach((sku, quantity) -> requested.add(new RequestedLine(sku, quantity)));
    orderTopics.input(Topics.ORDER_COMMANDS).pipeInput(new OrderKey(tenant, orderId), OrderCommand.newBuilder()
        .setCommandId(UUID.randomUUID().toString()).setTenantId(tenant).setIssuedAt(now).setCorrelationId("corr-" + orderId)
        .setIssuedBy(CUSTOMER).setCommand(PlaceOrder.newBuilder().setOrderId(orderId).setCustomerId(customer)
            .setCurrency(currency).setLines(requested).setRequestHash(requestHash).setShippingAddress(address).build())
        .build(), now);
  }

  void reserveOnly(String tenant, String orderId, Map<String, Long> lines) {
    Map<String, Long> bySku = new LinkedHashMap<>();
    lines.forEach((sku, quantity) -> bySku.merge(sku, quantity, Long::sum));
    bySku.forEach((sku, quantity) -> inventoryTopics.input(Topics.INVENTORY_COMMANDS).pipeInput(new SkuKey(tenant, sku),
        inventoryCommand(tenant, ReserveStock.newBuilder().setOrderId(orderId).setSku(sku).setQuantity(quantity)
            .setCustomerId(customer).build()), now));
  }

  /** Places the next orders for {@code customerId}. */
  public SagaHarness as(String customerId) {
    this.customer = customerId;
    return this;
  }

  /** A tenant's settings, as the catalog topology publishes them on tenant.settings. */
  public void settings(TenantSettings settings) {
    orderTopics.input(Topics.TENANT_SETTINGS).pipeInput(new TenantKey(settings.getTenantId()), settings, now);
    inventoryTopics.input(Topics.TENANT_SETTINGS).pipeInput(new TenantKey(settings.getTenantId()), settings, now);
  }

  public void cancel(String tenant, String orderId, String reason) {
    orderTopics.input(Topics.ORDER_COMMANDS).pipeInput(new OrderKey(tenant, orderId), OrderCommand.newBuilder()
        .setCommandId(UUID.randomUUID().toString()).setTenantId(tenant).setIssuedAt(now).setCorrelationId("corr-cancel")
        .setIssuedBy(CUSTOMER).setCommand(new CancelOrder(orderId, reason)).build(), now);
    relay();
  }

  void command(String tenant, String keyOrderId, OrderCommand command) {
    orderTopics.input(Topics.ORDER_COMMANDS).pipeInput(new OrderKey(tenant, keyOrderId), command, now);
    relay();
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
    orders.advanceWallClockTime(duration);
    inventory.advanceWallClockTime(duration);
    if (fraudTopics != null) {
      fraudTopics.driver().advanceWallClockTime(duration);
    }
    relay();
  }

  /**
   * Dates the next commands {@code duration} earlier than the topologies' clocks, as if written before
   * the topologies started (while the platform was down); the wall clocks do not move.
   */
  void issueEarlier(Duration duration) {
    now = now.minus(duration);
  }

  /** Moves records between the two topologies until neither has anything left for the other. */
  public void relay() {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (TestRecord<OrderKey, InventoryReserved> r
          : inventoryTopics.output(Topics.INVENTORY_RESERVED).readRecordsToList()) {
        orderTopics.input(Topics.INVENTORY_RESERVED).pipeInput(r.key(), r.value(), now);
        moved = true;
      }
      for (TestRecord<OrderKey, InventoryInsufficient> r
          : inventoryTopics.output(Topics.INVENTORY_INSUFFICIENT).readRecordsToList()) {
        orderTopics.input(Topics.INVENTORY_INSUFFICIENT).pipeInput(r.key(), r.value(), now);
        moved = true;
      }
      for (TestRecord<SkuKey, InventoryCommand> r : orderTopics.output(Topics.INVENTORY_COMMANDS).readRecordsToList()) {
        inventoryTopics.input(Topics.INVENTORY_COMMANDS).pipeInput(r.key(), r.value(), now);
        moved = true;
      }
      if (fraudTopics != null) {
        for (TestRecord<OrderKey, io.fusioncommerce.schemas.fraud.OrderRiskAssessed> r
            : fraudTopics.output(Topics.FRAUD_ASSESSED).readRecordsToList()) {
          orderTopics.input(Topics.FRAUD_ASSESSED).pipeInput(r.key(), r.value(), now);
          moved = true;
        }
      }
    }
  }

  /** A command from another topology (a group order, say) into the order topology. */
  public void orderCommand(OrderKey key, OrderCommand command) {
    orderTopics.input(Topics.ORDER_COMMANDS).pipeInput(key, command, now);
  }

  /** A command from another topology into the inventory topology. */
  public void inventoryCommand(SkuKey key, InventoryCommand command) {
    inventoryTopics.input(Topics.INVENTORY_COMMANDS).pipeInput(key, command, now);
  }

  /** The order.created events published since the last call. */
  public List<TestRecord<OrderKey, OrderCreated>> drainCreated() {
    return orderTopics.output(Topics.ORDER_CREATED).readRecordsToList();
  }

  /** The order status changes published since the last call. */
  public List<TestRecord<OrderKey, OrderStatusChanged>> drainStatusChanges() {
    return orderTopics.output(Topics.ORDER_STATUS_CHANGED).readRecordsToList();
  }

  public Instant now() {
    return now;
  }

  // ------------------------------------------------------------- looking

  public OrderState order(String tenant, String orderId) {
    return orderStore.get(new OrderKey(tenant, orderId));
  }

  /** The order's audit trail, oldest first, as the history route reads it. */
  public List<io.fusioncommerce.schemas.orders.OrderHistoryEntry> history(String tenant, String orderId) {
    String prefix = OrderHistoryKeys.prefix(tenant, orderId);
    List<io.fusioncommerce.schemas.orders.OrderHistoryEntry> entries = new ArrayList<>();
    try (var iterator = historyEntries.range(prefix, prefix + "\uffff")) {
      iterator.forEachRemaining(entry -> entries.add(entry.value));
    }
    return entries;
  }

  public String status(String tenant, String orderId) {
    OrderState state = order(tenant, orderId);
    return state == null ? null : state.getStatus();
  }

  public long available(String tenant, String sku) {
    StockLevel level = stockStore.get(new SkuKey(tenant, sku));
    return level == null ? 0 : level.getWarehouses().values().stream().mapToLong(w -> w.getAvailable()).sum();
  }

  /** A SKU's stock over all its warehouses: what new orders can take and what orders in progress hold. */
  public record Stock(long available, long reserved) {}

  public Stock stockOf(String tenant, String sku) {
    return new Stock(available(tenant, sku), reserved(tenant, sku));
  }

  public long reserved(String tenant, String sku) {
    StockLevel level = stockStore.get(new SkuKey(tenant, sku));
    return level == null ? 0 : level.getWarehouses().values().stream().mapToLong(w -> w.getReserved()).sum();
  }

  static InventoryCommand inventoryCommand(String tenant, Object command) {
    return InventoryCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setTenantId(tenant)
        .setIssuedAt(T0).setCorrelationId("corr").setIssuedBy(CUSTOMER).setCommand(command).build();
  }

  @Override
  public void close() {
    orders.close();
    inventory.close();
    if (fraudTopics != null) {
      fraudTopics.driver().close();
    }
  }
}
