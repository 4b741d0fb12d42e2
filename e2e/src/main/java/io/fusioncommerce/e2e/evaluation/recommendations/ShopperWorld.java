package io.fusioncommerce.e2e.evaluation.recommendations;

import io.fusioncommerce.schemas.recommendations.PurchasedSku;
import io.fusioncommerce.topologies.recommendations.ConfirmedPurchase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A generated shop with latent preferences, reproducible from its seed: products in categories, each
 * with a popularity inside its category (Zipf) and a complementary product in another category; customers
 * with two favourite categories. A customer's order starts with a product of its tastes (sometimes any
 * product, sometimes the complement of something it bought before) and often adds that product's
 * complement or another product it likes. Nobody buys the same SKU twice, so a held-out purchase is
 * always something new to recommend.
 *
 * @param categoryOf each SKU's category
 * @param orders every customer's confirmed orders, oldest first
 */
public record ShopperWorld(Map<String, String> categoryOf, Map<String, List<ConfirmedPurchase>> orders) {

  public static final String TENANT = "eval";
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration SPAN = Duration.ofDays(120);

  /** The shape of a generated world. */
  public record Shape(int categories, int productsPerCategory, int customers, int minOrders, int maxOrders) {
    public static Shape standard(int customers) {
      return new Shape(16, 30, customers, 3, 8);
    }
  }

  public static ShopperWorld generate(long seed, Shape shape) {
    Random random = new Random(seed);
    int categories = shape.categories();
    int perCategory = shape.productsPerCategory();
    Map<String, String> categoryOf = new LinkedHashMap<>();
    String[][] skus = new String[categories][perCategory];
    for (int c = 0; c < categories; c++) {
      for (int p = 0; p < perCategory; p++) {
        skus[c][p] = "SKU-" + c + "-" + p;
        categoryOf.put(skus[c][p], "cat-" + c);
      }
    }
    Map<String, String> complement = new LinkedHashMap<>();
    for (int c = 0; c < categories; c++) {
      for (int p = 0; p < perCategory; p++) {
        int other = (c + 1 + random.nextInt(categories - 1)) % categories;
        complement.put(skus[c][p], skus[other][zipf(random, perCategory)]);
      }
    }
    Map<String, List<ConfirmedPurchase>> orders = new LinkedHashMap<>();
    for (int i = 0; i < shape.customers(); i++) {
      String customer = "cust-" + i;
      int first = random.nextInt(categories);
      int second = (first + 1 + random.nextInt(categories - 1)) % categories;
      int count = shape.minOrders() + random.nextInt(shape.maxOrders() - shape.minOrders() + 1);
      List<Instant> times = new ArrayList<>();
      for (int o = 0; o < count; o++) {
        times.add(START.plusMillis((long) (random.nextDouble() * SPAN.toMillis())));
      }
      times.sort(Comparator.naturalOrder());
      Set<String> bought = new HashSet<>();
      List<String> history = new ArrayList<>();
      List<ConfirmedPurchase> mine = new ArrayList<>();
      for (int o = 0; o < count; o++) {
        List<String> basket = new ArrayList<>();
        String primary = null;
        if (!history.isEmpty() && random.nextDouble() < 0.3) {
          primary = complement.get(history.get(random.nextInt(history.size())));
        }
        for (int tries = 0; (primary == null || bought.contains(primary)) && tries < 20; tries++) {
          int category = random.nextDouble() < 0.8 ? (random.nextDouble() < 0.6 ? first : second) : random.nextInt(categories);
          primary = skus[category][zipf(random, perCategory)];
        }
        add(basket, bought, primary);
        if (random.nextDouble() < 0.5) {
          add(basket, bought, complement.get(primary));
        }
        if (random.nextDouble() < 0.25) {
          add(basket, bought, skus[random.nextBoolean() ? first : second][zipf(random, perCategory)]);
        }
        if (basket.isEmpty()) {
          continue;
        }
        history.addAll(basket);
        mine.add(new ConfirmedPurchase(TENANT, customer + "-o" + o, customer, basket.stream()
            .map(sku -> new PurchasedSku(sku, 1L, List.of(categoryOf.get(sku)))).toList(), times.get(o)));
      }
      orders.put(customer, mine);
    }
    return new ShopperWorld(categoryOf, orders);
  }

  private static void add(List<String> basket, Set<String> bought, String sku) {
    if (sku != null && bought.add(sku)) {
      basket.add(sku);
    }
  }

  /** A rank in [0, n) with probability falling as 1 / (rank + 1)^0.9. */
  private static int zipf(Random random, int n) {
    double total = 0;
    for (int k = 0; k < n; k++) {
      total += Math.pow(k + 1, -0.9);
    }
    double pick = random.nextDouble() * total;
    for (int k = 0; k < n; k++) {
      pick -= Math.pow(k + 1, -0.9);
      if (pick <= 0) {
        return k;
      }
    }
    return n - 1;
  }

  public int orderCount() {
    return orders.values().stream().mapToInt(List::size).sum();
  }
}
