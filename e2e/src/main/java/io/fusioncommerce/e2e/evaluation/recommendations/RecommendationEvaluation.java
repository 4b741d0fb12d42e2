package io.fusioncommerce.e2e.evaluation.recommendations;

import io.fusioncommerce.topologies.recommendations.ConfirmedPurchase;
import io.fusioncommerce.topologies.recommendations.InMemoryRecommendations;
import io.fusioncommerce.topologies.recommendations.Recommendation;
import io.fusioncommerce.topologies.recommendations.RecommendationBook;
import io.fusioncommerce.topologies.recommendations.RecommendationSettings;
import io.fusioncommerce.schemas.recommendations.RecentPurchase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Offline evaluation of recommendations (leave the last order out): every customer's last order is held
 * out; all other orders are counted by {@link InMemoryRecommendations} (the topology's own
 * {@link RecommendationBook} rules), oldest first; then each customer with history gets its top 10, built
 * by the same code the HTTP route runs, at the time of its held-out order. A hit is a held-out SKU among
 * the 10; NDCG@10 rewards it more the higher it ranks. The popularity baseline answers the tenant's most
 * bought SKUs the customer did not buy yet. Also times the read path (building one answer, in memory).
 *
 * <p>{@code e2e/run-evaluation recommendations [customers] [seed] [half-life-days]}
 */
public final class RecommendationEvaluation {

  static final int K = 10;

  /** Quality of one recommender over the held-out orders. */
  public record Quality(double hitRate, double ndcg, int customers) {}

  /** What one run measured. */
  public record Result(Quality recommender, Quality popularity, Map<String, Integer> reasons, long[] customerNanos,
      long[] productNanos) {
    public double ratio() {
      return popularity.hitRate() == 0 ? Double.POSITIVE_INFINITY : recommender.hitRate() / popularity.hitRate();
    }
  }

  private RecommendationEvaluation() {}

  public static void main(String[] args) {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 13;
    RecommendationBook book = new RecommendationBook(args.length > 2
        ? RecommendationSettings.withHalfLife(java.time.Duration.ofDays(Long.parseLong(args[2])))
        : RecommendationSettings.defaults());
    long started = System.nanoTime();
    ShopperWorld world = ShopperWorld.generate(seed, ShopperWorld.Shape.standard(customers));
    Result result = evaluate(world, book);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(Locale.ROOT, "recommendations evaluation: seed %d, %d SKUs in %d categories, %d customers, "
            + "%d confirmed orders, each customer's last order held out (%d customers evaluated), half-life %d days%n",
        seed, world.categoryOf().size(), new HashSet<>(world.categoryOf().values()).size(), customers,
        world.orderCount(), result.recommender().customers(), book.settings().halfLife().toDays());
    System.out.printf(Locale.ROOT, "%-22s %8s %8s%n", "", "hit@10", "ndcg@10");
    System.out.printf(Locale.ROOT, "%-22s %8.4f %8.4f%n", "recommender", result.recommender().hitRate(),
        result.recommender().ndcg());
    System.out.printf(Locale.ROOT, "%-22s %8.4f %8.4f%n", "popularity baseline", result.popularity().hitRate(),
        result.popularity().ndcg());
    System.out.printf(Locale.ROOT, "hit-rate ratio %.2f (target >= 2.00): %s%n", result.ratio(),
        result.ratio() >= 2.0 ? "MET" : "MISSED");
    System.out.println("reasons of the recommender's answers: " + result.reasons());
    System.out.printf(Locale.ROOT, "read path in memory (building one answer from the rows): customer p50 %s p99 %s "
            + "max %s; product p50 %s p99 %s max %s (%d answers each)%n",
        micros(percentile(result.customerNanos(), 50)), micros(percentile(result.customerNanos(), 99)),
        micros(percentile(result.customerNanos(), 100)), micros(percentile(result.productNanos(), 50)),
        micros(percentile(result.productNanos(), 99)), micros(percentile(result.productNanos(), 100)),
        result.customerNanos().length);
    System.out.printf(Locale.ROOT, "took %d ms%n", millis);
  }

  public static Result evaluate(ShopperWorld world, RecommendationBook book) {
    InMemoryRecommendations rows = new InMemoryRecommendations(book, sku -> true);
    List<ConfirmedPurchase> training = new ArrayList<>();
    List<ConfirmedPurchase> heldOut = new ArrayList<>();
    for (List<ConfirmedPurchase> orders : world.orders().values()) {
      if (orders.size() < 2) {
        continue; // nothing to learn this customer from
      }
      training.addAll(orders.subList(0, orders.size() - 1));
      heldOut.add(orders.get(orders.size() - 1));
    }
    training.sort(Comparator.comparing(ConfirmedPurchase::at).thenComparing(ConfirmedPurchase::orderId));
    training.forEach(rows::record);

    double[] hits = new double[2];
    double[] gains = new double[2];
    Map<String, Integer> reasons = new TreeMap<>();
    long[] customerNanos = new long[heldOut.size()];
    long[] productNanos = new long[heldOut.size()];
    int i = 0;
    for (ConfirmedPurchase target : heldOut) {
      Set<String> relevant = new HashSet<>(target.skus());
      long start = System.nanoTime();
      List<Recommendation> mine = book.forCustomer(rows, target.customerId(), target.at(), K);
      customerNanos[i] = System.nanoTime() - start;
      Set<String> bought = new HashSet<>();
      rows.customer(target.customerId()).ifPresent(p -> p.getPurchases().stream().map(RecentPurchase::getSku)
          .forEach(bought::add));
      String seed = rows.customer(target.customerId()).map(p -> p.getPurchases().get(0).getSku()).orElse("none");
      start = System.nanoTime();
      book.forProduct(rows, seed, target.at(), K);
      productNanos[i++] = System.nanoTime() - start;
      List<Recommendation> popular = book.popular(rows, bought, target.at(), K);
      score(mine, relevant, hits, gains, 0);
      score(popular, relevant, hits, gains, 1);
      mine.forEach(r -> reasons.merge(r.reason().replaceFirst(":.*", ""), 1, Integer::sum));
    }
    int n = heldOut.size();
    return new Result(new Quality(hits[0] / n, gains[0] / n, n), new Quality(hits[1] / n, gains[1] / n, n), reasons,
        customerNanos, productNanos);
  }

  /** Adds one customer's hit (0 or 1) and NDCG@10 (binary relevance) to the totals at {@code slot}. */
  private static void score(List<Recommendation> answer, Set<String> relevant, double[] hits, double[] gains, int slot) {
    double dcg = 0;
    for (int rank = 0; rank < Math.min(K, answer.size()); rank++) {
      if (relevant.contains(answer.get(rank).sku())) {
        dcg += 1 / log2(rank + 2);
      }
    }
    double ideal = 0;
    for (int rank = 0; rank < Math.min(K, relevant.size()); rank++) {
      ideal += 1 / log2(rank + 2);
    }
    hits[slot] += dcg > 0 ? 1 : 0;
    gains[slot] += dcg / ideal;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  static long percentile(long[] values, double percentile) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.1f µs", nanos / 1000.0);
  }
}
