package io.fusioncommerce.analytics.feed;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.support.GlobalTableUpdater;
import io.fusioncommerce.topologies.support.RetentionProcessor;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.StoreRetention;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import io.fusioncommerce.topologies.support.Wiring;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Analytics: business events become flat JSON facts on the {@link AnalyticsTopics} (for Druid), and each
 * tenant's live figures are kept in window and key-value stores (for the live tiles).
 *
 * <p>Built with the DSL around Processor API nodes rather than with {@link Wiring}'s processors alone,
 * because two steps need what the kit has no line for: re-keying (refunds to their order, live events to
 * their tenant) through Kafka Streams' own repartition topics, and sinks that are not Avro contracts (the
 * JSON facts). Stores keep the platform's conventions: named once here, Avro contracts for the global
 * tables, bounded by retention.
 *
 * <p>Back-fill: the application id {@code fusion-analytics} is new to a platform that switches analytics on
 * later; Kafka Streams starts a group without committed offsets at the earliest offset, so the first start
 * reads every retained event (see {@code AnalyticsBackfillTest}).
 */
public final class AnalyticsTopology implements TopologyDefinition {

  public static final String CONTEXT = "analytics";

  /** Each order's lines as placed (key tenant + NUL + order id). */
  public static final String ORDER_STORE = "analytics-orders";
  public static final String EARLY_STATUS_STORE = "analytics-early-statuses";
  /** Label request and label times of undelivered shipments (key tenant + NUL + shipment id). */
  public static final String SHIPMENT_STORE = "analytics-shipments";
  /** Last available stock per SKU and warehouse, for the movements' deltas. */
  public static final String STOCK_STORE = "analytics-stock-levels";
  /** Per tenant, one-minute windows of order figures. */
  public static final String MINUTE_STORE = "analytics-live-minutes";
  /** Per tenant and SKU, the SKUs low on stock now. */
  public static final String LOW_STOCK_STORE = "analytics-live-low-stock";
  /** Per tenant and campaign, the open campaigns. */
  public static final String CAMPAIGN_STORE = "analytics-live-campaigns";
  /** Global tables: the catalog's SKUs (vendor, variant parent) and its product events (categories). */
  public static final String PRODUCT_STORE = "analytics-catalog-products";
  public static final String PRODUCT_CREATED_STORE = "analytics-products-created";
  public static final String PRODUCT_UPDATED_STORE = "analytics-products-updated";

  /** Names of the repartition topics (prefixed by Kafka Streams with the application id). */
  static final String REFUNDS_BY_ORDER = "analytics-refunds-by-order";
  static final String LIVE_BY_TENANT = "analytics-live-by-tenant";

  public static final Duration MINUTE = Duration.ofMinutes(1);
  /** How long after its end a minute still takes late events (stream time). */
  public static final Duration MINUTE_GRACE = Duration.ofSeconds(30);
  /** A rejected order cannot be refunded: its lines are forgotten soon. */
  static final Duration REJECTED_ORDER_RETENTION = Duration.ofDays(1);

  private final RetentionSettings retention;

  public AnalyticsTopology() {
    this(RetentionSettings.defaults());
  }

  /** @param retention how long orders and shipments are remembered ({@code capturedPayments}: a refund can still come) */
  public AnalyticsTopology(RetentionSettings retention) {
    this.retention = retention;
  }

  @Override
  public String context() {
    return CONTEXT;
  }

  @Override
  public List<String> queryableStores() {
    return List.of(MINUTE_STORE, LOW_STOCK_STORE, CAMPAIGN_STORE);
  }

  @Override
  public Topology build(AvroSerdes serdes) {
    return build(serdes, StoreChangeListener.NONE);
  }

  @Override
  public Topology build(AvroSerdes serdes, StoreChangeListener changes) {
    Wiring wiring = new Wiring(serdes);
    StreamsBuilder builder = new StreamsBuilder();
    globalTable(builder, wiring, Topics.CATALOG_PRODUCTS, PRODUCT_STORE);
    globalTable(builder, wiring, Topics.PRODUCT_CREATED, PRODUCT_CREATED_STORE);
    globalTable(builder, wiring, Topics.PRODUCT_UPDATED, PRODUCT_UPDATED_STORE);
    Serde<String> strings = Serdes.String();
    Serde<Facts.Fact> facts = JsonSerde.of(Facts.Fact.class);

    // Orders: placed, status changes, and refunds re-keyed to their order's partition.
    builder.addStateStore(Wiring.store(ORDER_STORE, strings, JsonSerde.of(OrderLines.class)));
    builder.addStateStore(Wiring.store(EARLY_STATUS_STORE, strings, JsonSerde.of(EarlyStatuses.class)));
    // payment.refunded has one source node and two branches: its payment fact, and the refund re-keyed by order
    var paymentRefunds = stream(builder, wiring, Topics.PAYMENT_REFUNDED);
    paymentRefunds.mapValues(refund -> List.of(EventFacts.paymentRefunded(refund)), Named.as("refund-payment-fact"))
        .flatMap((key, list) -> list.stream().map(fact -> KeyValue.pair(fact.factId(), (Facts.Fact) fact)).toList(),
            Named.as("facts-of-" + Topics.PAYMENT_REFUNDED.name()))
        .to(AnalyticsTopics.PAYMENTS, Produced.with(strings, facts).withName("to-facts-of-" + Topics.PAYMENT_REFUNDED.name()));
    KStream<OrderKey, SpecificRecord> refunds = paymentRefunds
        .selectKey((key, refund) -> new OrderKey(refund.getTenantId(), refund.getOrderId()), Named.as("refund-by-order"))
        .repartition(Repartitioned.with(wiring.key(OrderKey.class), wiring.value(Topics.PAYMENT_REFUNDED.valueType()))
            .withName(REFUNDS_BY_ORDER))
        .mapValues(refund -> (SpecificRecord) refund, Named.as("refund-as-order-event"));
    KStream<OrderKey, SpecificRecord> orderEvents = anyRecord(stream(builder, wiring, Topics.ORDER_CREATED), "created")
        .merge(anyRecord(stream(builder, wiring, Topics.ORDER_STATUS_CHANGED), "status-changed"), Named.as("order-events"))
        .merge(refunds, Named.as("order-and-refund-events"));
    KStream<String, Object> orderOut = orderEvents.process(OrderFactsProcessor::new, Named.as("order-facts"), ORDER_STORE,
        EARLY_STATUS_STORE);
    orderEvents.process(() -> new RetentionProcessor<OrderKey, SpecificRecord>(retention.sweepInterval(),
            context -> List.of(new StoreRetention<String, OrderLines>(context.getStateStore(ORDER_STORE),
                this::orderExpiry, retention.sweepBudget()),
                new StoreRetention<String, EarlyStatuses>(context.getStateStore(EARLY_STATUS_STORE),
                    waiting -> Optional.of(Instant.ofEpochMilli(waiting.firstSeenAt()).plus(REJECTED_ORDER_RETENTION)),
                    retention.sweepBudget()))),
        Named.as("order-facts-retention"), ORDER_STORE, EARLY_STATUS_STORE);
    writeFacts(orderOut, facts, "order", AnalyticsTopics.ORDER_LINES);

    // Payments and campaigns: one event, one fact.
    factsOf(builder, wiring, Topics.PAYMENT_CREATED, e -> List.of(EventFacts.paymentCreated(e)), facts);
    factsOf(builder, wiring, Topics.PAYMENT_SUCCEEDED, e -> List.of(EventFacts.paymentSucceeded(e)), facts);
    factsOf(builder, wiring, Topics.PAYMENT_FAILED, e -> List.of(EventFacts.paymentFailed(e)), facts);
    factsOf(builder, wiring, Topics.CAMPAIGN_CREATED, e -> List.of(EventFacts.campaignCreated(e)), facts);
    factsOf(builder, wiring, Topics.CAMPAIGN_JOINED, e -> List.of(EventFacts.campaignJoined(e)), facts);
    factsOf(builder, wiring, Topics.CAMPAIGN_JOIN_REFUSED, e -> List.of(EventFacts.campaignJoinRefused(e)), facts);
    factsOf(builder, wiring, Topics.CAMPAIGN_SUCCEEDED, e -> List.of(EventFacts.campaignSucceeded(e)), facts);
    factsOf(builder, wiring, Topics.CAMPAIGN_EXPIRED, e -> List.of(EventFacts.campaignExpired(e)), facts);
    factsOf(builder, wiring, Topics.CAMPAIGN_GROUP_ORDERS, EventFacts::groupOrder, facts);

    // Shipments: status changes with the time to label and to delivery.
    builder.addStateStore(Wiring.store(SHIPMENT_STORE, strings, JsonSerde.of(ShipmentFactsProcessor.ShipmentTimes.class)));
    KStream<ShipmentKey, SpecificRecord> shipmentEvents =
        anyRecord(stream(builder, wiring, Topics.SHIPPING_LABEL_REQUESTS), "label-requested")
            .merge(anyRecord(stream(builder, wiring, Topics.SHIPPING_LABEL_CREATED), "label-created"), Named.as("labels"))
            .merge(anyRecord(stream(builder, wiring, Topics.SHIPPING_TRACKING), "tracked"), Named.as("shipment-events"));
    writeFacts(shipmentEvents.process(ShipmentFactsProcessor::new, Named.as("shipment-facts"), SHIPMENT_STORE), facts,
        "shipment", AnalyticsTopics.SHIPMENTS);
    shipmentEvents.process(() -> new RetentionProcessor<ShipmentKey, SpecificRecord>(retention.sweepInterval(),
            context -> List.of(new StoreRetention<String, ShipmentFactsProcessor.ShipmentTimes>(
                context.getStateStore(SHIPMENT_STORE),
                times -> Optional.of(Instant.ofEpochMilli(times.lastChangeAt()).plus(retention.deliveredShipments())),
                retention.sweepBudget()))),
        Named.as("shipment-facts-retention"), SHIPMENT_STORE);

    // Stock: movements with their deltas, low stock.
    builder.addStateStore(Wiring.store(STOCK_STORE, strings, Serdes.Long()));
    KStream<SkuKey, SpecificRecord> stockEvents =
        anyRecord(stream(builder, wiring, Topics.INVENTORY_STOCK_CHANGED), "stock-changed")
            .merge(anyRecord(stream(builder, wiring, Topics.INVENTORY_LOW_STOCK), "low-stock"), Named.as("stock-events"));
    KStream<String, Object> stockOut = stockEvents.process(StockFactsProcessor::new, Named.as("stock-facts"), STOCK_STORE);
    writeFacts(stockOut, facts, "stock", AnalyticsTopics.STOCK);

    // Live figures: every live event re-keyed by tenant, kept on the tenant's partition.
    KStream<String, LiveEvent> campaignRows = builder.stream(Topics.CAMPAIGNS_VIEW.name(),
            Consumed.with(wiring.key(Topics.CAMPAIGNS_VIEW.keyType()), wiring.value(Topics.CAMPAIGNS_VIEW.valueType()))
                .withName("from-" + Topics.CAMPAIGNS_VIEW.name()))
        .map((key, row) -> KeyValue.pair(key.getTenantId(), (LiveEvent) (row == null
            ? new LiveEvent.Campaign(0, key.getCampaignId(), null, null, 0, 0, 0)
            : new LiveEvent.Campaign(row.getUpdatedAt().toEpochMilli(), row.getCampaignId(), row.getSku(),
                row.getStatus(), row.getParticipants(), row.getMinParticipants(), row.getEndsAt().toEpochMilli()))),
            Named.as("campaign-row-by-tenant"));
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(MINUTE_STORE, LiveFiguresProcessor.RETENTION, MINUTE, false), strings,
        JsonSerde.of(MinuteFigures.class)));
    builder.addStateStore(Wiring.store(LOW_STOCK_STORE, strings, JsonSerde.of(LiveEntries.LowStock.class)));
    builder.addStateStore(Wiring.store(CAMPAIGN_STORE, strings, JsonSerde.of(LiveEntries.OpenCampaign.class)));
    liveEvents(orderOut, "order").merge(liveEvents(stockOut, "stock"), Named.as("order-and-stock-live"))
        .merge(campaignRows, Named.as("live-events"))
        .repartition(Repartitioned.with(strings, JsonSerde.of(LiveEvent.class)).withName(LIVE_BY_TENANT))
        .process(() -> new LiveFiguresProcessor(changes), Named.as("live-figures"), MINUTE_STORE, LOW_STOCK_STORE,
            CAMPAIGN_STORE);
    return builder.build();
  }

  private Optional<Instant> orderExpiry(OrderLines order) {
    Duration keep = "REJECTED".equals(order.status()) ? REJECTED_ORDER_RETENTION : retention.capturedPayments();
    return Optional.of(Instant.ofEpochMilli(order.lastChangeAt()).plus(keep));
  }

  private static <K extends SpecificRecord, V extends SpecificRecord> KStream<K, V> stream(StreamsBuilder builder,
      Wiring wiring, TopicContract<K, V> topic) {
    return builder.stream(topic.name(), Consumed.with(wiring.key(topic.keyType()), wiring.value(topic.valueType()))
        .withName("from-" + topic.name()));
  }

  private static <K, V extends SpecificRecord> KStream<K, SpecificRecord> anyRecord(KStream<K, V> stream, String name) {
    return stream.mapValues(value -> (SpecificRecord) value, Named.as(name + "-as-record"));
  }

  private static <K extends SpecificRecord, V extends SpecificRecord> void factsOf(StreamsBuilder builder,
      Wiring wiring, TopicContract<K, V> topic, Function<V, List<? extends Facts.Fact>> toFacts, Serde<Facts.Fact> facts) {
    stream(builder, wiring, topic)
        .flatMap((key, event) -> event == null ? List.<KeyValue<String, Facts.Fact>>of()
            : toFacts.apply(event).stream().map(fact -> KeyValue.pair(fact.factId(), (Facts.Fact) fact)).toList(),
            Named.as("facts-of-" + topic.name()))
        .to(factTopic(topic), Produced.with(Serdes.String(), facts).withName("to-facts-of-" + topic.name()));
  }

  private static String factTopic(TopicContract<?, ?> topic) {
    return topic.name().startsWith("payment.") ? AnalyticsTopics.PAYMENTS : AnalyticsTopics.CAMPAIGNS;
  }

  private static void writeFacts(KStream<String, Object> out, Serde<Facts.Fact> facts, String name, String topic) {
    out.filter((key, value) -> value instanceof Facts.Fact, Named.as(name + "-facts-only"))
        .mapValues(value -> (Facts.Fact) value, Named.as(name + "-as-fact"))
        .to(topic, Produced.with(Serdes.String(), facts).withName(name + "-to-facts"));
  }

  private static KStream<String, LiveEvent> liveEvents(KStream<String, Object> out, String name) {
    return out.filter((key, value) -> value instanceof LiveEvent, Named.as(name + "-live-only"))
        .mapValues(value -> (LiveEvent) value, Named.as(name + "-as-live"));
  }

  private static <K extends SpecificRecord, V extends SpecificRecord> void globalTable(StreamsBuilder builder,
      Wiring wiring, TopicContract<K, V> topic, String store) {
    Serde<K> keys = wiring.key(topic.keyType());
    Serde<V> values = wiring.value(topic.valueType());
    builder.addGlobalStore(Wiring.store(store, keys, values).withLoggingDisabled(), topic.name(),
        Consumed.with(keys, values).withName("from-" + topic.name()), () -> new GlobalTableUpdater<K, V>(store));
  }
}
