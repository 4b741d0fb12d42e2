package io.fusioncommerce.topologies.campaigns;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.campaigns.CampaignParticipant;
import io.fusioncommerce.schemas.campaigns.CampaignState;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.support.GlobalTableUpdater;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Group buying: each campaign's state and counters ({@value #CAMPAIGN_STORE}), its participants
 * ({@value #PARTICIPANT_STORE}, one entry each, so a join writes one small record however large the
 * campaign), their invite codes and the end-of-window timers, on the partition that owns the
 * campaign. Group orders go through the order saga; their outcomes come back through
 * {@code campaign.group-orders}; the campaign list's rows go to {@code campaigns.view}. See
 * {@link CampaignBook} for the rules.
 */
public final class CampaignTopology implements TopologyDefinition {

  public static final String CONTEXT = "campaigns";
  public static final String CAMPAIGN_STORE = "campaigns";
  public static final String PARTICIPANT_STORE = "campaign-participants";
  public static final String INVITE_STORE = "campaign-invites";
  public static final String TIMER_STORE = "campaign-timers";
  public static final String PRODUCT_STORE = "campaigns-catalog-products";
  /** Campaigns whose list row is behind their count (flushed once a second). */
  public static final String STALE_ROWS_STORE = "campaign-stale-rows";

  static final String COMMANDS_SOURCE = "campaign-commands";
  static final String GROUP_ORDERS_SOURCE = "campaign-group-orders";
  static final String ORDER_STATUS_SOURCE = "order-status-changed";
  static final String RELAY = "group-order-relay";
  static final String RELAY_SINK = "group-order-relay-sink";
  static final String PROCESSOR = "campaign-processor";
  static final String CREATED_SINK = "campaign-created-sink";
  static final String REJECTED_SINK = "campaign-rejected-sink";
  static final String JOINED_SINK = "campaign-joined-sink";
  static final String JOIN_REFUSED_SINK = "campaign-join-refused-sink";
  static final String SUCCEEDED_SINK = "campaign-succeeded-sink";
  static final String EXPIRED_SINK = "campaign-expired-sink";
  static final String ORDER_SINK = "group-order-commands-sink";
  static final String INVENTORY_SINK = "group-order-reservations-sink";
  static final String VIEW_SINK = "campaigns-view-sink";

  private final InviteCodes inviteCodes;
  private final RetentionSettings retention;

  /** @param inviteCodes signs participants' invite codes and verifies the referral codes joins carry */
  public CampaignTopology(InviteCodes inviteCodes) {
    this(inviteCodes, RetentionSettings.defaults());
  }

  public CampaignTopology(InviteCodes inviteCodes, RetentionSettings retention) {
    this.inviteCodes = java.util.Objects.requireNonNull(inviteCodes, "inviteCodes");
    this.retention = retention;
  }

  @Override
  public String context() {
    return CONTEXT;
  }

  @Override
  public List<String> queryableStores() {
    return List.of(CAMPAIGN_STORE, PARTICIPANT_STORE);
  }

  @Override
  public Topology build(AvroSerdes serdes) {
    return build(serdes, StoreChangeListener.NONE);
  }

  @Override
  public Topology build(AvroSerdes serdes, StoreChangeListener changes) {
    var campaignKey = serdes.key(CampaignKey.class);
    var orderKey = serdes.key(OrderKey.class);
    var skuKey = serdes.key(SkuKey.class);
    Topology topology = new Topology();

    // group orders' status changes, re-keyed by campaign
    topology.addSource(ORDER_STATUS_SOURCE, orderKey.deserializer(),
        serdes.value(Topics.ORDER_STATUS_CHANGED.valueType()).deserializer(), Topics.ORDER_STATUS_CHANGED.name());
    topology.addProcessor(RELAY, GroupOrderRelay::new, ORDER_STATUS_SOURCE);
    topology.addSink(RELAY_SINK, Topics.CAMPAIGN_GROUP_ORDERS.name(), campaignKey.serializer(),
        serdes.value(Topics.CAMPAIGN_GROUP_ORDERS.valueType()).serializer(), RELAY);

    topology.addSource(COMMANDS_SOURCE, campaignKey.deserializer(),
        serdes.value(Topics.CAMPAIGN_COMMANDS.valueType()).deserializer(), Topics.CAMPAIGN_COMMANDS.name());
    topology.addSource(GROUP_ORDERS_SOURCE, campaignKey.deserializer(),
        serdes.value(Topics.CAMPAIGN_GROUP_ORDERS.valueType()).deserializer(), Topics.CAMPAIGN_GROUP_ORDERS.name());
    topology.addProcessor(PROCESSOR, () -> new CampaignProcessor(changes, inviteCodes), COMMANDS_SOURCE, GROUP_ORDERS_SOURCE);

    // a hot campaign's record changes with every join: the cache collapses those writes per commit
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CAMPAIGN_STORE),
        campaignKey, serdes.value(CampaignState.class)).withCachingEnabled(), PROCESSOR);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARTICIPANT_STORE),
        Serdes.String(), serdes.value(CampaignParticipant.class)), PROCESSOR);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INVITE_STORE),
        Serdes.String(), Serdes.String()), PROCESSOR);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMER_STORE),
        Serdes.String(), Serdes.String()), PROCESSOR);
    // a hot campaign marks itself stale with every join: the cache keeps that to one write per commit
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STALE_ROWS_STORE),
        campaignKey, Serdes.Long()).withCachingEnabled(), PROCESSOR);
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRODUCT_STORE), skuKey, serdes.value(Product.class))
            .withLoggingDisabled(),
        "campaigns-catalog-products-source", skuKey.deserializer(), serdes.value(Product.class).deserializer(),
        Topics.CATALOG_PRODUCTS.name(), "campaigns-catalog-products-updater", () -> new GlobalTableUpdater<>(PRODUCT_STORE));

    sink(topology, serdes, CREATED_SINK, Topics.CAMPAIGN_CREATED);
    sink(topology, serdes, REJECTED_SINK, Topics.CAMPAIGN_REJECTED);
    sink(topology, serdes, JOINED_SINK, Topics.CAMPAIGN_JOINED);
    sink(topology, serdes, JOIN_REFUSED_SINK, Topics.CAMPAIGN_JOIN_REFUSED);
    sink(topology, serdes, SUCCEEDED_SINK, Topics.CAMPAIGN_SUCCEEDED);
    sink(topology, serdes, EXPIRED_SINK, Topics.CAMPAIGN_EXPIRED);
    sink(topology, serdes, VIEW_SINK, Topics.CAMPAIGNS_VIEW);
    topology.addSink(ORDER_SINK, Topics.ORDER_COMMANDS.name(), orderKey.serializer(),
        serdes.value(Topics.ORDER_COMMANDS.valueType()).serializer(), PROCESSOR);
    topology.addSink(INVENTORY_SINK, Topics.INVENTORY_COMMANDS.name(), skuKey.serializer(),
        serdes.value(Topics.INVENTORY_COMMANDS.valueType()).serializer(), PROCESSOR);
    CampaignRetention.addTo(topology, retention);
    return topology;
  }

  private static void sink(Topology topology, AvroSerdes serdes, String name,
      io.fusioncommerce.schemas.TopicContract<CampaignKey, ?> topic) {
    topology.addSink(name, topic.name(), serdes.key(CampaignKey.class).serializer(),
        serdes.value(topic.valueType()).serializer(), PROCESSOR);
  }
}
