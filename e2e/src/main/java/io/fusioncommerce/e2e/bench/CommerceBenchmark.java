package io.fusioncommerce.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Carts and checkout under load, over HTTP against the launcher run as its own process: cart operations
 * (a line put, the cart read back priced) at a fixed rate, then whole checkouts (cart, two lines, a coupon,
 * tax for a Californian address) with checkout POST → CONFIRMED measured from the checkout's POST.
 *
 * <p>Run: {@code e2e/run-benchmark commerce [seconds-per-phase] [cart-ops-per-second] [checkouts-per-second]}
 */
public final class CommerceBenchmark {

  private static final int SKUS = 200;
  private static final int CUSTOMERS = 500;
  /** Each cart draws its lines from ten SKUs of its own, so a long run stays under the cart's line limit. */
  private static final int SKUS_PER_CART = 10;
  private static final String ADDRESS = "{\"name\":\"Bench Buyer\",\"line1\":\"1 Market St\",\"city\":\"San Francisco\","
      + "\"postalCode\":\"94105\",\"region\":\"CA\",\"country\":\"US\"}";

  public static void main(String[] args) throws Exception {
    int seconds = BenchLauncher.argument(args, 0, 30);
    int cartRate = BenchLauncher.argument(args, 1, 1000);
    int checkoutRate = BenchLauncher.argument(args, 2, 50);
    try (BenchLauncher launcher = BenchLauncher.start("commerce-bench")) {
      String admin = launcher.admin();
      OrderBenchmark.seed(launcher, admin);
      OrderBenchmark.require(launcher.api().put("/v1/tax/rates/US", admin,
          "{\"rate\":\"0.05\",\"inclusive\":false,\"regions\":{\"CA\":\"0.0725\"}}").status() == 200, "tax rate refused");
      var promotion = launcher.api().post("/v1/promotions", admin, "{\"code\":\"BENCH10\",\"type\":\"PERCENT_OFF\","
          + "\"value\":10,\"currency\":\"USD\",\"usageLimit\":100000000}");
      OrderBenchmark.require(promotion.status() == 201, "promotion refused: " + promotion.text());
      List<String> customers = OrderBenchmark.customerIds(CUSTOMERS);
      List<String> tokens = customers.stream().map(id -> launcher.token(id, "customer")).toList();
      AsyncApi async = new AsyncApi(launcher.baseUrl());

      List<String> carts = new ArrayList<>();
      for (int i = 0; i < CUSTOMERS; i++) {
        JsonNode cart = launcher.api().post("/v1/carts", tokens.get(i),
            "{\"customerId\":\"" + customers.get(i) + "\",\"currency\":\"USD\"}").json();
        carts.add(cart.path("cartId").asText());
      }
      System.out.println("warm-up: cart operations at " + cartRate / 4 + "/s for 10 s");
      cartOperations(async, carts, tokens, cartRate / 4, Duration.ofSeconds(10));
      // below and at the target rate: where the latency starts to queue shows in the pair
      for (int rate : new int[] {cartRate / 4, cartRate}) {
        System.out.printf("%ncart operations at %d/s for %d s (two puts to one read)%n", rate, seconds);
        cartOperations(async, carts, tokens, rate, Duration.ofSeconds(seconds));
      }

      System.out.printf("%ncheckouts at %d/s for %d s (warm-up 10 s first)%n", checkoutRate, seconds);
      checkouts(async, customers, tokens, checkoutRate, Duration.ofSeconds(10));
      checkouts(async, customers, tokens, checkoutRate, Duration.ofSeconds(seconds));
    }
    System.exit(0);
  }

  private static void cartOperations(AsyncApi async, List<String> carts, List<String> tokens, int rate,
      Duration duration) {
    OpenLoop.Result result = OpenLoop.run(rate, duration, scheduled -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      int customer = random.nextInt(carts.size());
      String cart = "/v1/carts/" + carts.get(customer);
      if (random.nextInt(3) == 0) {
        return async.get(cart, tokens.get(customer))
            .thenApply(r -> OrderBenchmark.require(r.status() == 200, "cart read answered " + r.status()));
      }
      String sku = "SKU-" + (customer * SKUS_PER_CART + random.nextInt(SKUS_PER_CART)) % SKUS;
      return async.put(cart + "/items/" + sku, tokens.get(customer), "{\"quantity\":" + (1 + random.nextInt(3)) + "}")
          .thenApply(r -> OrderBenchmark.require(r.status() == 200, "cart put answered " + r.status() + " " + r.json()));
    });
    System.out.println("  cart operation (PUT line → 200 priced cart, or GET): " + result.summary());
  }

  private static void checkouts(AsyncApi async, List<String> customers, List<String> tokens, int rate,
      Duration duration) {
    ConcurrentHistogram checkoutToConfirmed = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
    OpenLoop.Result whole = OpenLoop.run(rate, duration, scheduled -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      int customer = random.nextInt(customers.size());
      String token = tokens.get(customer);
      String first = "SKU-" + random.nextInt(SKUS);
      String second = "SKU-" + random.nextInt(SKUS);
      return async.post("/v1/carts", token, "{\"customerId\":\"" + customers.get(customer) + "\",\"currency\":\"USD\"}")
          .thenCompose(created -> {
            OrderBenchmark.require(created.status() == 201, "cart create answered " + created.status());
            String cart = "/v1/carts/" + created.json().path("cartId").asText();
            return async.put(cart + "/items/" + first, token, "{\"quantity\":1}")
                .thenCompose(r -> async.put(cart + "/items/" + second, token, "{\"quantity\":2}"))
                .thenCompose(r -> async.post(cart + "/coupons", token, "{\"code\":\"BENCH10\"}"))
                .thenCompose(r -> {
                  OrderBenchmark.require(r.status() == 200, "coupon answered " + r.status() + " " + r.json());
                  long checkoutAt = System.nanoTime();
                  return async.post(cart + "/checkout", token, "{\"shippingAddress\":" + ADDRESS + "}")
                      .thenCompose(accepted -> {
                        OrderBenchmark.require(accepted.status() == 202, "checkout answered " + accepted.status()
                            + " " + accepted.json());
                        return async.follow(token, accepted.json().path("orderId").asText(), 0);
                      })
                      .thenApply(order -> {
                        OrderBenchmark.require("CONFIRMED".equals(order.path("status").asText()),
                            "checked-out order ended " + order.path("status").asText());
                        checkoutToConfirmed.recordValue((System.nanoTime() - checkoutAt) / 1000);
                        return order;
                      });
                });
          });
    });
    System.out.println("  whole checkout (create, 2 puts, coupon, checkout → CONFIRMED): " + whole.summary());
    System.out.printf("  checkout POST → CONFIRMED: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d orders)%n",
        checkoutToConfirmed.getValueAtPercentile(50) / 1000.0, checkoutToConfirmed.getValueAtPercentile(99) / 1000.0,
        checkoutToConfirmed.getMaxValue() / 1000.0, checkoutToConfirmed.getTotalCount());
  }
}
