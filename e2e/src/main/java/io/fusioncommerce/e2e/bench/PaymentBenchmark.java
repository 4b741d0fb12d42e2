package io.fusioncommerce.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Payments with the sandbox provider, against the launcher run as its own process: how long after
 * an order is placed its payment intent shows on the order (saga + payment topology + worker + back),
 * and how long from POST /confirm (pm_card_visa) to the order being PAID (payment topology → worker →
 * payment topology → order topology). A few buyers in closed loops, each following its order with
 * long-polls, so the figures are latencies at low load, not a throughput limit.
 *
 * <p>Run: {@code e2e/run-benchmark payments [seconds] [buyers]}
 */
public final class PaymentBenchmark {

  public static void main(String[] args) throws Exception {
    int seconds = BenchLauncher.argument(args, 0, 60);
    int buyers = BenchLauncher.argument(args, 1, 4);
    try (BenchLauncher launcher = BenchLauncher.start("payment-bench")) {
      seedPayable(launcher, launcher.admin());
      ApiClient api = launcher.api();
      DevTokenIssuer tokens = launcher.tokens();

      System.out.println("warm-up: 20 s");
      run(api, tokens, buyers, Duration.ofSeconds(20));
      System.out.printf("%nmeasured: %d buyers for %d s%n", buyers, seconds);
      Result result = run(api, tokens, buyers, Duration.ofSeconds(seconds));
      System.out.printf("  payments: %d (%.1f/s)%n", result.count(), result.count() / (double) seconds);
      System.out.println("  POST order -> payment intent on the order: " + summary(result.intent()));
      System.out.println("  POST confirm -> order PAID:                " + summary(result.paid()));
      System.out.println("  POST confirm -> shipping label created:    " + summary(result.labelled()));
      labelRendering(Duration.ofSeconds(10));
    }
  }

  /** The product the buyers order, "PAY", with stock that never runs out. */
  static void seedPayable(BenchLauncher launcher, String admin) {
    launcher.seed(catalog -> catalog.product(BenchLauncher.TENANT, "PAY", 1999, "USD", "v1"));
    launcher.setStock("PAY", 1_000_000_000, admin);
    OrderBenchmark.scoreWithoutHolding(launcher.api(), admin);
  }

  record Result(long count, ConcurrentHistogram intent, ConcurrentHistogram paid, ConcurrentHistogram labelled) {}

  /** The label worker's CPU-bound step alone: 4x6 PDFs with a barcode rendered back to back on one thread. */
  static void labelRendering(Duration duration) {
    var renderer = new io.fusioncommerce.connectors.shipping.LabelRenderer();
    var from = new io.fusioncommerce.connectors.shipping.PostalAddress("Vendor v1", "1 Dock Road", null, "Springfield",
        "IL", "62701", "US");
    var to = new io.fusioncommerce.connectors.shipping.PostalAddress("Buyer", "2 Main Street", "Apt 3", "Portland",
        "OR", "97201", "US");
    long bytes = 0;
    int rendered = 0;
    long begin = System.nanoTime();
    long end = begin + duration.toNanos();
    while (System.nanoTime() < end) {
      bytes += renderer.render(new io.fusioncommerce.connectors.shipping.LabelContent("local-courier", "standard",
          "LC" + (100000000L + rendered), from, to, "order-" + rendered, "shipment-" + rendered, 1, 500)).length;
      rendered++;
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    System.out.printf("  label PDFs rendered on one thread: %d in %.1f s = %.0f labels/s (%d bytes each)%n",
        rendered, seconds, rendered / seconds, rendered == 0 ? 0 : bytes / rendered);
  }

  static Result run(ApiClient api, DevTokenIssuer tokens, int buyers, Duration duration) throws InterruptedException {
    ConcurrentHistogram intent = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    ConcurrentHistogram paid = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    ConcurrentHistogram labelled = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int b = 0; b < buyers; b++) {
      threads.add(Thread.ofVirtual().start(() -> {
        while (System.nanoTime() < end) {
          // a new customer per journey: one customer buying the same SKU over and over would stop at the
          // tenant's per-customer stock limit (20 a day by default)
          String customer = "buyer-" + java.util.UUID.randomUUID();
          String token = tokens.issue(customer, "bench", List.of("customer"), null, null, Duration.ofHours(2));
          long placed = System.nanoTime();
          ApiClient.Response accepted = api.post("/v1/orders", token, "{\"customerId\":\"" + customer
              + "\",\"currency\":\"USD\",\"items\":[{\"sku\":\"PAY\",\"quantity\":1}],\"shippingAddress\":{\"name\":\"Buyer\","
              + "\"line1\":\"2 Main Street\",\"city\":\"Portland\",\"postalCode\":\"97201\",\"country\":\"US\"}}");
          require(accepted.status() == 202, "order refused: " + accepted.text());
          String orderId = accepted.json().path("orderId").asText();
          JsonNode order = await(api, orderId, token,
              o -> "REQUIRES_PAYMENT_METHOD".equals(o.path("payment").path("status").asText()));
          intent.recordValue((System.nanoTime() - placed) / 1000);
          long confirmed = System.nanoTime();
          ApiClient.Response confirm = api.post("/v1/payments/" + order.path("payment").path("paymentId").asText()
              + "/confirm", token, "{\"paymentMethod\":\"pm_card_visa\"}");
          require(confirm.status() == 202, "confirm refused: " + confirm.text());
          await(api, orderId, token, o -> "PAID".equals(o.path("status").asText()));
          paid.recordValue((System.nanoTime() - confirmed) / 1000);
          await(api, orderId, token, o -> o.path("shipments").size() > 0
              && o.path("shipments").findValues("labelUrl").stream().allMatch(u -> u.isTextual() && !u.asText().isEmpty()));
          labelled.recordValue((System.nanoTime() - confirmed) / 1000);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new Result(paid.getTotalCount(), intent, paid, labelled);
  }

  private static JsonNode await(ApiClient api, String orderId, String token, Predicate<JsonNode> until) {
    JsonNode order = api.get("/v1/orders/" + orderId, token).json();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((order == null || !order.has("orderId") || !until.test(order)) && System.nanoTime() < deadline) {
      long version = order == null ? 0 : order.path("version").asLong(0);
      order = api.get("/v1/orders/" + orderId + "?waitMs=5000&version=" + version, token).json();
    }
    require(order != null && until.test(order), "order " + orderId + " did not get there: " + order);
    return order;
  }

  private static String summary(ConcurrentHistogram h) {
    return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

}
