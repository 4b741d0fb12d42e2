package io.fusioncommerce.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Group buying under load, against the launcher run as its own process: joins per second on one hot
 * campaign (one partition), the latency from POST to 202 and from POST to the join being visible to
 * readers, and the time from a campaign's endsAt to EXPIRED.
 *
 * <p>Run: {@code e2e/run-benchmark campaigns [seconds-per-phase]}
 */
public final class CampaignBenchmark {

  public static void main(String[] args) throws Exception {
    int seconds = BenchLauncher.argument(args, 0, 20);
    try (BenchLauncher launcher = BenchLauncher.start("campaign-bench")) {
      ApiClient api = launcher.api();
      // staff may join on a customer's behalf: one token for every simulated customer
      String operator = launcher.token("bench-operator", "admin", "operator");
      require(api.post("/v1/products", operator, "{\"sku\":\"HOT\",\"vendorId\":\"v1\",\"name\":\"Hot item\","
          + "\"price\":{\"amount\":10000,\"currency\":\"USD\"}}").status() == 201, "product refused");
      launcher.seed(catalog -> catalog.product(BenchLauncher.TENANT, "HOT", 10000, "USD", "v1"));
      AsyncApi async = new AsyncApi(launcher.baseUrl());
      AtomicLong customers = new AtomicLong();

      // the launcher's JIT needs a minute or two of work before figures mean anything
      System.out.println("warm-up: 300 joins/s for 60 s");
      joins(api, async, operator, 300, Duration.ofSeconds(60), customers);
      for (int rate : new int[] {1000, 2000, 3000, 5000}) {
        System.out.printf("%n%d joins/s on one campaign for %d s%n", rate, seconds);
        if (!joins(api, async, operator, rate, Duration.ofSeconds(seconds), customers)) {
          break;
        }
      }
      expiry(api, operator);
    }
  }

  /** One hot campaign, joins at {@code rate}; false when the platform no longer kept up. */
  static boolean joins(ApiClient api, AsyncApi async, String token, int rate, Duration duration, AtomicLong customers)
      throws InterruptedException {
    String id = campaign(api, token, 1_000_000, Instant.now().plus(Duration.ofHours(1)));
    ConcurrentHistogram accepted = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
    ConcurrentHistogram visible = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
    AtomicLong sampled = new AtomicLong();
    OpenLoop.Result result = OpenLoop.run(rate, duration, scheduled -> {
      String customer = "c-" + customers.incrementAndGet();
      // one join in 200 is followed until a reader sees it, polling every 5 ms: enough samples for a p99,
      // few enough polls not to become the load themselves
      boolean sample = sampled.incrementAndGet() % 200 == 0;
      return async.post("/v1/campaigns/" + id + "/join", token, "{\"customerId\":\"" + customer + "\"}").thenCompose(r -> {
        if (r.status() != 202) {
          throw new IllegalStateException("join answered " + r.status() + " " + r.json());
        }
        accepted.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
        return sample ? visible(async, token, id, customer, scheduled, visible, 0) : CompletableFuture.completedFuture(null);
      });
    });
    Thread.sleep(1000);
    JsonNode campaign = api.get("/v1/campaigns/" + id, token).json();
    System.out.printf("  POST -> 202:          %s%n", result.summary());
    System.out.printf("  POST -> 202 latency:  p50 %.1f ms, p99 %.1f ms%n",
        accepted.getValueAtPercentile(50) / 1000.0, accepted.getValueAtPercentile(99) / 1000.0);
    System.out.printf("  POST -> join visible (every 200th join, polled every 5 ms): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        visible.getValueAtPercentile(50) / 1000.0, visible.getValueAtPercentile(99) / 1000.0,
        visible.getMaxValue() / 1000.0);
    System.out.printf("  participants counted: %d of %d accepted joins%n", campaign.path("participants").asLong(),
        result.started() - result.failed());
    return result.failed() == 0 && accepted.getValueAtPercentile(99) < 2_000_000;
  }

  private static CompletableFuture<Void> visible(AsyncApi async, String token, String id, String customer,
      long scheduled, ConcurrentHistogram visible, int attempt) {
    return async.get("/v1/campaigns/" + id + "/participants/" + customer, token).thenCompose(r -> {
      if (r.status() == 200) {
        visible.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
        return CompletableFuture.completedFuture(null);
      }
      if (attempt > 2_000) {
        return CompletableFuture.failedFuture(new IllegalStateException("join of " + customer + " never visible"));
      }
      return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS))
          .thenCompose(ignored -> visible(async, token, id, customer, scheduled, visible, attempt + 1));
    });
  }

  /** Ten campaigns that end below their minimum: how long after endsAt each is EXPIRED. */
  static void expiry(ApiClient api, String token) throws InterruptedException {
    System.out.println("\nexpiry: 10 campaigns ending 3 s from now, below their minimum");
    List<String> ids = new ArrayList<>();
    List<Instant> ends = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Instant endsAt = Instant.now().plus(Duration.ofSeconds(3)).plusMillis(i * 97L);
      ids.add(campaign(api, token, 5, endsAt));
      ends.add(endsAt);
    }
    List<Long> topologyMs = new ArrayList<>();
    List<Long> observedMs = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      JsonNode campaign;
      do {
        campaign = api.get("/v1/campaigns/" + ids.get(i), token).json();
        if (!"EXPIRED".equals(campaign.path("status").asText())) {
          Thread.sleep(20);
        }
      } while (!"EXPIRED".equals(campaign.path("status").asText()));
      observedMs.add(Duration.between(ends.get(i), Instant.now()).toMillis());
      topologyMs.add(Duration.between(ends.get(i), Instant.parse(campaign.path("endedAt").asText())).toMillis());
    }
    topologyMs.sort(null);
    observedMs.sort(null);
    System.out.printf("  endsAt -> EXPIRED in the topology: median %d ms, max %d ms%n", topologyMs.get(5), topologyMs.get(9));
    System.out.printf("  endsAt -> EXPIRED seen over HTTP (polled every 20 ms): median %d ms, max %d ms%n",
        observedMs.get(5), observedMs.get(9));
  }

  static String campaign(ApiClient api, String token, int min, Instant endsAt) {
    ApiClient.Response created = api.post("/v1/campaigns", token, "{\"sku\":\"HOT\",\"minParticipants\":" + min
        + ",\"groupPrice\":{\"amount\":5000,\"currency\":\"USD\"},\"endsAt\":\"" + endsAt + "\"}");
    require(created.status() == 202, "campaign refused: " + created.text());
    String id = created.json().path("campaignId").asText();
    require(api.get("/v1/campaigns/" + id + "?waitMs=10000&version=0", token).status() == 200, "campaign never opened");
    return id;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

}
