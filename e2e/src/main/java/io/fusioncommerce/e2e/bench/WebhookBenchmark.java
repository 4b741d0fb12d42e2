package io.fusioncommerce.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fusioncommerce.connectors.webhooks.WebhookSignature;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * What the platform's outbound side keeps up with, over HTTP against the launcher run as its own process:
 * webhook delivery lag (the event's {@code occurredAt} → the signed POST received by a local receiver, both
 * clocks this machine's) and confirmation mails sent per second through the embedded SMTP server, both under
 * a steady order load whose orders carry an e-mail address.
 *
 * <p>Run: {@code e2e/run-benchmark outbound [seconds] [orders-per-second]}
 */
public final class WebhookBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CUSTOMERS = 500;
  /** Wide: a saturated run delivers events many seconds after they were signed; the check is the HMAC. */
  private static final Duration SIGNATURE_TOLERANCE = Duration.ofMinutes(10);

  public static void main(String[] args) throws Exception {
    int seconds = BenchLauncher.argument(args, 0, 30);
    int rate = BenchLauncher.argument(args, 1, 100);
    ConcurrentHistogram lagMicros = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);
    AtomicLong badSignatures = new AtomicLong();
    AtomicLong received = new AtomicLong();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    String[] secret = new String[1];
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Instant at = Instant.now();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
      if (secret[0] == null || !WebhookSignature.verify(secret[0], signature, new String(body, StandardCharsets.UTF_8),
          at, SIGNATURE_TOLERANCE)) {
        badSignatures.incrementAndGet();
        return;
      }
      JsonNode event = JSON.readTree(body);
      Instant occurred = Instant.parse(event.path("occurredAt").asText());
      lagMicros.recordValue(Math.max(0, Duration.between(occurred, at).toNanos() / 1000));
      received.incrementAndGet();
    });
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.start();
    try (BenchLauncher launcher = BenchLauncher.start("outbound-bench")) {
      String admin = launcher.admin();
      OrderBenchmark.seed(launcher, admin);
      JsonNode subscription = launcher.api().post("/v1/webhooks/subscriptions", admin,
          "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"events\":[\"order.confirmed\"]}")
          .json();
      secret[0] = subscription.path("secret").asText();
      List<String> customers = OrderBenchmark.customerIds(CUSTOMERS);
      List<String> tokens = customers.stream().map(id -> launcher.token(id, "customer")).toList();
      AsyncApi async = new AsyncApi(launcher.baseUrl());
      ConcurrentLinkedQueue<String> confirmed = new ConcurrentLinkedQueue<>();
      java.util.function.Supplier<String> items = () -> "{\"sku\":\"SKU-"
          + java.util.concurrent.ThreadLocalRandom.current().nextInt(200) + "\",\"quantity\":1}";
      String email = ",\"email\":\"buyer@bench.example\"";
      System.out.printf("warm-up: %d orders/s for 10 s%n", rate);
      OrderBenchmark.orders(async, customers, tokens, rate, Duration.ofSeconds(10), confirmed, items, email);
      awaitDeliveries(received, confirmed.size());
      lagMicros.reset();
      long receivedBefore = received.get();
      int confirmedBefore = confirmed.size();
      long mailsBefore = mails(launcher, admin);
      long begin = System.nanoTime();
      System.out.printf("%nmeasured: %d orders/s for %d s, each confirmation a webhook and a mail%n", rate, seconds);
      OrderBenchmark.orders(async, customers, tokens, rate, Duration.ofSeconds(seconds), confirmed, items, email);
      int expected = confirmed.size() - confirmedBefore;
      awaitDeliveries(received, receivedBefore + expected);
      long mails = awaitMails(launcher, admin, mailsBefore + expected) - mailsBefore;
      double elapsed = (System.nanoTime() - begin) / 1e9;
      System.out.printf("  webhook delivery lag (occurredAt → received): p50 %.1f ms, p99 %.1f ms, max %.1f ms "
              + "(%d deliveries, %d bad signatures)%n", lagMicros.getValueAtPercentile(50) / 1000.0,
          lagMicros.getValueAtPercentile(99) / 1000.0, lagMicros.getMaxValue() / 1000.0,
          received.get() - receivedBefore, badSignatures.get());
      System.out.printf("  confirmation mails: %d of %d sent in %.1f s from the phase's start (%.0f mails/s)%n",
          mails, expected, elapsed, mails / elapsed);
    } finally {
      receiver.stop(0);
    }
    System.exit(0);
  }

  private static void awaitDeliveries(AtomicLong received, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (received.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static long awaitMails(BenchLauncher launcher, String admin, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    long count;
    while ((count = mails(launcher, admin)) < expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    return count;
  }

  /** The mails the tenant's ledger lists for the benchmark's address, paging through the list. */
  private static long mails(BenchLauncher launcher, String admin) {
    long count = 0;
    String cursor = null;
    do {
      JsonNode page = launcher.api().get("/v1/notifications?recipient=buyer@bench.example&limit=500"
          + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)), admin).json();
      count += page.path("items").size();
      cursor = page.path("next").isTextual() ? page.path("next").asText() : null;
    } while (cursor != null);
    return count;
  }

  private WebhookBenchmark() {}
}
