package io.fusioncommerce.connectors.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for a carrier's label API, in the shape HttpLabelCarrier speaks: bearer auth,
 * {@code POST /v1/rates} answering the configured services, {@code POST /v1/labels} selling one label
 * per Idempotency-Key. Loopback only, on a free port.
 */
final class StandInCarrier implements AutoCloseable {

  static final String API_KEY = "sk_test_carrier";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Long> services;
  private final Map<String, String> labelsByKey = new ConcurrentHashMap<>();
  private final AtomicInteger sold = new AtomicInteger();
  final List<JsonNode> rateRequests = new CopyOnWriteArrayList<>();

  /** @param services service name to price in minor units */
  StandInCarrier(Map<String, Long> services) throws IOException {
    this.services = services;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/rates", this::rates);
    server.createContext("/v1/labels", this::labels);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int labelsSold() {
    return sold.get();
  }

  private void rates(HttpExchange exchange) throws IOException {
    if (!authorized(exchange)) {
      return;
    }
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    rateRequests.add(request);
    var rates = JSON.createArrayNode();
    services.forEach((service, amount) -> rates.addObject().put("id", "rate_" + service)
        .put("service", service).put("amount", amount).put("currency", request.path("currency").asText()));
    respond(exchange, 200, JSON.createObjectNode().set("rates", rates).toString());
  }

  private void labels(HttpExchange exchange) throws IOException {
    if (!authorized(exchange)) {
      return;
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key == null) {
      respond(exchange, 400, "{\"error\":\"Idempotency-Key required\"}");
      return;
    }
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    String service = request.path("rateId").asText().replaceFirst("^rate_", "");
    String body = labelsByKey.computeIfAbsent(key, k -> JSON.createObjectNode()
        .put("trackingNumber", "PA" + String.format("%010d", sold.incrementAndGet()))
        .put("service", service).put("amount", services.getOrDefault(service, 0L))
        .put("currency", "USD").toString());
    respond(exchange, 200, body);
  }

  private static boolean authorized(HttpExchange exchange) throws IOException {
    if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      respond(exchange, 401, "{\"error\":\"bad api key\"}");
      return false;
    }
    return true;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
