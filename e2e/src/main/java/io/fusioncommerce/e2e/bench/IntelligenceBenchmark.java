package io.fusioncommerce.e2e.bench;

import io.fusioncommerce.e2e.launcher.LauncherProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the intelligence features cost the platform, over HTTP against the launcher run as its own
 * process: the latency fraud scoring adds to POST → CONFIRMED (the same order load on launchers with
 * scoring off and on, alternated, so drift of the machine falls on both), and the recommendation reads.
 *
 * <p>With scoring on, the tenant's thresholds are set to 1.0 (REVIEW never, REJECT only at a score of
 * exactly 1): the benchmark's customers order far faster than real ones, which the model rightly finds
 * suspicious; what is measured here is the cost of scoring every order, not its decisions.
 *
 * <p>Run: {@code e2e/run-benchmark intelligence [seconds-per-phase] [orders-per-second] [rounds]}
 */
public final class IntelligenceBenchmark {

  private static final int SKUS = 200;
  private static final int CUSTOMERS = 500;

  public static void main(String[] args) throws Exception {
    int seconds = BenchLauncher.argument(args, 0, 30);
    int rate = BenchLauncher.argument(args, 1, 200);
    int rounds = BenchLauncher.argument(args, 2, 2);
    for (int round = 1; round <= rounds; round++) {
      for (boolean scoring : new boolean[] {false, true}) {
        System.out.printf("%nround %d, fraud scoring %s%n", round, scoring ? "on" : "off");
        run(scoring, seconds, rate, round == rounds && scoring);
      }
    }
    System.exit(0);
  }

  private static void run(boolean scoring, int seconds, int rate, boolean reads) throws Exception {
    Map<String, String> environment = new HashMap<>(LauncherProcess.LOAD_TEST_RATE_LIMITS);
    environment.put("FUSION_FRAUD_SCORING", scoring ? "on" : "off");
    try (BenchLauncher launcher = BenchLauncher.start("intelligence-bench", environment)) {
      String admin = launcher.admin();
      OrderBenchmark.seed(launcher, admin);
      List<String> customers = OrderBenchmark.customerIds(CUSTOMERS);
      List<String> customerTokens = customers.stream().map(id -> launcher.token(id, "customer")).toList();
      AsyncApi async = new AsyncApi(launcher.baseUrl());
      ConcurrentLinkedQueue<String> confirmed = new ConcurrentLinkedQueue<>();
      // the warm-up runs at the measured rate: a faster one would leave a backlog the measured phase pays for
      System.out.printf("  warm-up: %d orders/s for 10 s%n", rate);
      OrderBenchmark.orders(async, customers, customerTokens, rate, Duration.ofSeconds(10), confirmed);
      System.out.printf("  measured: %d orders/s for %d s%n", rate, seconds);
      OrderBenchmark.orders(async, customers, customerTokens, rate, Duration.ofSeconds(seconds), confirmed);
      String sample = confirmed.peek();
      if (sample != null) {
        System.out.println("  a confirmed order's risk: "
            + launcher.api().get("/v1/orders/" + sample, admin).json().path("risk"));
      }
      if (reads) {
        readRecommendations(launcher, async, customerTokens, admin, seconds);
      }
    }
  }

  private static void readRecommendations(BenchLauncher launcher, AsyncApi async, List<String> customerTokens,
      String admin, int seconds) {
    Duration phase = Duration.ofSeconds(Math.min(seconds, 20));
    // baskets of three SKUs, two of them neighbours, so the bought-together and customer rows the reads
    // answer from are not empty (the measured orders have one line each)
    System.out.println("  baskets for the recommendations: 30 orders/s of three lines for 20 s");
    OrderBenchmark.orders(async, OrderBenchmark.customerIds(CUSTOMERS), customerTokens, 30, Duration.ofSeconds(20),
        new ConcurrentLinkedQueue<>(), () -> {
          int first = ThreadLocalRandom.current().nextInt(SKUS);
          return line(first) + "," + line((first + 1) % SKUS) + "," + line(ThreadLocalRandom.current().nextInt(SKUS));
        });
    System.out.println("  bought together for SKU-7: "
        + launcher.api().get("/v1/products/SKU-7/recommendations?limit=3", admin).json());
    System.out.println("  customer-7's recommendations: "
        + launcher.api().get("/v1/customers/customer-7/recommendations?limit=3", admin).json());
    OpenLoop.Result products = OpenLoop.run(2000, phase, scheduled ->
        async.get("/v1/products/SKU-" + ThreadLocalRandom.current().nextInt(SKUS) + "/recommendations?limit=10", admin)
            .thenApply(r -> OrderBenchmark.require(r.status() == 200, "product recommendations answered " + r.status())));
    System.out.println("  GET /v1/products/{sku}/recommendations at 2000/s: " + products.summary());
    OpenLoop.Result personal = OpenLoop.run(1000, phase, scheduled -> {
      int customer = ThreadLocalRandom.current().nextInt(CUSTOMERS);
      return async.get("/v1/customers/customer-" + customer + "/recommendations?limit=10", customerTokens.get(customer))
          .thenApply(r -> OrderBenchmark.require(r.status() == 200, "customer recommendations answered " + r.status()));
    });
    System.out.println("  GET /v1/customers/{id}/recommendations at 1000/s: " + personal.summary());
  }

  /** One order line of {@code sku} ("SKU-n"), one unit. */
  private static String line(int sku) {
    return "{\"sku\":\"SKU-" + sku + "\",\"quantity\":1}";
  }
}
