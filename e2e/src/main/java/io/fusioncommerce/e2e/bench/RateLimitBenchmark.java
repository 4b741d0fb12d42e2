package io.fusioncommerce.e2e.bench;

import io.fusioncommerce.e2e.launcher.LauncherProcess;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the request rate limiter costs (issue 10 asks for at most 5 % of throughput): the closed-loop
 * throughput of one cheap read route, {@code GET /v1/inventory/{sku}} (an interactive query of a local
 * state store, so the limiter's share of each request is as large as it gets), from {@value #CALLERS} callers
 * of one tenant, with the limiter off ({@code FUSION_RATE_LIMIT_ENABLED=false}) and on. When on, the limits
 * are raised far above the load, so nothing is refused and what is measured is the cost of the buckets, not
 * throttling. Each run is a fresh launcher; off and on alternate (off-on, on-off, ...) so drift of a shared machine hits both.
 *
 * <p>Run: {@code e2e/run-benchmark rate-limit [seconds] [concurrency] [rounds]} (defaults 30, 64, 2)
 */
public final class RateLimitBenchmark {

  static final int CALLERS = 100;
  private static final String SKU = "RL-BENCH";
  private static final Map<String, String> OFF = Map.of("FUSION_RATE_LIMIT_ENABLED", "false");

  public static void main(String[] args) throws Exception {
    int seconds = BenchLauncher.argument(args, 0, 30);
    int concurrency = BenchLauncher.argument(args, 1, 64);
    int rounds = BenchLauncher.argument(args, 2, 2);
    System.out.printf("GET /v1/inventory/{sku}, %d callers of one tenant, %d requests in flight, %d s per run%n",
        CALLERS, concurrency, seconds);
    List<Double> off = new ArrayList<>();
    List<Double> on = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      // off-on, then on-off: neither setting always runs on the machine the other one warmed up
      if (round % 2 == 1) {
        off.add(run("off", OFF, seconds, concurrency));
        on.add(run("on", LauncherProcess.LOAD_TEST_RATE_LIMITS, seconds, concurrency));
      } else {
        on.add(run("on", LauncherProcess.LOAD_TEST_RATE_LIMITS, seconds, concurrency));
        off.add(run("off", OFF, seconds, concurrency));
      }
    }
    double meanOff = off.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double meanOn = on.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    System.out.printf("%nlimiter off: %.0f requests/s, on: %.0f requests/s, cost %.1f %% of throughput%n",
        meanOff, meanOn, 100 * (1 - meanOn / meanOff));
  }

  /** One launcher with these settings: warm-up, then the measured run; answers requests per second. */
  private static double run(String label, Map<String, String> environment, int seconds, int concurrency)
      throws Exception {
    try (BenchLauncher launcher = BenchLauncher.start("rate-limit-bench", environment)) {
      DevTokenIssuer issuer = launcher.tokens();
      String admin = issuer.issue("bench-admin", BenchLauncher.TENANT, List.of("admin"), null, null, Duration.ofHours(1));
      launcher.setStock(SKU, 1000, admin);
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        tokens.add(issuer.issue("reader-" + i, "bench", List.of("customer"), null, null, Duration.ofHours(1)));
      }
      AsyncApi async = new AsyncApi(launcher.baseUrl());
      closedLoop(async, tokens, concurrency, Duration.ofSeconds(10)); // warm-up: JIT, connections, caches
      Count count = closedLoop(async, tokens, concurrency, Duration.ofSeconds(seconds));
      double perSecond = count.ok() / (double) seconds;
      System.out.printf("  limiter %-3s: %.0f requests/s (%d answered 200, %d otherwise)%n", label, perSecond,
          count.ok(), count.other());
      return perSecond;
    }
  }

  private record Count(long ok, long other) {}

  /** {@code concurrency} lanes, each sending its next request when the previous one is answered. */
  private static Count closedLoop(AsyncApi async, List<String> tokens, int concurrency, Duration duration)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    AtomicLong ok = new AtomicLong();
    AtomicLong other = new AtomicLong();
    AtomicLong sequence = new AtomicLong();
    CountDownLatch lanes = new CountDownLatch(concurrency);
    for (int lane = 0; lane < concurrency; lane++) {
      next(async, tokens, end, ok, other, sequence, lanes);
    }
    lanes.await();
    return new Count(ok.get(), other.get());
  }

  private static void next(AsyncApi async, List<String> tokens, long end, AtomicLong ok, AtomicLong other,
      AtomicLong sequence, CountDownLatch lanes) {
    if (System.nanoTime() >= end) {
      lanes.countDown();
      return;
    }
    String token = tokens.get((int) (sequence.getAndIncrement() % tokens.size()));
    async.get("/v1/inventory/" + SKU, token).whenComplete((response, error) -> {
      if (error == null && response.status() == 200) {
        ok.incrementAndGet();
      } else {
        other.incrementAndGet();
      }
      next(async, tokens, end, ok, other, sequence, lanes);
    });
  }
}
