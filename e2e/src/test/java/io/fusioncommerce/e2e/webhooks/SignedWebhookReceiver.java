package io.fusioncommerce.e2e.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fusioncommerce.connectors.webhooks.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on a free loopback port for the journeys: it keeps every delivery it gets with
 * whether its Fusion-Signature held with the subscription's secret, and answers 204 when it did, 401
 * when it did not. The secret is set once the subscription is made ({@link #secret(String)}).
 */
public final class SignedWebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the receiver got: the event id header, the event and whether its signature held with the secret. */
  public record Delivery(String eventId, JsonNode event, boolean signatureValid) {}

  private final List<Delivery> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final String path;
  private volatile String secret = "";

  private SignedWebhookReceiver(String path) {
    this.path = path;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(path, exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean valid = WebhookSignature.verify(secret, exchange.getRequestHeaders().getFirst("Fusion-Signature"), body,
          Instant.now(), Duration.ofMinutes(5));
      received.add(new Delivery(exchange.getRequestHeaders().getFirst("Fusion-Event-Id"), JSON.readTree(body), valid));
      exchange.sendResponseHeaders(valid ? 204 : 401, -1);
      exchange.close();
    });
    server.start();
  }

  /** A started receiver answering at {@code path}. */
  public static SignedWebhookReceiver start(String path) {
    return new SignedWebhookReceiver(path);
  }

  /** The URL to subscribe. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The subscription's signing secret, from the answer that created it. */
  public void secret(String secret) {
    this.secret = secret;
  }

  /** The deliveries so far, in the order they arrived (a live, thread-safe list). */
  public List<Delivery> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
