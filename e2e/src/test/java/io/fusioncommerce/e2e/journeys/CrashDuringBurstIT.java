package io.fusioncommerce.e2e.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.fixtures.CatalogSeed;
import io.fusioncommerce.e2e.launcher.LauncherProcess;
import io.fusioncommerce.e2e.platform.OwnPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a burst of orders, then a restart on the same data dir: every accepted
 * order reaches a final status exactly once, clients that got no answer retry with their
 * Idempotency-Key and get one order, and the stock adds up.
 */
@OwnPlatform // the launcher runs as its own process here, and is killed
class CrashDuringBurstIT {

  private static final int UNITS = 300;
  private static final int ORDERS = 600;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyAcceptedOrderSettlesOnceAndTheStockAddsUpAfterACrash() throws Exception {
    Path data = dir.resolve("data");
    Map<String, String> acceptedByKey = new ConcurrentHashMap<>();
    // 600 orders at once from one customer, then 600 retries back to back: far past a customer's rate limit
    // on purpose, since this test is about the crash, not the limiter (RateLimitHttpTest covers that)
    try (LauncherProcess launcher = LauncherProcess.start(data, Duration.ofSeconds(120),
        LauncherProcess.LOAD_TEST_RATE_LIMITS)) {
      ApiClient api = new ApiClient(launcher.baseUrl());
      String admin = api.token("acme", "admin-1", "admin");
      try (CatalogSeed catalog = new CatalogSeed(launcher.banner("Kafka"), launcher.banner("Schema registry"))) {
        catalog.product("acme", "BURST", 1000, "USD", "v-burst");
      }
      api.put("/v1/inventory/BURST", admin, "{\"available\":" + UNITS + "}");
      api.get("/v1/inventory/BURST?waitMs=10000&version=0", admin);
      // staff places the burst for 600 customers: one customer would stop at the per-customer stock limit
      String buyer = admin;

      HttpClient http = HttpClient.newHttpClient();
      CountDownLatch halfway = new CountDownLatch(ORDERS / 3);
      for (int i = 0; i < ORDERS; i++) {
        String key = "burst-" + i;
        http.sendAsync(order(launcher.baseUrl(), buyer, key), HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
          if (r.statusCode() == 202) {
            acceptedByKey.put(key, orderId(r.body()));
            halfway.countDown();
          }
        });
      }
      halfway.await();
      launcher.kill();
    }
    assertThat(acceptedByKey).isNotEmpty();

    try (LauncherProcess restarted = LauncherProcess.start(data, Duration.ofSeconds(120),
        LauncherProcess.LOAD_TEST_RATE_LIMITS)) {
      ApiClient api = new ApiClient(restarted.baseUrl());
      String admin = api.token("acme", "admin-1", "admin");
      String buyer = admin;
      // clients that never got an answer retry with the same key
      HttpClient http = HttpClient.newHttpClient();
      Map<String, String> all = new ConcurrentHashMap<>(acceptedByKey);
      for (int i = 0; i < ORDERS; i++) {
        String key = "burst-" + i;
        HttpResponse<String> retry = http.send(order(restarted.baseUrl(), buyer, key), HttpResponse.BodyHandlers.ofString());
        assertThat(retry.statusCode()).isEqualTo(202);
        String id = orderId(retry.body());
        if (acceptedByKey.containsKey(key)) {
          assertThat(id).as("a retry of an accepted order is the same order").isEqualTo(acceptedByKey.get(key));
        }
        all.put(key, id);
      }

      int confirmed = 0;
      for (String id : all.values()) {
        JsonNode order = settle(api, id, buyer);
        assertThat(order.path("status").asText()).as("order %s", id).isIn("CONFIRMED", "REJECTED");
        if ("CONFIRMED".equals(order.path("status").asText())) {
          confirmed++;
        }
        List<String> settledTransitions = new ArrayList<>();
        for (JsonNode entry : api.get("/v1/orders/" + id + "/history", buyer).json().path("items")) {
          if ("StatusChanged".equals(entry.path("type").asText()) && !"CREATED".equals(entry.path("status").asText())) {
            settledTransitions.add(entry.path("status").asText());
          }
        }
        assertThat(settledTransitions).as("order %s settles exactly once", id).hasSize(1);
      }
      assertThat(all.values()).doesNotHaveDuplicates().hasSize(ORDERS);
      assertThat(confirmed).isEqualTo(UNITS);
      JsonNode stock = api.get("/v1/inventory/BURST", admin).json();
      assertThat(stock.path("available").asLong()).isZero();
      assertThat(stock.path("reserved").asLong()).isEqualTo(confirmed);
    }
  }

  private static HttpRequest order(String base, String token, String key) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/orders"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"customerId\":\"buyer-" + key + "\",\"currency\":\"USD\",\"items\":[{\"sku\":\"BURST\",\"quantity\":1}]}"))
        .build();
  }

  private static String orderId(String body) {
    try {
      return JSON.readTree(body).path("orderId").asText();
    } catch (Exception e) {
      throw new IllegalStateException(body, e);
    }
  }

  private static JsonNode settle(ApiClient api, String id, String token) {
    JsonNode order = api.get("/v1/orders/" + id + "?waitMs=10000&status=CREATED", token).json();
    for (int attempt = 0; attempt < 10 && (order == null || !order.has("status") || "CREATED".equals(order.path("status").asText())); attempt++) {
      order = api.get("/v1/orders/" + id + "?waitMs=10000&status=CREATED", token).json();
    }
    return order;
  }
}
