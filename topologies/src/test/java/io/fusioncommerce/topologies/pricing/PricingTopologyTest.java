package io.fusioncommerce.topologies.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.campaigns.CampaignListRow;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.inventory.StockLevelChanged;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.pricing.CurrentPrice;
import io.fusioncommerce.schemas.pricing.PriceChanged;
import io.fusioncommerce.schemas.pricing.PricingCommand;
import io.fusioncommerce.schemas.pricing.PricingState;
import io.fusioncommerce.schemas.pricing.SetPricingPolicy;
import io.fusioncommerce.topologies.orders.SagaHarness;
import io.fusioncommerce.topologies.support.TestTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricingTopologyTest {

  static final Instant T0 = SagaHarness.T0;
  static final Actor VENDOR = Actor.newBuilder().setSubject("seller").setRoles(List.of("vendor")).setVendorId("v1").build();

  @TempDir Path dir;
  TestTopology pricing;
  KeyValueStore<SkuKey, PricingState> states;
  Instant now = T0;
  int orders;

  @BeforeEach
  void start() {
    pricing = TestTopology.start(new PricingTopology(), dir.resolve("pricing"), T0);
    states = pricing.driver().getKeyValueStore(PricingTopology.STATE_STORE);
    product("acme", "KETTLE", 5000, "USD");
    product("globex", "KETTLE", 5000, "USD");
  }

  @AfterEach
  void stop() {
    pricing.driver().close();
  }

  void product(String tenant, String sku, long price, String currency) {
    pricing.input(Topics.CATALOG_PRODUCTS).pipeInput(new SkuKey(tenant, sku), Product.newBuilder().setTenantId(tenant)
        .setSku(sku).setVendorId("v1").setName(sku).setPrice(new Money(price, currency)).setStatus("ACTIVE")
        .setVersion(1).setUpdatedAt(T0).build(), now);
  }

  void policy(String tenant, String sku, boolean enabled, long floor, long ceiling, int step, long interval) {
    SetPricingPolicy body = SetPricingPolicy.newBuilder().setEnabled(enabled).setFloor(new Money(floor, "USD"))
        .setCeiling(new Money(ceiling, "USD")).setMaxStepPercent(step).setIntervalSeconds(interval).build();
    PricingCommand command = Cause.ofRequest(tenant, "corr-" + now, VENDOR, now, null)
        .command(new PricingCommand(), "policy-" + now.toEpochMilli(), VENDOR, body);
    pricing.input(Topics.PRICING_COMMANDS).pipeInput(new SkuKey(tenant, sku), command, now);
  }

  void ordered(String tenant, String sku, long units) {
    String orderId = "o-" + (++orders);
    OrderCreated created = OrderCreated.newBuilder(Cause.ofTimer("cmd-" + orderId, tenant, orderId, now)
            .event(new OrderCreated(), "created-" + orderId))
        .setOrderId(orderId).setCustomerId("c1").setTotal(new Money(units * 5000, "USD"))
        .setItems(List.of(new OrderLine(sku, units, new Money(5000L, "USD"), "v1", null))).build();
    pricing.input(Topics.ORDER_CREATED).pipeInput(new OrderKey(tenant, orderId), created, now);
  }

  void stock(String tenant, String sku, long available) {
    StockLevelChanged changed = StockLevelChanged.newBuilder(Cause.ofTimer("s", tenant, "s", now)
            .event(new StockLevelChanged(), "stock-" + now.toEpochMilli()))
        .setSku(sku).setWarehouse("main").setAvailable(available).setReserved(0).setTotalAvailable(available)
        .setTotalReserved(0).setVersion(1).build();
    pricing.input(Topics.INVENTORY_STOCK_CHANGED).pipeInput(new SkuKey(tenant, sku), changed, now);
  }

  void advance(Duration duration) {
    now = now.plus(duration);
    pricing.driver().advanceWallClockTime(duration);
  }

  List<PriceChanged> changes() {
    return pricing.output(Topics.PRICE_CHANGED).readValuesToList();
  }

  @Test
  void ordersInAWindowMoveThePriceUpOnceAtItsEndWithTheSignalsBehindIt() {
    policy("acme", "KETTLE", true, 4000, 6000, 10, 60);
    stock("acme", "KETTLE", 40);
    assertThat(pricing.output(Topics.PRICING_CURRENT_PRICES).readValue().getPrice()).isEqualTo(new Money(5000L, "USD"));
    ordered("acme", "KETTLE", 3);
    ordered("acme", "KETTLE", 2);
    advance(Duration.ofSeconds(30));
    assertThat(changes()).as("not before the window closes").isEmpty();
    advance(Duration.ofSeconds(31));

    PriceChanged changed = changes().getFirst();
    assertThat(changed.getPreviousPrice().getAmount()).isEqualTo(5000);
    assertThat(changed.getNewPrice().getAmount()).isEqualTo(5500); // high demand and 1/3 day of stock: the whole 10 %
    assertThat(changed.getReason()).isEqualTo(PricingBook.Reasons.HIGH_DEMAND);
    assertThat(changed.getSignals().getUnitsInWindow()).isEqualTo(5);
    assertThat(changed.getSignals().getAvailableStock()).isEqualTo(40);
    assertThat(changed.getSignals().getCartAdds()).isNull();
    assertThat(changed.getTenantId()).isEqualTo("acme");
    TestRecord<SkuKey, CurrentPrice> current = pricing.output(Topics.PRICING_CURRENT_PRICES).readRecord();
    assertThat(current.key()).isEqualTo(new SkuKey("acme", "KETTLE"));
    assertThat(current.value().getPrice().getAmount()).isEqualTo(5500);
    assertThat(states.get(new SkuKey("acme", "KETTLE")).getCurrentPrice().getAmount()).isEqualTo(5500);

    // the next windows go on climbing with demand, never past the ceiling, one move per window
    for (int i = 0; i < 10; i++) {
      ordered("acme", "KETTLE", 50);
      advance(Duration.ofSeconds(61));
    }
    List<PriceChanged> climb = changes();
    assertThat(climb).hasSizeLessThanOrEqualTo(10).extracting(c -> c.getNewPrice().getAmount()).contains(6000L)
        .allMatch(amount -> amount <= 6000);
    assertThat(states.get(new SkuKey("acme", "KETTLE")).getCurrentPrice().getAmount()).isEqualTo(6000);
  }

  @Test
  void anotherTenantsOrdersAndSkusWithoutAPolicyMoveNothing() {
    policy("acme", "KETTLE", true, 4000, 6000, 10, 60);
    pricing.output(Topics.PRICING_CURRENT_PRICES).readRecordsToList();
    ordered("globex", "KETTLE", 500);
    ordered("acme", "OTHER", 500);
    advance(Duration.ofSeconds(61));
    assertThat(changes()).isEmpty();
    assertThat(states.get(new SkuKey("globex", "KETTLE"))).isNull();
    assertThat(states.get(new SkuKey("acme", "OTHER"))).isNull();
    assertThat(states.get(new SkuKey("acme", "KETTLE")).getCurrentPrice().getAmount()).isEqualTo(5000);
  }

  @Test
  void campaignJoinsAreDemandAndSwitchingOffWithdrawsThePrice() {
    policy("acme", "KETTLE", true, 4000, 6000, 10, 60);
    CampaignListRow row = CampaignListRow.newBuilder().setTenantId("acme").setCampaignId("c1").setSku("KETTLE")
        .setProductName("Kettle").setVendorId("v1").setStatus("OPEN").setParticipants(4).setMinParticipants(5)
        .setGroupPriceAmount(3900).setCurrency("USD").setStartsAt(T0).setEndsAt(T0.plusSeconds(3600))
        .setCreatedAt(T0).setUpdatedAt(T0).setVersion(4).build();
    pricing.input(Topics.CAMPAIGNS_VIEW).pipeInput(new CampaignKey("acme", "c1"), row, now);
    advance(Duration.ofSeconds(61));
    PriceChanged changed = changes().getFirst();
    assertThat(changed.getReason()).isEqualTo(PricingBook.Reasons.CAMPAIGN_INTEREST);
    assertThat(changed.getSignals().getCampaignJoins()).isEqualTo(4);
    assertThat(changed.getNewPrice().getAmount()).isEqualTo(5250); // one vote: half the 10 %

    pricing.output(Topics.PRICING_CURRENT_PRICES).readRecordsToList();
    policy("acme", "KETTLE", false, 4000, 6000, 10, 60);
    TestRecord<SkuKey, CurrentPrice> withdrawn = pricing.output(Topics.PRICING_CURRENT_PRICES).readRecord();
    assertThat(withdrawn.value()).as("a tombstone: the catalog price applies again").isNull();
    assertThat(changes()).extracting(c -> c.getNewPrice().getAmount()).containsExactly(5000L);
  }

  @Test
  void theOrderTopologyChargesTheCurrentPriceAndAnOrderKeepsThePriceItWasPlacedAt() {
    SagaHarness saga = new SagaHarness(dir.resolve("saga"));
    try {
      saga.product("acme", "KETTLE", 5000, "USD", "v1", "ACTIVE");
      saga.product("acme", "JPY-KETTLE", 5000, "JPY", "v1", "ACTIVE");
      saga.stock("acme", "KETTLE", "main", 100);
      saga.stock("acme", "JPY-KETTLE", "main", 100);
      saga.place("acme", "before", "USD", Map.of("KETTLE", 1L));

      policy("acme", "KETTLE", true, 4000, 6000, 10, 60);
      ordered("acme", "KETTLE", 5); // one vote (no stock signal reached pricing here): half the 10 %
      advance(Duration.ofSeconds(61));
      for (TestRecord<SkuKey, CurrentPrice> price : pricing.output(Topics.PRICING_CURRENT_PRICES).readRecordsToList()) {
        saga.orderTopics.input(Topics.PRICING_CURRENT_PRICES).pipeInput(price.key(), price.value(), saga.now());
      }
      // a dynamic price in another currency than the product's is never charged
      saga.orderTopics.input(Topics.PRICING_CURRENT_PRICES).pipeInput(new SkuKey("acme", "JPY-KETTLE"),
          new CurrentPrice("acme", "JPY-KETTLE", new Money(1L, "USD"), "TEST", T0), saga.now());
      saga.place("acme", "after", "USD", Map.of("KETTLE", 1L));
      saga.place("acme", "yen", "JPY", Map.of("JPY-KETTLE", 1L));

      OrderState after = saga.order("acme", "after");
      assertThat(after.getStatus()).isEqualTo("CONFIRMED");
      assertThat(after.getLines().getFirst().getUnitPrice()).isEqualTo(new Money(5250L, "USD"));
      assertThat(after.getTotal()).isEqualTo(new Money(5250L, "USD"));
      assertThat(saga.order("acme", "before").getLines().getFirst().getUnitPrice().getAmount()).isEqualTo(5000);
      assertThat(saga.order("acme", "yen").getLines().getFirst().getUnitPrice()).isEqualTo(new Money(5000L, "JPY"));

      // the price moves on; the placed order does not
      saga.orderTopics.input(Topics.PRICING_CURRENT_PRICES).pipeInput(new SkuKey("acme", "KETTLE"), null, saga.now());
      assertThat(saga.order("acme", "after").getLines().getFirst().getUnitPrice().getAmount()).isEqualTo(5250);
    } finally {
      saga.close();
    }
  }
}
