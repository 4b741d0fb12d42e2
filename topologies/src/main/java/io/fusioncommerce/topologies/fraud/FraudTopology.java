package io.fusioncommerce.topologies.fraud;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.fraud.AssessedOrder;
import io.fusioncommerce.schemas.fraud.FraudActivity;
import io.fusioncommerce.schemas.fraud.FraudProfile;
import io.fusioncommerce.schemas.fraud.FraudReview;
import io.fusioncommerce.schemas.fraud.FraudSettings;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * Fraud scoring, one processor keyed by tenant: every feature of a tenant's customers, cards, client
 * addresses and shipping addresses is on one partition, so an order is scored from local state in the
 * same hop that receives it. AssessOrderRisk (sent beside the order's reservations) is priced from the
 * catalog's product table, turned into an {@link OrderObservation}, scored by the injected
 * {@link FraudScorer} on the {@link FraudFeatureBook}'s features, recorded, and answered on fraud.assessed,
 * keyed by the order. Failed payments and orders moving into and out of HELD are relayed here re-keyed by
 * tenant: the first feed the failed-payment features, the second the tenant's review queue
 * ({@value #REVIEW_STORE}, read by {@code GET /v1/fraud/reviews}). See ADR 0020.
 */
public final class FraudTopology extends WiredTopology {

  public static final String CONTEXT = "fraud";
  /** Activity per entity and minute bucket (a window store): the velocity features. */
  public static final String ACTIVITY_STORE = "fraud-activity";
  /** One bounded profile per entity: history, first seen, recent addresses, customers, cards. */
  public static final String PROFILE_STORE = "fraud-profiles";
  /** Each tenant's thresholds and high-risk categories. */
  public static final String SETTINGS_STORE = "fraud-settings";
  /** Orders scored lately, by tenant|order: answers a repeated command, finds a failed payment's customer. */
  public static final String ASSESSED_STORE = "fraud-assessed-orders";
  /** The tenant's HELD orders, by tenant|order: the review queue. */
  public static final String REVIEW_STORE = "fraud-reviews";
  public static final String PRODUCT_STORE = "fraud-catalog-products";

  /** Activity buckets are kept this long: the longest window read (24 h) and a margin. */
  public static final Duration ACTIVITY_RETENTION = FeatureStores.RETENTION;
  /** A profile not written for this long is forgotten (an account unseen for three months starts afresh). */
  public static final Duration PROFILE_RETENTION = Duration.ofDays(90);
  /** A scored order is remembered this long, for its failed payments and a repeated command. */
  public static final Duration ASSESSED_RETENTION = Duration.ofDays(7);

  private final FraudScorer scorer;

  /** @param scorer scores every order; loaded once, before the topology starts */
  public FraudTopology(FraudScorer scorer) {
    super(CONTEXT, SETTINGS_STORE, REVIEW_STORE);
    this.scorer = Objects.requireNonNull(scorer, "scorer");
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    // failed payments and HELD orders, re-keyed by tenant onto the fraud partition (a repartition through fraud.commands)
    wiring.relay("fraud-payment-failure-relay", Topics.PAYMENT_FAILED, Topics.FRAUD_COMMANDS, FraudRelays::failedPayment);
    wiring.relay("fraud-held-order-relay", Topics.ORDER_STATUS_CHANGED, Topics.FRAUD_COMMANDS, FraudRelays::heldOrder);
    wiring.processor("fraud-processor", () -> new FraudProcessor(scorer, changes))
        .reads(Topics.FRAUD_COMMANDS)
        .keeps(Stores.windowStoreBuilder(Stores.persistentWindowStore(ACTIVITY_STORE, ACTIVITY_RETENTION,
                FeatureStores.BUCKET, false), Serdes.String(), wiring.value(FraudActivity.class)),
            Wiring.store(PROFILE_STORE, Serdes.String(), wiring.value(FraudProfile.class)),
            wiring.store(SETTINGS_STORE, TenantKey.class, FraudSettings.class),
            Wiring.store(ASSESSED_STORE, Serdes.String(), wiring.value(AssessedOrder.class)),
            Wiring.store(REVIEW_STORE, Serdes.String(), wiring.value(FraudReview.class)))
        .writes(Topics.FRAUD_ASSESSED);
    wiring.globalTable(Topics.CATALOG_PRODUCTS, PRODUCT_STORE);
  }

  /** The key of a tenant's order in {@value #ASSESSED_STORE} and {@value #REVIEW_STORE}: {@code <tenant>|<order>}. */
  public static String orderKey(String tenantId, String orderId) {
    return tenantPrefix(tenantId) + orderId;
  }

  /** Every key of the tenant's orders starts with this (the tenant is encoded, so no tenant's prefix is another's). */
  public static String tenantPrefix(String tenantId) {
    return URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "|";
  }
}
