package io.fusioncommerce.analytics.feed;

import static io.fusioncommerce.analytics.feed.AnalyticsEvents.campaign;
import static io.fusioncommerce.analytics.feed.AnalyticsEvents.catalogRow;
import static io.fusioncommerce.analytics.feed.AnalyticsEvents.created;
import static io.fusioncommerce.analytics.feed.AnalyticsEvents.line;
import static io.fusioncommerce.analytics.feed.AnalyticsEvents.lowStock;
import static io.fusioncommerce.analytics.feed.AnalyticsEvents.product;
import static io.fusioncommerce.analytics.feed.AnalyticsEvents.refunded;
import static io.fusioncommerce.analytics.feed.AnalyticsEvents.status;
import static io.fusioncommerce.analytics.feed.AnalyticsEvents.stockChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.analytics.live.LiveFigures;
import io.fusioncommerce.analytics.live.LiveMinute;
import io.fusioncommerce.analytics.live.StoreLiveFiguresSource;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.support.TestTopology;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import org.apache.kafka.streams.Topology;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsTopologyTest {

  /** A minute boundary, so "T0 plus seconds" stays in one minute. */
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir
  Path stateDir;
  private TestTopology analytics;
  private TestOutputTopic<String, String> orderLines;
  private final List<String> changedTenants = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    AnalyticsTopology topology = new AnalyticsTopology();
    analytics = TestTopology.start(new TopologyDefinition() {
      @Override
      public String context() {
        return topology.context();
      }

      @Override
      public List<String> queryableStores() {
        return topology.queryableStores();
      }

      @Override
      public Topology build(AvroSerdes serdes) {
        return topology.build(serdes, (store, key) -> changedTenants.add(store + "/" + key));
      }
    }, stateDir, T0);
    orderLines = analytics.driver().createOutputTopic(AnalyticsTopics.ORDER_LINES, new StringDeserializer(),
        new StringDeserializer());
    analytics.input(Topics.PRODUCT_CREATED).pipeInput(new SkuKey("t1", "shoe"), product("t1", "shoe", "v1", "shoes", "sale"));
    analytics.input(Topics.PRODUCT_CREATED).pipeInput(new SkuKey("t1", "sock"), product("t1", "sock", "v2"));
    analytics.input(Topics.PRODUCT_CREATED).pipeInput(new SkuKey("t1", "hat"), product("t1", "hat", "v1", "hats"));
    // a variant SKU takes its product's category
    analytics.input(Topics.CATALOG_PRODUCTS).pipeInput(new SkuKey("t1", "hat-red"), catalogRow("t1", "hat-red", "hat", "v1"));
  }

  @AfterEach
  void stop() {
    analytics.driver().close();
  }

  private void place(OrderCreated order) {
    analytics.input(Topics.ORDER_CREATED).pipeInput(new OrderKey(order.getTenantId(), order.getOrderId()), order,
        order.getOccurredAt());
  }

  private void move(OrderStatusChanged changed) {
    analytics.input(Topics.ORDER_STATUS_CHANGED).pipeInput(new OrderKey(changed.getTenantId(), changed.getOrderId()),
        changed, changed.getOccurredAt());
  }

  private List<Map<String, Object>> facts() {
    return AnalyticsEvents.parsed(orderLines.readValuesToList());
  }

  private static long sum(List<Map<String, Object>> facts, String field) {
    return facts.stream().mapToLong(f -> ((Number) f.get(field)).longValue()).sum();
  }

  @Test
  void anOrderPlacedThenConfirmedGivesOneFactPerLineForEachEvent() {
    place(created("t1", "o1", T0, line("shoe", 2, 5_000, "v1"), line("sock", 3, 400, "v2"), line("hat-red", 1, 1_500, "v1")));
    move(status("t1", "o1", "CONFIRMED", null, T0.plusMillis(180)));

    List<Map<String, Object>> facts = facts();
    assertThat(facts).extracting(f -> f.get("event"))
        .containsExactly("PLACED", "PLACED", "PLACED", "CONFIRMED", "CONFIRMED", "CONFIRMED");
    List<Map<String, Object>> confirmed = facts.subList(3, 6);
    assertThat(confirmed.getFirst()).containsEntry("factId", "ev-CONFIRMED-o1:shoe").containsEntry("tenantId", "t1")
        .containsEntry("orderId", "o1").containsEntry("customerId", "cust-o1").containsEntry("vendorId", "v1")
        .containsEntry("sku", "shoe").containsEntry("category", "shoes").containsEntry("categoryPath", "shoes")
        .containsEntry("currency", "EUR").containsEntry("quantity", 2).containsEntry("unitPrice", 5_000)
        .containsEntry("amount", 10_000).containsEntry("lines", 1).containsEntry("occurredAt", T0.plusMillis(180).toEpochMilli())
        .containsEntry("confirmLatencyMillis", 180).doesNotContainKey("reason");
    assertThat(confirmed.get(1)).containsEntry("category", ProductCategory.UNCATEGORISED).containsEntry("amount", 1_200);
    assertThat(confirmed.get(2)).containsEntry("sku", "hat-red").containsEntry("category", "hats");
    // counted once per order, once per vendor, once per category of the order
    assertThat(confirmed).extracting(f -> f.get("orderCount")).containsExactly(1, 0, 0);
    assertThat(confirmed).extracting(f -> f.get("vendorOrderCount")).containsExactly(1, 1, 0);
    assertThat(confirmed).extracting(f -> f.get("categoryOrderCount")).containsExactly(1, 1, 1);
    assertThat(sum(confirmed, "amount")).isEqualTo(12_700);
    assertThat(facts.getFirst()).doesNotContainKey("confirmLatencyMillis").doesNotContainKey("topic").containsEntry("factId", "ev-created-o1:shoe");
  }

  @Test
  void theConfirmationLatencyCountsFromTheAcceptedRequestNotFromTheTopologysOwnStamp() {
    // the reservations came back before the PlaceOrder was processed: order.created is stamped 1 ms before
    // the confirmation, but it carries the time the ingress accepted the order (240 ms earlier)
    OrderCreated order = created("t1", "late", T0.plusMillis(240), line("shoe", 1, 5_000, "v1"));
    analytics.input(Topics.ORDER_CREATED).pipeInput(new OrderKey("t1", "late"), order, T0);
    move(status("t1", "late", "CONFIRMED", null, T0.plusMillis(241)));

    Map<String, Object> confirmed = facts().stream().filter(f -> "CONFIRMED".equals(f.get("event"))).findFirst()
        .orElseThrow();
    assertThat(((Number) confirmed.get("confirmLatencyMillis")).longValue()).isEqualTo(241);
  }

  @Test
  void aConfirmationReadBeforeItsOrderIsCountedOnceTheOrderArrives() {
    // the confirmation inherits the time of the reservation that completed it, which may be older than
    // the PlaceOrder's: read by timestamp, it reaches the feed first
    move(status("t1", "early", "CONFIRMED", null, T0.plusMillis(90)));
    assertThat(facts()).isEmpty();
    analytics.input(Topics.ORDER_CREATED).pipeInput(new OrderKey("t1", "early"),
        created("t1", "early", T0.plusMillis(80), line("shoe", 2, 5_000, "v1")), T0.plusMillis(80));

    assertThat(facts()).extracting(f -> f.get("event")).containsExactly("PLACED", "CONFIRMED");
    assertThat(liveFigures("t1").minutes()).extracting(LiveMinute::ordersConfirmed)
        .contains(1L);
  }

  @Test
  void aRejectionCarriesItsReasonAndTheLaterStatusesFollow() {
    place(created("t1", "o2", T0, line("shoe", 1, 5_000, "v1")));
    move(status("t1", "o2", "REJECTED", "INSUFFICIENT_STOCK", T0.plusSeconds(1)));
    place(created("t1", "o3", T0, line("shoe", 1, 5_000, "v1")));
    move(status("t1", "o3", "CANCELLED", "customer changed mind", T0.plusSeconds(2)));

    List<Map<String, Object>> facts = facts();
    assertThat(facts.get(1)).containsEntry("event", "REJECTED").containsEntry("reason", "INSUFFICIENT_STOCK")
        .doesNotContainKey("confirmLatencyMillis");
    assertThat(facts.get(3)).containsEntry("event", "CANCELLED").containsEntry("reason", "customer changed mind");
  }

  @Test
  void aRefundIsAllocatedToTheLinesWithoutLosingAMinorUnit() {
    place(created("t1", "o4", T0, line("shoe", 1, 3_333, "v1"), line("sock", 1, 3_333, "v2"), line("hat", 1, 3_334, "v1")));
    orderLines.readValuesToList();
    analytics.input(Topics.PAYMENT_REFUNDED).pipeInput(new PaymentKey("t1", "pay-o4"), refunded("t1", "o4", 1_001,
        T0.plusSeconds(60)), T0.plusSeconds(60));

    List<Map<String, Object>> facts = facts();
    assertThat(facts).extracting(f -> f.get("event")).containsOnly("REFUNDED").hasSize(3);
    assertThat(sum(facts, "amount")).isEqualTo(1_001);
    assertThat(facts).extracting(f -> f.get("amount")).containsExactly(334, 333, 334); // largest remainders: the hat, then the earlier of two equal ones
    assertThat(facts.getFirst()).containsEntry("reason", "damaged").containsEntry("factId", "ev-refund-o4:shoe");
  }

  @Test
  void factsOfTwoTenantsNeverMix() {
    place(created("t1", "same", T0, line("shoe", 1, 5_000, "v1")));
    place(created("t2", "same", T0, line("shoe", 7, 10, "other-vendor")));
    move(status("t2", "same", "CONFIRMED", null, T0.plusSeconds(1)));

    List<Map<String, Object>> facts = facts();
    Map<String, Object> t2Confirmed = facts.get(2);
    assertThat(t2Confirmed).containsEntry("tenantId", "t2").containsEntry("vendorId", "other-vendor")
        .containsEntry("quantity", 7).containsEntry("category", ProductCategory.UNCATEGORISED);
    assertThat(liveFigures("t1").minutes().getLast().ordersConfirmed()).isZero();
    assertThat(liveFigures("t2").minutes().getLast().ordersConfirmed()).isEqualTo(1);
  }

  @Test
  void theSameInputReplayedGivesTheSameFacts() {
    OrderCreated order = created("t1", "o5", T0, line("shoe", 1, 5_000, "v1"), line("sock", 2, 400, "v2"));
    OrderStatusChanged paid = status("t1", "o5", "PAID", null, T0.plusSeconds(5));
    place(order);
    move(paid);
    List<Map<String, Object>> first = facts();
    place(order);
    move(paid);
    assertThat(facts()).isEqualTo(first);
  }

  @Test
  void eachMinuteCountsPlacementsConfirmationsRejectionsRevenueAndLatency() {
    for (int i = 0; i < 10; i++) {
      place(created("t1", "m" + i, T0.plusSeconds(i), line("shoe", 2, 1_000, "v1")));
    }
    for (int i = 0; i < 8; i++) {
      // latencies 40 ms .. 320 ms, and one slow one
      move(status("t1", "m" + i, "CONFIRMED", null, T0.plusSeconds(i).plusMillis(i == 7 ? 4_000 : 40L * (i + 1))));
    }
    move(status("t1", "m8", "REJECTED", "INSUFFICIENT_STOCK", T0.plusSeconds(20)));
    move(status("t1", "m9", "REJECTED", "CUSTOMER_LIMIT_EXCEEDED", T0.plusSeconds(21)));
    // the next minute: one order placed from another currency's store
    place(created("t1", "n1", T0.plusSeconds(65), line("shoe", 1, 1_000, "v1")));

    LiveFigures figures = liveFigures("t1", T0.plusSeconds(70));
    assertThat(figures.minutes()).hasSize(60);
    LiveMinute first = figures.minutes().get(58);
    assertThat(first.start()).isEqualTo(T0);
    assertThat(first.ordersPlaced()).isEqualTo(10);
    assertThat(first.ordersConfirmed()).isEqualTo(8);
    assertThat(first.unitsConfirmed()).isEqualTo(16);
    assertThat(first.revenueByCurrency()).isEqualTo(Map.of("EUR", 16_000L));
    assertThat(first.ordersRejected()).isEqualTo(2);
    assertThat(first.rejectionsByReason()).isEqualTo(Map.of("INSUFFICIENT_STOCK", 1L, "CUSTOMER_LIMIT_EXCEEDED", 1L));
    assertThat(first.confirmLatencyP50Millis()).isEqualTo(200L); // the 4th of 8 (160 ms) lies in the 100-200 bucket
    assertThat(first.confirmLatencyP99Millis()).isEqualTo(4_000L);
    LiveMinute current = figures.minutes().getLast();
    assertThat(current.start()).isEqualTo(T0.plusSeconds(60));
    assertThat(current.ordersPlaced()).isEqualTo(1);
    assertThat(current.confirmLatencyP50Millis()).isNull();
    assertThat(figures.minutes().getFirst()).isEqualTo(MinuteFigures.zero(T0.minus(Duration.ofMinutes(58))));
    assertThat(changedTenants).contains(AnalyticsTopology.MINUTE_STORE + "/t1");
  }

  @Test
  void lowStockIsSetByTheLowStockEventAndClearedWhenStockRisesAboveTheThreshold() {
    var low = analytics.input(Topics.INVENTORY_LOW_STOCK);
    var changed = analytics.input(Topics.INVENTORY_STOCK_CHANGED);
    analytics.input(Topics.CATALOG_PRODUCTS).pipeInput(new SkuKey("t1", "shoe"), catalogRow("t1", "shoe", null, "v1"));
    changed.pipeInput(new SkuKey("t1", "shoe"), stockChanged("t1", "shoe", 3, T0), T0);
    low.pipeInput(new SkuKey("t1", "shoe"), lowStock("t1", "shoe", 3, 5, T0), T0);
    changed.pipeInput(new SkuKey("t1", "shoe"), stockChanged("t1", "shoe", 2, T0.plusSeconds(1)), T0.plusSeconds(1));

    assertThat(liveFigures("t1").lowStock()).singleElement().satisfies(sku -> {
      assertThat(sku.sku()).isEqualTo("shoe");
      assertThat(sku.vendorId()).isEqualTo("v1");
      assertThat(sku.available()).isEqualTo(2);
      assertThat(sku.threshold()).isEqualTo(5);
      assertThat(sku.since()).isEqualTo(T0);
    });
    assertThat(liveFigures("t2").lowStock()).isEmpty();

    changed.pipeInput(new SkuKey("t1", "shoe"), stockChanged("t1", "shoe", 5, T0.plusSeconds(2)), T0.plusSeconds(2));
    assertThat(liveFigures("t1").lowStock()).isNotEmpty(); // at the threshold is still low
    changed.pipeInput(new SkuKey("t1", "shoe"), stockChanged("t1", "shoe", 6, T0.plusSeconds(3)), T0.plusSeconds(3));
    assertThat(liveFigures("t1").lowStock()).isEmpty();
  }

  @Test
  void openCampaignsShowTheirProgressUntilTheyClose() {
    var rows = analytics.input(Topics.CAMPAIGNS_VIEW);
    Instant endsAt = T0.plus(Duration.ofDays(1));
    rows.pipeInput(new CampaignKey("t1", "c1"), campaign("t1", "c1", "OPEN", 0, endsAt, T0), T0);
    rows.pipeInput(new CampaignKey("t1", "c1"), campaign("t1", "c1", "OPEN", 4, endsAt, T0.plusSeconds(1)), T0.plusSeconds(1));

    assertThat(liveFigures("t1").campaigns()).singleElement().satisfies(progress -> {
      assertThat(progress.campaignId()).isEqualTo("c1");
      assertThat(progress.sku()).isEqualTo("sku-c");
      assertThat(progress.joinedQuantity()).isEqualTo(4);
      assertThat(progress.targetQuantity()).isEqualTo(10);
      assertThat(progress.endsAt()).isEqualTo(endsAt);
    });
    rows.pipeInput(new CampaignKey("t1", "c1"), campaign("t1", "c1", "SUCCEEDED", 10, endsAt, T0.plusSeconds(2)),
        T0.plusSeconds(2));
    assertThat(liveFigures("t1").campaigns()).isEmpty();
  }

  @Test
  void figuresAreEmptyWhileTheStoresCannotBeRead() {
    StoreLiveFiguresSource unavailable = new StoreLiveFiguresSource(new StoreLiveFiguresSource.Stores() {
      @Override
      public <T> T store(String name, QueryableStoreType<T> type, String tenantId) {
        throw new org.apache.kafka.streams.errors.InvalidStateStoreException("rebalancing");
      }
    }, Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(unavailable.figures("t1")).isEmpty();
  }

  private LiveFigures liveFigures(String tenantId) {
    return liveFigures(tenantId, T0.plusSeconds(30));
  }

  private LiveFigures liveFigures(String tenantId, Instant now) {
    StoreLiveFiguresSource source = new StoreLiveFiguresSource(new StoreLiveFiguresSource.Stores() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T store(String name, QueryableStoreType<T> type, String tenant) {
        return (T) (name.equals(AnalyticsTopology.MINUTE_STORE) ? analytics.driver().getWindowStore(name)
            : analytics.driver().getKeyValueStore(name));
      }
    }, Clock.fixed(now, ZoneOffset.UTC));
    return source.figures(tenantId).orElseThrow();
  }
}
