package io.fusioncommerce.topologies.catalog;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.CatalogProductState;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Catalog: turns the Postgres catalog's change data capture (Debezium, topics {@value Topics#CDC_CATALOG_PRODUCTS}
 * and {@value Topics#CDC_CATALOG_TENANTS}, JSON) into the platform's Avro contracts: the product events
 * (product.created, .updated, .archived, .approved, .rejected), the compacted table catalog.products the
 * order topology prices with (one entry per orderable SKU, variants included), and the compacted table
 * tenant.settings. The last processed change of each product row is kept in {@value #PRODUCT_STATE_STORE};
 * see {@link ProductChanges} for the rules. One hop from Debezium to every output.
 */
public final class CatalogTopology implements TopologyDefinition {

  public static final String CONTEXT = "catalog";
  public static final String PRODUCT_STATE_STORE = "catalog-product-state";

  static final String PRODUCTS_SOURCE = "cdc-products";
  static final String TENANTS_SOURCE = "cdc-tenants";
  static final String PRODUCT_PROCESSOR = "product-change-processor";
  static final String TENANT_PROCESSOR = "tenant-change-processor";
  static final String CREATED_SINK = "product-created-sink";
  static final String UPDATED_SINK = "product-updated-sink";
  static final String ARCHIVED_SINK = "product-archived-sink";
  static final String APPROVED_SINK = "product-approved-sink";
  static final String REJECTED_SINK = "product-rejected-sink";
  static final String TABLE_SINK = "catalog-products-sink";
  static final String TENANT_SETTINGS_SINK = "tenant-settings-sink";

  @Override
  public String context() {
    return CONTEXT;
  }

  @Override
  public List<String> queryableStores() {
    return List.of();
  }

  @Override
  public Topology build(AvroSerdes serdes) {
    var skuKey = serdes.key(SkuKey.class);
    Topology topology = new Topology();
    topology.addSource(PRODUCTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        Topics.CDC_CATALOG_PRODUCTS);
    topology.addProcessor(PRODUCT_PROCESSOR, ProductChangeProcessor::new, PRODUCTS_SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRODUCT_STATE_STORE),
        skuKey, serdes.value(CatalogProductState.class)), PRODUCT_PROCESSOR);
    sink(topology, serdes, CREATED_SINK, Topics.PRODUCT_CREATED);
    sink(topology, serdes, UPDATED_SINK, Topics.PRODUCT_UPDATED);
    sink(topology, serdes, ARCHIVED_SINK, Topics.PRODUCT_ARCHIVED);
    sink(topology, serdes, APPROVED_SINK, Topics.PRODUCT_APPROVED);
    sink(topology, serdes, REJECTED_SINK, Topics.PRODUCT_REJECTED);
    sink(topology, serdes, TABLE_SINK, Topics.CATALOG_PRODUCTS);

    topology.addSource(TENANTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        Topics.CDC_CATALOG_TENANTS);
    topology.addProcessor(TENANT_PROCESSOR, TenantChangeProcessor::new, TENANTS_SOURCE);
    topology.addSink(TENANT_SETTINGS_SINK, Topics.TENANT_SETTINGS.name(), serdes.key(TenantKey.class).serializer(),
        serdes.value(Topics.TENANT_SETTINGS.valueType()).serializer(), TENANT_PROCESSOR);
    return topology;
  }

  private static void sink(Topology topology, AvroSerdes serdes, String name, TopicContract<SkuKey, ?> topic) {
    topology.addSink(name, topic.name(), serdes.key(SkuKey.class).serializer(),
        serdes.value(topic.valueType()).serializer(), PRODUCT_PROCESSOR);
  }
}
