package io.fusioncommerce.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * How far the Postgres order list trails the orders themselves, under a modest load, against the
 * launcher run as its own process: orders placed over HTTP at a fixed rate (one in five then
 * cancelled), each followed through {@code GET /v1/orders/{id}} (the state store) until its status
 * changed, while a watcher polls {@code GET /v1/orders} and notes when each (order, status) first
 * appears there.
 *
 * <p>Two figures per status: the client's view, from the status change showing through the state
 * store to the same status showing in the list (resolution: the watcher's poll interval plus one list
 * request); and the server's, from the time of the record that caused the change (the order's
 * {@code updated_at}, about when the ingress accepted the command) to the sink writing the row
 * ({@code synced_at}), read from the table afterwards.
 *
 * <p>Run: {@code e2e/run-benchmark orders-read-model [orders-per-second] [seconds]}
 */
public final class OrderReadModelBenchmark {

  private static final int CUSTOMERS = 500;
  private static final double CANCELLED_SHARE = 0.2;
  private static final long POLL_INTERVAL_MS = 10;
  private static final int POLL_LIMIT = 100;

  public static void main(String[] args) throws Exception {
    int rate = BenchLauncher.argument(args, 0, 50);
    int seconds = BenchLauncher.argument(args, 1, 60);
    try (BenchLauncher launcher = BenchLauncher.start("read-model-bench")) {
      String admin = launcher.admin();
      OrderBenchmark.seed(launcher, admin);
      List<String> customerTokens = new ArrayList<>();
      for (int i = 0; i < CUSTOMERS; i++) {
        customerTokens.add(launcher.token("customer-" + i, "customer"));
      }
      AsyncApi async = new AsyncApi(launcher.baseUrl());
      ListWatcher watcher = new ListWatcher(launcher.baseUrl(), admin);
      Thread watching = Thread.ofPlatform().name("list-watcher").daemon().start(watcher);

      System.out.printf("warm-up: %d orders/s for 10 s%n", rate);
      run(async, customerTokens, rate, Duration.ofSeconds(10), new Observed());

      System.out.printf("%nmeasured: %d orders/s for %d s, %.0f%% of them cancelled once confirmed%n", rate, seconds,
          CANCELLED_SHARE * 100);
      Observed observed = new Observed();
      OpenLoop.Result placed = run(async, customerTokens, rate, Duration.ofSeconds(seconds), observed);
      System.out.println("  POST -> CONFIRMED (state store):  " + placed.summary());

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!watcher.sawAll(observed) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      watcher.stop();
      watching.join(5_000);

      report("CONFIRMED", observed.confirmedOnly(), watcher);
      report("CANCELLED", observed.cancelled, watcher);
      System.out.println("  watcher: " + watcher.polls.get() + " polls of GET /v1/orders?limit=" + POLL_LIMIT + " every "
          + POLL_INTERVAL_MS + " ms; request " + millis(watcher.requestMicros));

      System.out.println("\nserver side: the causing record's time (updated_at) -> the sink wrote the row (synced_at)");
      serverSide(launcher.process().banner("Postgres"), observed);
    }
  }

  /** When each order's status change showed through the state store (System.nanoTime), by order id. */
  static final class Observed {
    final Map<String, Long> confirmed = new ConcurrentHashMap<>();
    final Map<String, Long> cancelled = new ConcurrentHashMap<>();

    /** The confirmed orders that stayed confirmed (a cancelled one's CONFIRMED row may be overwritten unseen). */
    Map<String, Long> confirmedOnly() {
      Map<String, Long> only = new ConcurrentHashMap<>(confirmed);
      only.keySet().removeAll(cancelled.keySet());
      return only;
    }
  }

  static OpenLoop.Result run(AsyncApi async, List<String> tokens, int rate, Duration duration, Observed observed) {
    return OpenLoop.run(rate, duration, scheduled -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      int customer = random.nextInt(tokens.size());
      String token = tokens.get(customer);
      String body = "{\"customerId\":\"customer-" + customer + "\",\"currency\":\"USD\",\"items\":[{\"sku\":\"SKU-"
          + random.nextInt(200) + "\",\"quantity\":1}]}";
      boolean cancel = random.nextDouble() < CANCELLED_SHARE;
      return async.placeAndSettle(token, body, new CompletableFuture<>()).thenCompose(order -> {
        String id = order.path("orderId").asText();
        if (!"CONFIRMED".equals(order.path("status").asText())) {
          return CompletableFuture.completedFuture(order);
        }
        observed.confirmed.put(id, System.nanoTime());
        if (!cancel) {
          return CompletableFuture.completedFuture(order);
        }
        return async.post("/v1/orders/" + id + "/cancel", token, "{}")
            .thenCompose(accepted -> untilNot(async, token, id, "CONFIRMED", 0))
            .thenApply(cancelled -> {
              if ("CANCELLED".equals(cancelled.path("status").asText())) {
                observed.cancelled.put(id, System.nanoTime());
              }
              return cancelled;
            });
      });
    });
  }

  /** Long-polls the order until its status is no longer {@code status}. */
  private static CompletableFuture<JsonNode> untilNot(AsyncApi async, String token, String id, String status, int attempt) {
    if (attempt > 20) {
      return CompletableFuture.failedFuture(new IllegalStateException("order " + id + " stayed " + status));
    }
    return async.get("/v1/orders/" + id + "?waitMs=5000&status=" + status, token).thenCompose(response -> {
      String now = response.json() == null ? "" : response.json().path("status").asText();
      if (response.status() == 200 && !now.isEmpty() && !status.equals(now)) {
        return CompletableFuture.completedFuture(response.json());
      }
      return untilNot(async, token, id, status, attempt + 1);
    });
  }

  private static void report(String status, Map<String, Long> changedAt, ListWatcher watcher) {
    Histogram lag = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
    long missing = 0;
    long early = 0;
    for (Map.Entry<String, Long> change : changedAt.entrySet()) {
      Long listed = watcher.firstSeen.get(change.getKey() + "/" + status);
      if (listed == null) {
        missing++;
      } else if (listed < change.getValue()) {
        early++; // the list showed it before the long-poll's answer arrived
        lag.recordValue(0);
      } else {
        lag.recordValue((listed - change.getValue()) / 1000);
      }
    }
    System.out.printf("  state store -> list, %s: %s over %d orders (%d seen in the list first, %d never seen)%n",
        status, millis(lag), lag.getTotalCount(), early, missing);
  }

  private static String millis(Histogram micros) {
    return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(90) / 1000.0, micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
  }

  private static void serverSide(String jdbcUrl, Observed observed) throws Exception {
    try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
        var query = db.prepareStatement("select status, count(*), percentile_cont(array[0.5, 0.9, 0.99]) within group"
            + " (order by extract(epoch from synced_at - updated_at) * 1000), max(extract(epoch from synced_at - updated_at)"
            + " * 1000) from orders.order_list where tenant_id = 'bench' and order_id = any(?) and status in"
            + " ('CONFIRMED', 'CANCELLED') group by status order by status desc")) {
      List<String> ids = new ArrayList<>(observed.confirmed.keySet());
      query.setArray(1, db.createArrayOf("text", ids.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Double[] p = (Double[]) rows.getArray(3).getArray();
          System.out.printf("  %s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms over %d rows%n", rows.getString(1),
              p[0], p[1], p[2], rows.getDouble(4), rows.getLong(2));
        }
      }
    }
  }

  /** Polls the list back to back (every few ms) and notes when each (order, status) first shows. */
  static final class ListWatcher implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    final ConcurrentHistogram requestMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    final AtomicLong polls = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpRequest request;

    ListWatcher(String baseUrl, String token) {
      // newest first: every order changes status moments after it was created, so it is near the top
      request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/orders?status=CONFIRMED,CANCELLED&limit=" + POLL_LIMIT))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
    }

    @Override
    public void run() {
      while (running.get()) {
        long begin = System.nanoTime();
        try {
          HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
          long answered = System.nanoTime();
          requestMicros.recordValue((answered - begin) / 1000);
          polls.incrementAndGet();
          if (response.statusCode() == 200) {
            for (JsonNode item : JSON.readTree(response.body()).path("items")) {
              firstSeen.putIfAbsent(item.path("orderId").asText() + "/" + item.path("status").asText(), answered);
            }
          }
          long pause = TimeUnit.MILLISECONDS.toNanos(POLL_INTERVAL_MS) - (System.nanoTime() - begin);
          if (pause > 0) {
            TimeUnit.NANOSECONDS.sleep(pause);
          }
        } catch (IOException e) {
          // a failed poll is a gap in the figures, not the end of the run
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    boolean sawAll(Observed observed) {
      return seen(observed.confirmedOnly().keySet(), "CONFIRMED") && seen(observed.cancelled.keySet(), "CANCELLED");
    }

    private boolean seen(Set<String> ids, String status) {
      return ids.stream().allMatch(id -> firstSeen.containsKey(id + "/" + status));
    }

    void stop() {
      running.set(false);
    }
  }

}
