package io.fusioncommerce.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.fixtures.CatalogSeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The order saga under load, against the launcher run as its own process (as users run it), over
 * HTTP on loopback: sustained latency at 500 orders/s, peak throughput, interactive-query reads, and a
 * flash sale. Both processes share this machine's cores.
 *
 * <p>Run: {@code e2e/run-benchmark orders [seconds-per-phase]}
 */
public final class OrderBenchmark {

  private static final int SKUS = 200;
  private static final int CUSTOMERS = 500;

  public static void main(String[] args) throws Exception {
    int seconds = BenchLauncher.argument(args, 0, 30);
    try (BenchLauncher launcher = BenchLauncher.start("order-bench")) {
      String admin = launcher.admin();
      seed(launcher, admin);
      List<String> customers = customerIds(CUSTOMERS);
      List<String> customerTokens = customers.stream().map(id -> launcher.token(id, "customer")).toList();
      AsyncApi async = new AsyncApi(launcher.baseUrl());
      ConcurrentLinkedQueue<String> confirmedIds = new ConcurrentLinkedQueue<>();

      System.out.println("warm-up: 200 orders/s for 10 s");
      orders(async, customers, customerTokens, 200, Duration.ofSeconds(10), confirmedIds);

      System.out.printf("%nsustained: 500 orders/s for %d s%n", seconds);
      orders(async, customers, customerTokens, 500, Duration.ofSeconds(seconds), confirmedIds);

      System.out.println("\npeak: rising rates, 15 s each");
      for (int rate : new int[] {1000, 1500, 2000, 2500, 3000}) {
        Phase phase = orders(async, customers, customerTokens, rate, Duration.ofSeconds(15), confirmedIds);
        if (phase.confirm().failed() > 0 || phase.confirm().latencyMicros().getValueAtPercentile(99) > 2_000_000) {
          System.out.println("  stopping: the platform no longer keeps up at " + rate + " orders/s");
          break;
        }
      }

      System.out.printf("%ninteractive-query reads of orders: 5000 reads/s for %d s%n", Math.min(seconds, 20));
      List<String> ids = new ArrayList<>(confirmedIds);
      String reader = customerTokens.get(0);
      String staff = admin;
      OpenLoop.Result reads = OpenLoop.run(5000, Duration.ofSeconds(Math.min(seconds, 20)), scheduled ->
          async.get("/v1/orders/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), staff)
              .thenApply(r -> require(r.status() == 200, "read answered " + r.status())));
      System.out.println("  GET /v1/orders/{id}: " + reads.summary());
      OpenLoop.Result stockReads = OpenLoop.run(5000, Duration.ofSeconds(Math.min(seconds, 20)), scheduled ->
          async.get("/v1/inventory/SKU-" + ThreadLocalRandom.current().nextInt(SKUS), reader)
              .thenApply(r -> require(r.status() == 200, "read answered " + r.status())));
      System.out.println("  GET /v1/inventory/{sku}: " + stockReads.summary());

      flashSale(launcher, async, admin);
    }
  }

  /** The ids of the benchmark's {@code count} customers, "customer-0" on. */
  static List<String> customerIds(int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> "customer-" + i).toList();
  }

  record Phase(OpenLoop.Result confirm, ConcurrentHistogram accept) {}

  static Phase orders(AsyncApi async, List<String> customers, List<String> tokens, int rate, Duration duration,
      ConcurrentLinkedQueue<String> confirmedIds) {
    return orders(async, customers, tokens, rate, duration, confirmedIds,
        () -> "{\"sku\":\"SKU-" + ThreadLocalRandom.current().nextInt(SKUS) + "\",\"quantity\":1}");
  }

  /** As above, each order's items (the JSON array's contents) from {@code items}. */
  static Phase orders(AsyncApi async, List<String> customers, List<String> tokens, int rate, Duration duration,
      ConcurrentLinkedQueue<String> confirmedIds, java.util.function.Supplier<String> items) {
    return orders(async, customers, tokens, rate, duration, confirmedIds, items, "");
  }

  /** As above, with {@code moreFields} (",\"email\":..." or empty) added to every order's body. */
  static Phase orders(AsyncApi async, List<String> customers, List<String> tokens, int rate, Duration duration,
      ConcurrentLinkedQueue<String> confirmedIds, java.util.function.Supplier<String> items, String moreFields) {
    ConcurrentHistogram accept = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
    AtomicLong rejected = new AtomicLong();
    OpenLoop.Result confirm = OpenLoop.run(rate, duration, scheduled -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      int customer = random.nextInt(customers.size());
      String body = "{\"customerId\":\"" + customers.get(customer) + "\",\"currency\":\"USD\",\"items\":["
          + items.get() + "]" + moreFields + "}";
      CompletableFuture<Long> acceptedAt = new CompletableFuture<>();
      acceptedAt.thenAccept(at -> accept.recordValue(Math.max(0, (at - scheduled) / 1000)));
      return async.placeAndSettle(tokens.get(customer), body, acceptedAt).thenApply(order -> {
        if ("CONFIRMED".equals(order.path("status").asText())) {
          confirmedIds.add(order.path("orderId").asText());
        } else {
          rejected.incrementAndGet();
        }
        return order;
      });
    });
    System.out.printf("  %d/s  POST -> CONFIRMED: %s%n", rate, confirm.summary());
    System.out.printf("  %d/s  POST -> 202:       p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", rate,
        accept.getValueAtPercentile(50) / 1000.0, accept.getValueAtPercentile(99) / 1000.0, accept.getMaxValue() / 1000.0);
    if (rejected.get() > 0) {
      System.out.printf("  (%d orders were not confirmed)%n", rejected.get());
    }
    return new Phase(confirm, accept);
  }

  static void seed(BenchLauncher launcher, String admin) {
    seed(launcher.bootstrapServers(), launcher.schemaRegistryUrl(), launcher.api(), admin);
  }

  static void seed(String bootstrapServers, String registryUrl, ApiClient api, String admin) {
    try (CatalogSeed catalog = new CatalogSeed(bootstrapServers, registryUrl)) {
      for (int i = 0; i < SKUS; i++) {
        catalog.product("bench", "SKU-" + i, 1000 + i, "USD", "vendor-" + (i % 10));
      }
      catalog.product("bench", "FLASH", 2500, "USD", "vendor-flash");
    }
    for (int i = 0; i < SKUS; i++) {
      api.put("/v1/inventory/SKU-" + i, admin, "{\"available\":1000000000}");
    }
    api.put("/v1/inventory/FLASH", admin, "{\"available\":100}");
    api.get("/v1/inventory/FLASH?waitMs=10000&version=0", admin);    scoreWithoutHolding(api, admin);
  }

  /**
   * The benchmark's customers order far faster than real ones (hundreds of orders a minute from one
   * address), which the fraud model rightly finds suspicious: with the default thresholds most orders would
   * be HELD. Thresholds of 1.0 keep every order scored (its cost stays in the figures) but hold none.
   */
  static void scoreWithoutHolding(ApiClient api, String admin) {
    api.put("/v1/fraud/settings", admin, "{\"reviewThreshold\":1.0,\"rejectThreshold\":1.0}");
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (api.get("/v1/fraud/settings", admin).json().path("version").asLong() < 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the fraud settings were not applied within 30 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static void flashSale(BenchLauncher launcher, AsyncApi async, String admin) throws InterruptedException {
    int buyers = 10_000;
    System.out.printf("%nflash sale: %d buyers at once for 100 units%n", buyers);
    List<String> buyerTokens = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      buyerTokens.add(launcher.token("buyer-" + i, "customer"));
    }
    Semaphore inFlight = new Semaphore(1000);
    List<CompletableFuture<JsonNode>> orders = new ArrayList<>();
    long begin = System.nanoTime();
    for (int i = 0; i < buyers; i++) {
      inFlight.acquire();
      String body = "{\"customerId\":\"buyer-" + i + "\",\"currency\":\"USD\",\"items\":[{\"sku\":\"FLASH\",\"quantity\":1}]}";
      orders.add(async.placeAndSettle(buyerTokens.get(i), body, new CompletableFuture<>())
          .whenComplete((order, error) -> inFlight.release()));
    }
    long confirmed = 0;
    long failed = 0;
    for (CompletableFuture<JsonNode> order : orders) {
      try {
        if ("CONFIRMED".equals(order.join().path("status").asText())) {
          confirmed++;
        }
      } catch (RuntimeException e) {
        failed++;
      }
    }
    double settleSeconds = (System.nanoTime() - begin) / 1e9;
    JsonNode stock = launcher.api().get("/v1/inventory/FLASH", admin).json();
    System.out.printf("  confirmed %d, not confirmed %d, failed %d; every order settled %.1f s after the first POST%n",
        confirmed, buyers - confirmed - failed, failed, settleSeconds);
    System.out.printf("  FLASH stock afterwards: available %d, reserved %d (oversold: %s)%n",
        stock.path("available").asLong(), stock.path("reserved").asLong(), confirmed > 100 ? "YES" : "no");
  }

  /** Fails the benchmark's operation (counted as failed by OpenLoop) unless {@code ok}. */
  static <T> T require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
    return null;
  }

}
