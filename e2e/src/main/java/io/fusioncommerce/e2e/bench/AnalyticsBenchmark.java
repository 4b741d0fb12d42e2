package io.fusioncommerce.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.launcher.LauncherProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Analytics as an operator and an analyst see it, on {@code fusion start} with Druid switched on:
 * <ol>
 *   <li>time to the core's readiness and to the analytics API's first answer, resident memory with Druid;</li>
 *   <li>order → live tile: orders placed over HTTP while a {@code /v1/live} stream is open, from each POST
 *       to the first pushed figures that count it (placed, then confirmed);</li>
 *   <li>fact → visible in Druid SQL: one probe fact at a time, produced to {@code analytics.order-lines}
 *       while a background load produces the facts of 1,000 two-line orders a second, until
 *       {@code /v1/analytics/sales} (Druid SQL) counts it;</li>
 *   <li>{@code /v1/analytics/sales} under 20 queries a second over a million facts of the last 30 days
 *       (written straight to the fact topic: the saga on this machine cannot place a million orders
 *       in a benchmark's time).</li>
 * </ol>
 * Facts written straight to the topic use the feed's own JSON shape (see the contract in AnalyticsTopology).
 *
 * <p>Run: {@code e2e/run-benchmark analytics [seconds] [facts]}
 */
public final class AnalyticsBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FACT_TOPIC = "analytics.order-lines";
  private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "JPY"};

  public static void main(String[] args) throws Exception {
    int seconds = BenchLauncher.argument(args, 0, 60);
    int facts = BenchLauncher.argument(args, 1, 1_000_000);
    Map<String, String> environment = new HashMap<>(LauncherProcess.LOAD_TEST_RATE_LIMITS);
    environment.put("FUSION_ANALYTICS", "on");
    try (BenchLauncher launcher = BenchLauncher.start("analytics", environment)) {
      long coreReady = launcher.process().millisToReady();
      long analyticsAfterCore = awaitAnalytics(launcher.api(), launcher.admin());
      System.out.printf("core ready %d ms after launch; analytics answering %d ms after that (%d ms after launch)%n",
          coreReady, analyticsAfterCore, coreReady + analyticsAfterCore);
      System.out.printf("resident memory: launcher %d MiB, with all children (Postgres, registry, ZooKeeper, Druid) %d MiB%n",
          launcher.process().launcherRssKb() / 1024, launcher.process().totalRssKb() / 1024);

      liveTiles(launcher, Math.max(20, seconds / 2));
      try (KafkaProducer<String, String> producer = producer(launcher.bootstrapServers())) {
        visibility(launcher, producer, Math.max(30, seconds / 2));
        bulkLoad(launcher, producer, facts);
      }
      salesQueries(launcher, seconds);
    }
  }

  /** Milliseconds from now until the analytics API answers 200 (Druid up, supervisors running). */
  private static long awaitAnalytics(ApiClient api, String admin) throws InterruptedException {
    long begin = System.nanoTime();
    String path = "/v1/analytics/sales?granularity=minute";
    while (api.get(path, admin).status() != 200) {
      if (System.nanoTime() - begin > TimeUnit.MINUTES.toNanos(6)) {
        throw new IllegalStateException("analytics did not answer within 6 minutes");
      }
      Thread.sleep(250);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
  }

  // --- order → live tile ----------------------------------------------------------------------------

  private static void liveTiles(BenchLauncher launcher, int seconds) throws Exception {
    String admin = launcher.admin();
    OrderBenchmark.seed(launcher, admin);
    String operator = launcher.token("bench-operator", "operator");
    LiveStream stream = LiveStream.open(launcher.baseUrl(), operator);
    try {
      stream.awaitFirst();
      long placedBefore = stream.placed.get();
      long confirmedBefore = stream.confirmed.get();
      long rejectedBefore = stream.rejected.get();
      AsyncApi async = new AsyncApi(launcher.baseUrl());
      int rate = 20;
      int total = rate * seconds;
      long[] postedAt = new long[total];
      String[] tokens = new String[total];
      for (int i = 0; i < total; i++) {
        tokens[i] = launcher.token("live-customer-" + i, "customer");
      }
      List<CompletableFuture<AsyncApi.Response>> pending = new java.util.ArrayList<>();
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      long begin = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = begin + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        postedAt[i] = System.nanoTime();
        // one order per customer: the per-customer stock limits (issue 10) would reject a hoarder's orders
        String customer = "live-customer-" + i;
        String body = "{\"customerId\":\"" + customer + "\",\"currency\":\"USD\",\"items\":[{\"sku\":\"SKU-" + (i % 10)
            + "\",\"quantity\":1}]}";
        pending.add(async.post("/v1/orders", tokens[i], body));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
      try {
        stream.awaitCounts(placedBefore + total, confirmedBefore + rejectedBefore + total, Duration.ofMinutes(2));
      } catch (IllegalStateException e) {
        System.out.println("  " + e.getMessage());
      }
      // what the orders themselves say, to tell a slow saga from a tile that missed an order
      Map<String, Integer> statuses = new java.util.TreeMap<>();
      for (int i = 0; i < total; i++) {
        String id = pending.get(i).get().json().path("orderId").asText();
        statuses.merge(launcher.api().get("/v1/orders/" + id, tokens[i]).json().path("status").asText(), 1,
            Integer::sum);
      }
      System.out.printf("  the %d orders by status (GET /v1/orders/{id}): %s; the tiles: %d placed, %d confirmed, %d rejected%n",
          total, statuses, stream.placed.get() - placedBefore, stream.confirmed.get() - confirmedBefore,
          stream.rejected.get() - rejectedBefore);
      Histogram placed = stream.latencies(stream.placedAt, placedBefore, postedAt);
      Histogram confirmed = stream.latencies(stream.confirmedAt, confirmedBefore, postedAt);
      System.out.printf("order → live tile (%d orders at %d/s, one /v1/live stream):%n", total, rate);
      System.out.printf("  POST → tile counts it placed:    %s%n", summary(placed));
      System.out.printf("  POST → tile counts it confirmed: %s%n", summary(confirmed));
      System.out.printf("  (%d of the %d orders were rejected; the k-th confirmation is matched to the k-th POST)%n",
          stream.rejected.get() - rejectedBefore, total);
      System.out.printf("  figures pushed: %d events in %d s%n", stream.events.get(),
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin));
    } finally {
      stream.close();
    }
  }

  /**
   * A {@code /v1/live} stream read on its own thread: the running totals of placed and confirmed orders
   * over the pushed minutes, and when each total was first reached.
   */
  private static final class LiveStream implements AutoCloseable {
    final AtomicLong placed = new AtomicLong(-1);
    final AtomicLong confirmed = new AtomicLong(-1);
    final AtomicLong rejected = new AtomicLong(-1);
    final AtomicLong events = new AtomicLong();
    final Map<Long, Long> placedAt = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<Long, Long> confirmedAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final InputStream body;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LiveStream(InputStream body) {
      this.body = body;
    }

    static LiveStream open(String baseUrl, String token) throws IOException, InterruptedException {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/live"))
          .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("/v1/live answered " + response.statusCode());
      }
      LiveStream stream = new LiveStream(response.body());
      Thread.ofPlatform().daemon().name("live-stream").start(stream::read);
      return stream;
    }

    private void read() {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.startsWith("data:")) {
            onFigures(JSON.readTree(line.substring(5).trim()), System.nanoTime());
          }
        }
      } catch (IOException e) {
        if (!closed.get()) {
          System.out.println("live stream ended: " + e);
        }
      }
    }

    private void onFigures(JsonNode figures, long now) {
      long placedNow = 0;
      long confirmedNow = 0;
      long rejectedNow = 0;
      for (JsonNode minute : figures.path("minutes")) {
        placedNow += minute.path("ordersPlaced").asLong();
        confirmedNow += minute.path("ordersConfirmed").asLong();
        rejectedNow += minute.path("ordersRejected").asLong();
      }
      rejected.set(rejectedNow);
      record(placed, placedAt, placedNow, now);
      record(confirmed, confirmedAt, confirmedNow, now);
      events.incrementAndGet();
    }

    private static void record(AtomicLong total, Map<Long, Long> reachedAt, long now, long nanos) {
      long before = total.getAndSet(now);
      for (long count = Math.max(before, 0) + 1; before >= 0 && count <= now; count++) {
        reachedAt.putIfAbsent(count, nanos);
      }
    }

    void awaitFirst() throws InterruptedException {
      awaitCounts(0, 0, Duration.ofSeconds(30));
    }

    /** Waits until the tiles count {@code placedAtLeast} placed and {@code settledAtLeast} confirmed or rejected. */
    void awaitCounts(long placedAtLeast, long settledAtLeast, Duration timeout) throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (placed.get() < placedAtLeast || confirmed.get() + rejected.get() < settledAtLeast) {
        if (System.nanoTime() > end) {
          throw new IllegalStateException("the live figures reached " + placed.get() + " placed and "
              + (confirmed.get() + rejected.get()) + " settled, not " + placedAtLeast + " and " + settledAtLeast);
        }
        Thread.sleep(20);
      }
    }

    /**
     * The k-th order posted is taken to be counted when the total first reached baseline + k: orders are
     * placed one customer, one SKU each, in POST order, so the k-th count is the k-th POST give or take
     * the few in flight at once (20/s, each under 50 ms in flight).
     */
    Histogram latencies(Map<Long, Long> reachedAt, long baseline, long[] postedAt) {
      Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
      for (int k = 0; k < postedAt.length; k++) {
        Long at = reachedAt.get(baseline + k + 1);
        if (at != null) {
          histogram.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(at - postedAt[k])));
        }
      }
      return histogram;
    }

    @Override
    public void close() throws IOException {
      closed.set(true);
      body.close();
    }
  }

  // --- fact → visible in Druid SQL -------------------------------------------------------------------

  private static void visibility(BenchLauncher launcher, KafkaProducer<String, String> producer, int seconds)
      throws Exception {
    String probeTenant = "bench-probe";
    String analyst = launcher.tokens().issue("probe-analyst", probeTenant, List.of("analyst"), null, null,
        Duration.ofHours(1));
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicLong loadFacts = new AtomicLong();
    Thread load = Thread.ofPlatform().name("fact-load").start(() -> {
      // 1,000 orders a second, two lines each, for the tenant "bench-load"
      Random random = new Random(7);
      long begin = System.nanoTime();
      long order = 0;
      while (loading.get()) {
        long due = begin + order * TimeUnit.MILLISECONDS.toNanos(1);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        long now = System.currentTimeMillis();
        for (int line = 0; line < 2; line++) {
          producer.send(fact("bench-load", "load-" + order, line, now, random));
          loadFacts.incrementAndGet();
        }
        order++;
      }
    });
    Histogram visible = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    ApiClient api = launcher.api();
    long units = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int probes = 0;
    String path = "/v1/analytics/sales?granularity=hour&from="
        + URLEncoder.encode(Instant.now().minus(2, ChronoUnit.HOURS).toString(), StandardCharsets.UTF_8)
        + "&to=" + URLEncoder.encode(Instant.now().plus(2, ChronoUnit.HOURS).toString(), StandardCharsets.UTF_8);
    try {
      while (System.nanoTime() < end) {
        long quantity = 1 + probes % 3;
        ObjectNode probe = factNode(probeTenant, "probe-" + probes, 0, System.currentTimeMillis(), "vendor-probe",
            "PROBE", "probes", "USD", quantity, 100);
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(FACT_TOPIC, probeTenant + "/probe-" + probes, probe.toString()));
        producer.flush();
        long expected = units + quantity;
        while (totalUnits(api.get(path, analyst).json()) < expected) {
          if (System.nanoTime() - sent > TimeUnit.SECONDS.toNanos(30)) {
            throw new IllegalStateException("probe " + probes + " not visible in Druid after 30 s");
          }
          Thread.sleep(5);
        }
        visible.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent));
        units = expected;
        probes++;
        Thread.sleep(100);
      }
    } finally {
      loading.set(false);
      load.join();
    }
    System.out.printf("fact → visible in Druid SQL through /v1/analytics/sales (%d probes, background %d facts"
        + " = %.0f two-line orders/s):%n  %s%n", probes, loadFacts.get(),
        loadFacts.get() / 2.0 / seconds, summary(visible));
  }

  private static long totalUnits(JsonNode sales) {
    long units = 0;
    for (JsonNode point : sales.path("series")) {
      units += point.path("units").asLong();
    }
    return units;
  }

  // --- a million facts, then the sales API under 20 queries a second ---------------------------------

  private static void bulkLoad(BenchLauncher launcher, KafkaProducer<String, String> producer, int facts)
      throws Exception {
    Random random = new Random(42);
    long now = System.currentTimeMillis();
    long thirtyDays = TimeUnit.DAYS.toMillis(30);
    long quantities = 0;
    long begin = System.nanoTime();
    for (int i = 0; i < facts; i++) {
      long occurredAt = now - (long) (random.nextDouble() * thirtyDays);
      ProducerRecord<String, String> fact = fact(BenchLauncher.TENANT, "bulk-" + i / 2, i % 2, occurredAt, random);
      quantities += JSON.readTree(fact.value()).path("quantity").asLong();
      producer.send(fact);
    }
    producer.flush();
    long produced = System.nanoTime();
    String analyst = launcher.token("bench-analyst", "analyst");
    String path = "/v1/analytics/sales?granularity=day&from="
        + URLEncoder.encode(Instant.ofEpochMilli(now - thirtyDays - TimeUnit.DAYS.toMillis(1)).toString(), StandardCharsets.UTF_8)
        + "&to=" + URLEncoder.encode(Instant.ofEpochMilli(now + TimeUnit.DAYS.toMillis(1)).toString(), StandardCharsets.UTF_8);
    long seen = 0;
    while (seen < quantities) {
      try {
        seen = totalUnits(launcher.api().get(path, analyst).json());
      } catch (java.io.UncheckedIOException timedOut) {
        // Druid busy ingesting may answer a 30-day query slowly: ask again
      }
      if (System.nanoTime() - produced > TimeUnit.MINUTES.toNanos(15)) {
        throw new IllegalStateException("Druid counted " + seen + " of " + quantities + " units after 15 minutes");
      }
      if (seen < quantities) {
        Thread.sleep(1000);
      }
    }
    long ingested = System.nanoTime();
    System.out.printf("bulk load: %,d facts produced in %.1f s; all counted by Druid %.1f s later (%.0f facts/s end to end)%n",
        facts, (produced - begin) / 1e9, (ingested - produced) / 1e9, facts / ((ingested - begin) / 1e9));
  }

  private static void salesQueries(BenchLauncher launcher, int seconds) {
    String analyst = launcher.token("bench-analyst", "analyst");
    AsyncApi async = new AsyncApi(launcher.baseUrl());
    Instant now = Instant.now();
    List<String> queries = List.of(
        sales("day", now.minus(30, ChronoUnit.DAYS), now, null),
        sales("day", now.minus(30, ChronoUnit.DAYS), now, "vendor"),
        sales("day", now.minus(30, ChronoUnit.DAYS), now, "category"),
        sales("hour", now.minus(7, ChronoUnit.DAYS), now, "currency"),
        sales("hour", now.minus(1, ChronoUnit.DAYS), now, "sku"),
        sales("minute", now.minus(1, ChronoUnit.HOURS), now, null));
    AtomicLong count = new AtomicLong();
    Map<String, AtomicLong> outcomes = new java.util.concurrent.ConcurrentSkipListMap<>();
    OpenLoop.Result result = OpenLoop.run(20, Duration.ofSeconds(seconds), scheduled -> {
      String path = queries.get((int) (count.getAndIncrement() % queries.size()));
      return async.get(path, analyst).whenComplete((response, error) -> outcomes
          .computeIfAbsent(error != null ? error.getClass().getSimpleName() : Integer.toString(response.status()),
              outcome -> new AtomicLong()).incrementAndGet())
          .thenApply(response -> {
        if (response.status() != 200) {
          throw new IllegalStateException(path + " answered " + response.status());
        }
        return response;
      });
    });
    Histogram latency = result.latencyMicros();
    System.out.printf("/v1/analytics/sales at 20 queries/s for %d s over the bulk facts (6 query shapes in turn):%n"
        + "  %s, p95 %.1f ms%n  answers by status (or client error): %s%n", seconds, result.summary(),
        latency.getValueAtPercentile(95) / 1000.0, outcomes);
  }

  private static String sales(String granularity, Instant from, Instant to, String groupBy) {
    return "/v1/analytics/sales?granularity=" + granularity
        + "&from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8)
        + "&to=" + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8)
        + (groupBy == null ? "" : "&groupBy=" + groupBy);
  }

  // --- facts ------------------------------------------------------------------------------------------

  private static ProducerRecord<String, String> fact(String tenant, String orderId, int line, long occurredAt,
      Random random) {
    int sku = random.nextInt(2_000);
    ObjectNode fact = factNode(tenant, orderId, line, occurredAt, "vendor-" + sku % 40, "SKU-" + sku,
        "category-" + sku % 25, CURRENCIES[random.nextInt(CURRENCIES.length)], 1 + random.nextInt(4),
        500 + random.nextInt(20_000));
    return new ProducerRecord<>(FACT_TOPIC, tenant + "/" + orderId, fact.toString());
  }

  private static ObjectNode factNode(String tenant, String orderId, int line, long occurredAt, String vendor, String sku,
      String category, String currency, long quantity, long unitPrice) {
    ObjectNode fact = JSON.createObjectNode();
    fact.put("occurredAt", occurredAt);
    fact.put("factId", "bench:" + orderId + ":" + sku + ":" + line);
    fact.put("tenantId", tenant);
    fact.put("event", "CONFIRMED");
    fact.put("orderId", orderId);
    fact.put("customerId", "customer-" + Math.abs(orderId.hashCode() % 5_000));
    fact.put("vendorId", vendor);
    fact.put("sku", sku);
    fact.put("category", category);
    fact.put("categoryPath", category);
    fact.put("currency", currency);
    fact.put("quantity", quantity);
    fact.put("unitPrice", unitPrice);
    fact.put("amount", quantity * unitPrice);
    fact.put("lines", 1);
    fact.put("orderCount", line == 0 ? 1 : 0);
    fact.put("vendorOrderCount", 1);
    fact.put("categoryOrderCount", 1);
    fact.put("confirmLatencyMillis", 20);
    return fact;
  }

  private static KafkaProducer<String, String> producer(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static String summary(Histogram micros) {
    return String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (n=%d)",
        micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(95) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0, micros.getTotalCount());
  }
}
