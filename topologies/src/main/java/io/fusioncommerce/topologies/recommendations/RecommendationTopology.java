package io.fusioncommerce.topologies.recommendations;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.recommendations.CategoryKey;
import io.fusioncommerce.schemas.recommendations.CategoryPopularity;
import io.fusioncommerce.schemas.recommendations.CategoryPurchased;
import io.fusioncommerce.schemas.recommendations.CustomerProfile;
import io.fusioncommerce.schemas.recommendations.CustomerPurchased;
import io.fusioncommerce.schemas.recommendations.PendingBasket;
import io.fusioncommerce.schemas.recommendations.SkuNeighbours;
import io.fusioncommerce.schemas.recommendations.SkuPurchased;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Recommendations, in four parts (ADR 0021). On the orders' partitions, {@link BasketProcessor} counts each
 * CONFIRMED order once and sends its purchases on, re-keyed: to each SKU's partition, where
 * {@value #NEIGHBOUR_STORE} keeps the SKUs bought with it; to the customer's, where {@value #CUSTOMER_STORE}
 * keeps what it bought and its category affinities; to each category's (and the tenant's), where
 * {@value #POPULARITY_STORE} keeps the most bought SKUs. Every weight decays with time; the rules are
 * {@link RecommendationBook}'s. Answers are built at read time from these rows, with the catalog's global
 * table saying which SKUs are ACTIVE.
 */
public final class RecommendationTopology extends WiredTopology {

  public static final String CONTEXT = "recommendations";
  public static final String BASKET_STORE = "recommendations-baskets";
  public static final String NEIGHBOUR_STORE = "recommendations-neighbours";
  public static final String CUSTOMER_STORE = "recommendations-customers";
  public static final String POPULARITY_STORE = "recommendations-popularity";
  public static final String PRODUCT_STORE = "recommendations-catalog-products";
  public static final String PRODUCT_CREATED_STORE = "recommendations-products-created";
  public static final String PRODUCT_UPDATED_STORE = "recommendations-products-updated";

  /** An order never confirmed (rejected, cancelled, its confirmation lost) is forgotten after this. */
  static final Duration UNCONFIRMED_RETENTION = Duration.ofDays(7);
  /** A counted order is remembered as counted this long, so a late second confirmation is not counted again. */
  static final Duration COUNTED_RETENTION = Duration.ofDays(30);

  private final RecommendationBook book;
  private final RetentionSettings retention;

  public RecommendationTopology() {
    this(RecommendationSettings.defaults(), RetentionSettings.defaults());
  }

  public RecommendationTopology(RecommendationSettings settings, RetentionSettings retention) {
    super(CONTEXT, NEIGHBOUR_STORE, CUSTOMER_STORE, POPULARITY_STORE, PRODUCT_STORE);
    this.book = new RecommendationBook(settings);
    this.retention = retention;
  }

  public RecommendationBook book() {
    return book;
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    Duration idle = book.settings().idleRetention();
    wiring.processor("recommendation-baskets", BasketProcessor::new)
        .reads(Topics.ORDER_CREATED, Topics.ORDER_STATUS_CHANGED)
        .keeps(wiring.store(BASKET_STORE, OrderKey.class, PendingBasket.class))
        .writes(Topics.RECOMMENDATION_SKU_PURCHASES, Topics.RECOMMENDATION_CUSTOMER_PURCHASES,
            Topics.RECOMMENDATION_CATEGORY_PURCHASES)
        .expires(BASKET_STORE, (PendingBasket basket) -> Optional.of(basket.getLastChangeAt()
            .plus(basket.getCounted() ? COUNTED_RETENTION : UNCONFIRMED_RETENTION)), retention);
    wiring.processor("recommendation-neighbours", () -> new RowProcessor<SkuKey, SkuPurchased, SkuNeighbours>(
            NEIGHBOUR_STORE, (row, bought) -> book.addCoPurchase(row, bought.getTenantId(), bought.getSku(),
                bought.getBoughtWith(), bought.getOccurredAt()), changes))
        .reads(Topics.RECOMMENDATION_SKU_PURCHASES)
        .keeps(wiring.store(NEIGHBOUR_STORE, SkuKey.class, SkuNeighbours.class))
        .expires(NEIGHBOUR_STORE, (SkuNeighbours row) -> idleSince(row.getScoredAt(), idle), retention);
    wiring.processor("recommendation-customers", () -> new RowProcessor<CustomerKey, CustomerPurchased, CustomerProfile>(
            CUSTOMER_STORE, (profile, bought) -> book.addPurchase(profile, new ConfirmedPurchase(bought.getTenantId(),
                bought.getOrderId(), bought.getCustomerId(), bought.getLines(), bought.getOccurredAt())), changes))
        .reads(Topics.RECOMMENDATION_CUSTOMER_PURCHASES)
        .keeps(wiring.store(CUSTOMER_STORE, CustomerKey.class, CustomerProfile.class))
        .expires(CUSTOMER_STORE, (CustomerProfile profile) -> idleSince(profile.getScoredAt(), idle), retention);
    wiring.processor("recommendation-popularity", () -> new RowProcessor<CategoryKey, CategoryPurchased, CategoryPopularity>(
            POPULARITY_STORE, (row, bought) -> book.addPurchase(row, bought.getTenantId(), bought.getCategoryId(),
                bought.getSkus(), bought.getOccurredAt()), changes))
        .reads(Topics.RECOMMENDATION_CATEGORY_PURCHASES)
        .keeps(wiring.store(POPULARITY_STORE, CategoryKey.class, CategoryPopularity.class))
        .expires(POPULARITY_STORE, (CategoryPopularity row) -> idleSince(row.getScoredAt(), idle), retention);
    wiring.globalTable(Topics.CATALOG_PRODUCTS, PRODUCT_STORE);
    wiring.globalTable(Topics.PRODUCT_CREATED, PRODUCT_CREATED_STORE);
    wiring.globalTable(Topics.PRODUCT_UPDATED, PRODUCT_UPDATED_STORE);
  }

  private static Optional<Instant> idleSince(Instant lastChange, Duration idle) {
    return Optional.of(lastChange.plus(idle));
  }
}
