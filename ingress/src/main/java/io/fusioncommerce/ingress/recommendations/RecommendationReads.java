package io.fusioncommerce.ingress.recommendations;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.query.KeyLocation;
import io.fusioncommerce.ingress.query.QueryForwarder;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.recommendations.CategoryKey;
import io.fusioncommerce.schemas.recommendations.CustomerProfile;
import io.fusioncommerce.topologies.recommendations.RecommendationTopology;
import io.fusioncommerce.topologies.recommendations.StoreRecommendationState;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads the recommendation topology's rows for one tenant, by interactive query. The request first runs
 * where its main key lives (the SKU's or the customer's partition, forwarded there if need be); the other
 * rows an answer needs (neighbours of other SKUs, categories' popularity) are read where they live when
 * that is this instance, and the catalog's global table is on every instance.
 *
 * <p>Known limit: with several topology instances, rows on another instance's partitions are not fetched
 * (they count as empty), so a customer's answer can miss candidates there. One instance (embedded mode)
 * holds every partition.
 */
final class RecommendationReads {

  private RecommendationReads() {}

  /** Runs {@code handler} with the tenant's rows on the instance that owns {@code key} in {@code store}. */
  static <K extends SpecificRecord> void atOwner(Context ctx, ApiContext api, String tenantId, String store, K key,
      Class<K> keyType, Consumer<StoreRecommendationState> handler) {
    api.stores().atOwner(ctx, RecommendationTopology.CONTEXT, store, key, api.serdes().key(keyType).serializer(),
        local -> handler.accept(new StoreRecommendationState(tenantId, (name, rowKey) -> read(ctx, api, name, rowKey))));
  }

  /** The caller's profile, read on the instance that owns it; runs {@code handler} there. */
  static void withProfile(Context ctx, ApiContext api, CustomerKey customer, Consumer<Optional<CustomerProfile>> handler) {
    atOwner(ctx, api, customer.getTenantId(), RecommendationTopology.CUSTOMER_STORE, customer, CustomerKey.class,
        state -> handler.accept(state.customer(customer.getCustomerId())));
  }

  private static Optional<Object> read(Context ctx, ApiContext api, String store, Object key) {
    var queries = api.stores().queries();
    boolean stale = QueryForwarder.allowsStale(ctx);
    if (store.equals(RecommendationTopology.PRODUCT_STORE)) {
      // a global store: every instance has all of it, whatever the partition
      return queries.get(RecommendationTopology.CONTEXT, store, key, 0, stale);
    }
    KeyLocation location = queries.locate(RecommendationTopology.CONTEXT, store, key, serializer(api, key));
    if (location instanceof KeyLocation.Local local) {
      return queries.get(RecommendationTopology.CONTEXT, store, key, local.partition(), stale);
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Serializer<Object> serializer(ApiContext api, Object key) {
    Class<? extends SpecificRecord> type = switch (key) {
      case SkuKey sku -> SkuKey.class;
      case CustomerKey customer -> CustomerKey.class;
      case CategoryKey category -> CategoryKey.class;
      default -> throw new IllegalArgumentException("not a recommendation key: " + key.getClass());
    };
    return (Serializer<Object>) (Serializer<?>) api.serdes().key(type).serializer();
  }
}
