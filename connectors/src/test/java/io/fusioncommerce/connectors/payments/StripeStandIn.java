package io.fusioncommerce.connectors.payments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the part of Stripe's API the payment worker uses, answering with Stripe-shaped
 * JSON: POST /v1/payment_intents, POST /v1/payment_intents/{id}/confirm, POST /v1/refunds. It honours
 * Idempotency-Key the way Stripe does (the same key replays the first answer), follows the test-card
 * semantics, and records every request so tests can check what the SDK sent.
 */
final class StripeStandIn implements AutoCloseable {

  /** One request as it arrived. */
  record Seen(String method, String path, String idempotencyKey, String authorization, Map<String, String> form) {}

  private record Answer(int status, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  final List<Seen> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Answer> byIdempotencyKey = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> intents = new ConcurrentHashMap<>();
  private final Map<String, Long> refunded = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  /** The next this-many requests answer 500 (Stripe having trouble). */
  final AtomicInteger failNext = new AtomicInteger();

  StripeStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    Seen seen = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), key,
        exchange.getRequestHeaders().getFirst("Authorization"), form(body));
    requests.add(seen);
    Answer answer;
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      answer = error(500, "api_error", null, "Something went wrong on Stripe's end.");
    } else if (key != null && byIdempotencyKey.containsKey(key)) {
      answer = byIdempotencyKey.get(key);
    } else {
      answer = route(seen);
      if (key != null) {
        byIdempotencyKey.put(key, answer);
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Request-Id", "req_" + ids.incrementAndGet());
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private Answer route(Seen seen) {
    String path = seen.path();
    if (path.equals("/v1/payment_intents")) {
      String id = "pi_standin_" + ids.incrementAndGet();
      Map<String, Object> intent = new LinkedHashMap<>();
      intent.put("id", id);
      intent.put("object", "payment_intent");
      intent.put("amount", Long.parseLong(seen.form().get("amount")));
      intent.put("currency", seen.form().get("currency"));
      intent.put("status", "requires_payment_method");
      intent.put("client_secret", id + "_secret_standin");
      intent.put("metadata", metadata(seen.form()));
      intents.put(id, intent);
      return ok(intent);
    }
    if (path.startsWith("/v1/payment_intents/") && path.endsWith("/confirm")) {
      String id = path.substring("/v1/payment_intents/".length(), path.length() - "/confirm".length());
      Map<String, Object> intent = intents.get(id);
      if (intent == null) {
        return error(404, "invalid_request_error", "resource_missing", "No such payment_intent: '" + id + "'");
      }
      String method = seen.form().getOrDefault("payment_method", (String) intent.get("payment_method"));
      intent.put("payment_method", method);
      boolean actionDone = "requires_action".equals(intent.get("status")) && !seen.form().containsKey("payment_method");
      switch (method == null ? "" : method) {
        case "pm_card_chargeDeclined" -> {
          intent.put("status", "requires_payment_method");
          return cardDeclined(intent);
        }
        case "pm_card_authenticationRequired" -> intent.put("status", actionDone ? "succeeded" : "requires_action");
        default -> intent.put("status", "succeeded");
      }
      return ok(intent);
    }
    if (path.equals("/v1/refunds")) {
      String intentId = seen.form().get("payment_intent");
      Map<String, Object> intent = intents.get(intentId);
      long amount = Long.parseLong(seen.form().get("amount"));
      if (intent == null || !"succeeded".equals(intent.get("status"))) {
        return error(400, "invalid_request_error", "charge_not_captured", "This PaymentIntent has no successful charge.");
      }
      long already = refunded.getOrDefault(intentId, 0L);
      if (already + amount > (Long) intent.get("amount")) {
        return error(400, "invalid_request_error", "amount_too_large",
            "Refund amount is greater than the unrefunded amount on the charge.");
      }
      refunded.put(intentId, already + amount);
      Map<String, Object> refund = new LinkedHashMap<>();
      refund.put("id", "re_standin_" + ids.incrementAndGet());
      refund.put("object", "refund");
      refund.put("amount", amount);
      refund.put("currency", intent.get("currency"));
      refund.put("payment_intent", intentId);
      refund.put("status", "succeeded");
      refund.put("metadata", metadata(seen.form()));
      return ok(refund);
    }
    return error(404, "invalid_request_error", "resource_missing", "Unrecognized request URL (POST: " + path + ")");
  }

  private static Answer cardDeclined(Map<String, Object> intent) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "card_error");
    error.put("code", "card_declined");
    error.put("decline_code", "generic_decline");
    error.put("message", "Your card was declined.");
    error.put("payment_intent", intent);
    return json(402, Map.of("error", error));
  }

  private static Answer error(int status, String type, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    if (code != null) {
      error.put("code", code);
    }
    error.put("message", message);
    return json(status, Map.of("error", error));
  }

  private static Answer ok(Object body) {
    return json(200, body);
  }

  private static Answer json(int status, Object body) {
    try {
      return new Answer(status, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> metadata(Map<String, String> form) {
    Map<String, String> metadata = new LinkedHashMap<>();
    form.forEach((k, v) -> {
      if (k.startsWith("metadata[") && k.endsWith("]")) {
        metadata.put(k.substring("metadata[".length(), k.length() - 1), v);
      }
    });
    return metadata;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isBlank()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(name, value);
    }
    return form;
  }

  List<Seen> requestsTo(String pathPrefix) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
