package io.fusioncommerce.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** Non-blocking HTTP for load generation: thousands of requests in flight on a few threads. */
final class AsyncApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .executor(Executors.newFixedThreadPool(4, AsyncApi::daemon)).build();
  private final String baseUrl;

  AsyncApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  record Response(int status, JsonNode json) {}

  /** The client's threads must not keep a finished benchmark's JVM alive. */
  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "bench-http");
    thread.setDaemon(true);
    return thread;
  }

  CompletableFuture<Response> post(String path, String token, String body) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), token);
  }

  CompletableFuture<Response> put(String path, String token, String body) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)), token);
  }

  CompletableFuture<Response> get(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), token);
  }

  private CompletableFuture<Response> send(HttpRequest.Builder request, String token) {
    request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
      try {
        byte[] body = response.body();
        return new Response(response.statusCode(), body.length == 0 ? null : JSON.readTree(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Places an order and follows it (long-polling on its version) until it left CREATED. Completes
   * with the final order, or exceptionally if the POST was refused or it never settled.
   */
  CompletableFuture<JsonNode> placeAndSettle(String token, String body, CompletableFuture<Long> acceptedAtNanos) {
    return post("/v1/orders", token, body).thenCompose(accepted -> {
      if (accepted.status() != 202) {
        acceptedAtNanos.completeExceptionally(new IllegalStateException("POST answered " + accepted.status()));
        return CompletableFuture.failedFuture(new IllegalStateException("POST answered " + accepted.status() + " " + accepted.json()));
      }
      acceptedAtNanos.complete(System.nanoTime());
      return follow(token, accepted.json().path("orderId").asText(), 0);
    });
  }

  /** Long-polls the order until it is no longer CREATED (one request in the common case). */
  CompletableFuture<JsonNode> follow(String token, String orderId, int attempt) {
    if (attempt > 20) {
      return CompletableFuture.failedFuture(new IllegalStateException("order " + orderId + " never settled"));
    }
    return get("/v1/orders/" + orderId + "?waitMs=5000&status=CREATED", token).thenCompose(response -> {
      JsonNode order = response.json();
      String status = order == null ? "" : order.path("status").asText();
      if (response.status() == 200 && !status.isEmpty() && !"CREATED".equals(status)) {
        return CompletableFuture.completedFuture(order);
      }
      return follow(token, orderId, attempt + 1);
    });
  }
}
