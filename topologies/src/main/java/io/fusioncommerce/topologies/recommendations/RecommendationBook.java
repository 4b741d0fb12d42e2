package io.fusioncommerce.topologies.recommendations;

import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.recommendations.CategoryPopularity;
import io.fusioncommerce.schemas.recommendations.CustomerProfile;
import io.fusioncommerce.schemas.recommendations.PendingBasket;
import io.fusioncommerce.schemas.recommendations.PurchasedSku;
import io.fusioncommerce.schemas.recommendations.RecentPurchase;
import io.fusioncommerce.schemas.recommendations.ScoredId;
import io.fusioncommerce.schemas.recommendations.SkuNeighbours;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.fusioncommerce.topologies.catalog.ProductStatus;
import java.util.function.Function;

/**
 * The rules of recommendations, pure: how a confirmed order changes the rows (a SKU's bought-together
 * neighbours, a category's popularity, a customer's profile) and how an answer is built from the rows.
 * The topology runs the first half on its partitions, the ingress the second half on the stores, and the
 * offline evaluation both, in memory, on generated orders.
 *
 * <p>Time decay: every weight halves per {@link RecommendationSettings#halfLife()}. A row stores its
 * weights as of its {@code scoredAt}; an update first brings them to the purchase's time (an older
 * purchase, arriving late, adds its own decayed weight instead), so the same purchases give the same row
 * in any order up to rounding. Only the heaviest entries are kept per row.
 */
public final class RecommendationBook {

  /** The category id of a tenant's own popularity row (all its SKUs). */
  public static final String WHOLE_TENANT = "";
  public static final int MAX_LIMIT = 50;
  /** How many of the customer's most recent purchases seed its bought-together candidates. */
  static final int SEEDS = 10;
  /** How many of the customer's favourite categories bring their popular SKUs. */
  static final int TOP_CATEGORIES = 3;
  /** Popular SKUs looked at per category (and for the tenant). */
  static final int POPULAR_CANDIDATES = 40;
  /** A candidate's weight per source, relative to bought together (1): measured by the offline evaluation. */
  static final double CATEGORY_WEIGHT = 2.0;
  static final double POPULAR_WEIGHT = 0.05;

  private final RecommendationSettings settings;

  public RecommendationBook(RecommendationSettings settings) {
    this.settings = settings;
  }

  public RecommendationSettings settings() {
    return settings;
  }

  // ---- Counting each order once: the basket on the order's partition ----

  /** The order's lines and customer arrived (order.created), categories as the catalog has them now. */
  public static PendingBasket placed(PendingBasket current, OrderCreated created,
      Function<String, List<String>> categoriesOfSku, Instant at) {
    PendingBasket basket = current != null ? current : waiting(created.getTenantId(), created.getOrderId(), at);
    if (basket.getPlaced()) {
      return basket; // order.created again: the first one stands
    }
    List<PurchasedSku> lines = new ArrayList<>();
    for (OrderLine line : created.getItems()) {
      lines.add(new PurchasedSku(line.getSku(), line.getQuantity(), List.copyOf(categoriesOfSku.apply(line.getSku()))));
    }
    return PendingBasket.newBuilder(basket).setPlaced(true).setCustomerId(created.getCustomerId()).setLines(lines)
        .setLastChangeAt(at).build();
  }

  /** The order was CONFIRMED at {@code at} (possibly before its order.created was read). */
  public static PendingBasket confirmed(PendingBasket current, String tenantId, String orderId, Instant at) {
    PendingBasket basket = current != null ? current : waiting(tenantId, orderId, at);
    if (basket.getConfirmedAt() != null) {
      return basket; // confirmed again (a replayed event, or HELD and approved): the first confirmation counts
    }
    return PendingBasket.newBuilder(basket).setConfirmedAt(at).setLastChangeAt(at).build();
  }

  /** The purchase to count now, if the basket has both its lines and its confirmation and was not counted. */
  public static Optional<ConfirmedPurchase> toCount(PendingBasket basket) {
    if (!basket.getPlaced() || basket.getConfirmedAt() == null || basket.getCounted()) {
      return Optional.empty();
    }
    return Optional.of(new ConfirmedPurchase(basket.getTenantId(), basket.getOrderId(), basket.getCustomerId(),
        basket.getLines(), basket.getConfirmedAt()));
  }

  /** What remains of a counted basket: the mark that it was counted, without its lines. */
  public static PendingBasket counted(PendingBasket basket) {
    return PendingBasket.newBuilder(basket).setCounted(true).setLines(List.of()).build();
  }

  private static PendingBasket waiting(String tenantId, String orderId, Instant at) {
    return PendingBasket.newBuilder().setTenantId(tenantId).setOrderId(orderId).setLastChangeAt(at).build();
  }

  // ---- Rows ----

  /** {@code sku} was bought at {@code at} together with {@code boughtWith}: one more co-occurrence each. */
  public SkuNeighbours addCoPurchase(SkuNeighbours row, String tenantId, String sku, Collection<String> boughtWith,
      Instant at) {
    Map<String, Double> added = new LinkedHashMap<>();
    boughtWith.stream().filter(other -> !other.equals(sku)).forEach(other -> added.put(other, 1.0));
    Scored scored = row == null ? Scored.EMPTY : new Scored(row.getNeighbours(), row.getScoredAt());
    Scored next = scored.add(added, at, settings.halfLife(), settings.neighbours());
    return new SkuNeighbours(tenantId, sku, next.at(), next.entries());
  }

  /** The category's SKUs {@code skus} were bought in one order at {@code at}: one more order each. */
  public CategoryPopularity addPurchase(CategoryPopularity row, String tenantId, String categoryId,
      Collection<String> skus, Instant at) {
    Map<String, Double> added = new LinkedHashMap<>();
    skus.forEach(sku -> added.put(sku, 1.0));
    Scored scored = row == null ? Scored.EMPTY : new Scored(row.getSkus(), row.getScoredAt());
    Scored next = scored.add(added, at, settings.halfLife(), settings.popular());
    return new CategoryPopularity(tenantId, categoryId, next.at(), next.entries());
  }

  /** The customer's confirmed order: its SKUs become its newest purchases, its categories gain weight. */
  public CustomerProfile addPurchase(CustomerProfile profile, ConfirmedPurchase purchase) {
    Map<String, Instant> purchases = new LinkedHashMap<>();
    List<RecentPurchase> earlier = profile == null ? List.of() : profile.getPurchases();
    for (String sku : purchase.skus()) {
      purchases.put(sku, purchase.at());
    }
    for (RecentPurchase before : earlier) {
      purchases.merge(before.getSku(), before.getAt(), (now, then) -> now.isAfter(then) ? now : then);
    }
    List<RecentPurchase> newestFirst = purchases.entrySet().stream()
        .map(entry -> new RecentPurchase(entry.getKey(), entry.getValue()))
        .sorted(Comparator.comparing(RecentPurchase::getAt).reversed().thenComparing(RecentPurchase::getSku))
        .limit(settings.purchases()).toList();
    Map<String, Double> added = new LinkedHashMap<>();
    for (PurchasedSku line : purchase.lines()) {
      line.getCategoryIds().forEach(category -> added.merge(category, 1.0, Double::sum));
    }
    Scored scored = profile == null ? Scored.EMPTY : new Scored(profile.getCategories(), profile.getScoredAt());
    Scored next = scored.add(added, purchase.at(), settings.halfLife(), settings.categories());
    return new CustomerProfile(purchase.tenantId(), purchase.customerId(), newestFirst, next.at(), next.entries());
  }

  // ---- Answers ----

  /** Only ACTIVE SKUs of the catalog are ever recommended (not pending, rejected, archived or unknown ones). */
  public static boolean answerable(Product product) {
    return product != null && ProductStatus.ACTIVE.is(product.getStatus());
  }

  /** Bought together with {@code sku}: its heaviest neighbours that may be answered, heaviest first. */
  public List<Recommendation> forProduct(RecommendationState state, String sku, Instant now, int limit) {
    Optional<SkuNeighbours> row = state.neighbours(sku);
    if (row.isEmpty()) {
      return List.of();
    }
    double decay = decay(row.get().getScoredAt(), now);
    List<Recommendation> answer = new ArrayList<>();
    for (ScoredId neighbour : row.get().getNeighbours()) {
      if (answer.size() == limit) {
        break;
      }
      if (!neighbour.getId().equals(sku) && state.answerable(neighbour.getId())) {
        answer.add(new Recommendation(neighbour.getId(), neighbour.getScore() * decay, Recommendation.boughtTogether(sku)));
      }
    }
    return answer;
  }

  /** The tenant's most bought SKUs now, except {@code excluded} (the popularity baseline, and cold starts). */
  public List<Recommendation> popular(RecommendationState state, Set<String> excluded, Instant now, int limit) {
    Candidates candidates = new Candidates();
    addPopular(candidates, state, WHOLE_TENANT, 1.0, Recommendation.POPULAR, now);
    return candidates.best(state, excluded, limit);
  }

  /**
   * A customer's recommendations: the bought-together neighbours of its most recent purchases (weighted
   * by how recent), the popular SKUs of its favourite categories (weighted by its affinity), and the
   * tenant's popular SKUs (a little, so a customer without history still gets an answer), never a SKU
   * it already bought. Each SKU's reason is its largest single contribution.
   */
  public List<Recommendation> forCustomer(RecommendationState state, String customerId, Instant now, int limit) {
    Optional<CustomerProfile> profile = state.customer(customerId);
    Candidates candidates = new Candidates();
    Set<String> bought = new HashSet<>();
    if (profile.isPresent()) {
      List<RecentPurchase> purchases = profile.get().getPurchases();
      purchases.forEach(purchase -> bought.add(purchase.getSku()));
      for (RecentPurchase seed : purchases.subList(0, Math.min(SEEDS, purchases.size()))) {
        double recency = decay(seed.getAt(), now);
        state.neighbours(seed.getSku()).ifPresent(row -> {
          double max = max(row.getNeighbours());
          for (ScoredId neighbour : row.getNeighbours()) {
            candidates.add(neighbour.getId(), recency * neighbour.getScore() / max,
                Recommendation.boughtTogether(seed.getSku()));
          }
        });
      }
      List<ScoredId> categories = profile.get().getCategories();
      double affinityTotal = categories.stream().mapToDouble(ScoredId::getScore).sum();
      for (ScoredId category : categories.subList(0, Math.min(TOP_CATEGORIES, categories.size()))) {
        addPopular(candidates, state, category.getId(), CATEGORY_WEIGHT * category.getScore() / affinityTotal,
            Recommendation.categoryAffinity(category.getId()), now);
      }
    }
    addPopular(candidates, state, WHOLE_TENANT, POPULAR_WEIGHT, Recommendation.POPULAR, now);
    return candidates.best(state, bought, limit);
  }

  /**
   * A page of results re-ranked for a customer: items of the categories it likes move up (by its share of
   * affinity for the item's categories), the others keep their order among themselves. A customer without
   * a profile gets the page unchanged.
   */
  public static <T> List<T> rerank(List<T> page, Function<T, List<String>> categoriesOf, Optional<CustomerProfile> profile) {
    if (profile.isEmpty() || profile.get().getCategories().isEmpty()) {
      return page;
    }
    Map<String, Double> affinity = new HashMap<>();
    double total = profile.get().getCategories().stream().mapToDouble(ScoredId::getScore).sum();
    profile.get().getCategories().forEach(category -> affinity.put(category.getId(), category.getScore() / total));
    List<T> ranked = new ArrayList<>(page);
    // a stable sort: equal affinities keep the search's own order
    ranked.sort(Comparator.comparingDouble((T item) -> -categoriesOf.apply(item).stream()
        .mapToDouble(category -> affinity.getOrDefault(category, 0.0)).max().orElse(0.0)));
    return ranked;
  }

  private void addPopular(Candidates candidates, RecommendationState state, String categoryId, double weight,
      String reason, Instant now) {
    state.popularity(categoryId).ifPresent(row -> {
      double max = max(row.getSkus());
      row.getSkus().stream().limit(POPULAR_CANDIDATES)
          .forEach(popular -> candidates.add(popular.getId(), weight * popular.getScore() / max, reason));
    });
  }

  private static double max(List<ScoredId> entries) {
    double max = entries.stream().mapToDouble(ScoredId::getScore).max().orElse(1.0);
    return max > 0 ? max : 1.0;
  }

  /** The factor a weight keeps from {@code from} to {@code to} (1 when {@code to} is not later). */
  double decay(Instant from, Instant to) {
    return Scored.decay(from, to, settings.halfLife());
  }

  /** Candidate SKUs with their summed scores and their largest contribution's reason. */
  private static final class Candidates {
    private final Map<String, double[]> scores = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();

    void add(String sku, double score, String reason) {
      double[] entry = scores.computeIfAbsent(sku, s -> new double[2]);
      entry[0] += score;
      if (score > entry[1]) {
        entry[1] = score;
        reasons.put(sku, reason);
      }
    }

    List<Recommendation> best(RecommendationState state, Set<String> excluded, int limit) {
      return scores.entrySet().stream()
          .filter(entry -> !excluded.contains(entry.getKey()))
          .sorted(Map.Entry.<String, double[]>comparingByValue(Comparator.comparingDouble(entry -> -entry[0]))
              .thenComparing(Map.Entry.comparingByKey()))
          .filter(entry -> state.answerable(entry.getKey()))
          .limit(limit)
          .map(entry -> new Recommendation(entry.getKey(), entry.getValue()[0], reasons.get(entry.getKey())))
          .toList();
    }
  }

  /** Decayed weights of one row as of {@code at}, heaviest first. */
  private record Scored(List<ScoredId> entries, Instant at) {

    static final Scored EMPTY = new Scored(List.of(), Instant.EPOCH);

    static double decay(Instant from, Instant to, Duration halfLife) {
      if (!to.isAfter(from)) {
        return 1.0;
      }
      return Math.pow(0.5, (double) Duration.between(from, to).toMillis() / halfLife.toMillis());
    }

    Scored add(Map<String, Double> added, Instant when, Duration halfLife, int capacity) {
      Instant next = when.isAfter(at) ? when : at;
      double kept = decay(at, next, halfLife);
      double late = decay(when, next, halfLife);
      Map<String, Double> scores = new HashMap<>();
      entries.forEach(entry -> scores.put(entry.getId(), entry.getScore() * kept));
      added.forEach((id, weight) -> scores.merge(id, weight * late, Double::sum));
      List<ScoredId> ranked = scores.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(capacity)
          .map(entry -> new ScoredId(entry.getKey(), entry.getValue()))
          .toList();
      return new Scored(ranked, next);
    }
  }
}
