package io.fusioncommerce.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import io.fusioncommerce.ingress.auth.TokenVerifier;
import io.fusioncommerce.ingress.commands.CommandPublisher;
import io.fusioncommerce.ingress.query.ChangeSignals;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;

/**
 * A real IngressServer on a free loopback port with the given route modules, the development token
 * issuer, and Kafka's MockProducer for commands; plus a small HTTP client for tests.
 */
public final class TestServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final IngressServer server;
  private final DevTokenIssuer issuer;
  private final String base;
  private final MockProducer<SpecificRecord, SpecificRecord> producer;
  /**
   * One client per server: a client shared by all servers of a test JVM kept pooled connections to servers
   * already stopped, and a later server given the same free port was then sent a request on a dead one
   * ("header parser received no bytes").
   */
  private final HttpClient http = HttpClient.newHttpClient();

  /** An answer: status, headers and body. */
  public record Response(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    /** Asserts a problem+json answer with this status and returns it. */
    public JsonNode problem(int expected) {
      assertThat(status).as(body).isEqualTo(expected);
      assertThat(headers.firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
      return json();
    }

    public List<String> errorFields() {
      return json().path("errors").findValuesAsText("field");
    }
  }

  private TestServer(IngressServer server, DevTokenIssuer issuer, MockProducer<SpecificRecord, SpecificRecord> producer) {
    this.server = server;
    this.issuer = issuer;
    this.producer = producer;
    this.base = "http://127.0.0.1:" + server.port();
  }

  public static TestServer start(Path dir, List<ApiModule> modules) {
    return start(dir, modules, io.fusioncommerce.ingress.ratelimit.RateLimiter.unlimited());
  }

  /** With these request rate limits. */
  public static TestServer start(Path dir, List<ApiModule> modules,
      io.fusioncommerce.ingress.ratelimit.RateLimiter rateLimits) {
    return start(dir, modules, List.of(), rateLimits);
  }

  /** With these readiness checks behind /health/ready. */
  public static TestServer start(Path dir, List<ApiModule> modules,
      List<io.fusioncommerce.ingress.health.HealthCheck> readiness) {
    return start(dir, modules, readiness, io.fusioncommerce.ingress.ratelimit.RateLimiter.unlimited());
  }

  private static TestServer start(Path dir, List<ApiModule> modules,
      List<io.fusioncommerce.ingress.health.HealthCheck> readiness,
      io.fusioncommerce.ingress.ratelimit.RateLimiter rateLimits) {
    var registry = new InMemorySchemaRegistryClient();
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(dir.resolve("key.json"), Clock.systemUTC());
    MockProducer<SpecificRecord, SpecificRecord> producer = new MockProducer<>(true, null,
        new SpecificAvroSerializer<>(registry, true), new SpecificAvroSerializer<>(registry, false));
    IngressServer server = IngressServer.start(
        new IngressServer.Settings("127.0.0.1", 0, "127.0.0.1", 1024 * 1024, "test", Optional.empty()),
        new IngressServer.Components(
            new TokenVerifier(issuer.verificationKeys(), DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE),
            Optional.of(issuer), new CommandPublisher(producer), new AvroSerdes(registry), context -> Optional.empty(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), readiness, Clock.systemUTC(), modules,
            new ChangeSignals(), rateLimits));
    return new TestServer(server, issuer, producer);
  }

  /** Every record the routes wrote, oldest first. */
  public List<org.apache.kafka.clients.producer.ProducerRecord<SpecificRecord, SpecificRecord>> sent() {
    return producer.history();
  }

  public String baseUrl() {
    return base;
  }

  /** A token of {@code subject} in {@code tenant} with these roles, and a vendor claim for vendors. */
  public String token(String tenant, String subject, String vendor, String... roles) {
    return token(tenant, subject, vendor, null, List.of(roles));
  }

  /** A token of {@code subject} in {@code tenant}, with vendor and organization claims when given. */
  public String token(String tenant, String subject, String vendor, String organization, List<String> roles) {
    return issuer.issue(subject, tenant, roles, vendor, organization, Duration.ofMinutes(30));
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, null, Map.of());
  }

  public Response post(String path, String token, String json) {
    return send("POST", path, token, "application/json", json, Map.of());
  }

  public Response send(String method, String path, String token, String contentType, String body,
      Map<String, String> headers) {
    HttpRequest.Builder request = request(base, method, path, token, contentType, body);
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request to {@code baseUrl + path}, with the bearer token and content type when given. */
  public static HttpRequest.Builder request(String baseUrl, String method, String path, String token,
      String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return request;
  }

  @Override
  public void close() {
    server.close();
    http.close();
  }
}
