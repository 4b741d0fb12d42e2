package io.fusioncommerce.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import io.fusioncommerce.ingress.auth.TokenVerifier;
import io.fusioncommerce.ingress.catalog.CatalogProduct;
import io.fusioncommerce.ingress.catalog.Price;
import io.fusioncommerce.ingress.catalog.ProductStatus;
import io.fusioncommerce.ingress.commands.CommandPublisher;
import io.fusioncommerce.ingress.health.HealthCheck;
import io.fusioncommerce.ingress.inventory.InventoryRoutes;
import io.fusioncommerce.ingress.query.ChangeSignals;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress on its own: HTTP semantics, auth, validation and errors. Commands go to Kafka's
 * MockProducer here; the embedded-platform tests in runtime/ run the same routes against the real broker.
 */
class IngressHttpTest {

  @TempDir static Path dir;
  static IngressServer server;
  static DevTokenIssuer issuer;
  static MockProducer<SpecificRecord, SpecificRecord> producer;
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();
  static String base;

  /** The catalog the stock routes ask whose SKU is: tenant/SKU to its product (a variant's SKU to its product). */
  static final Map<String, CatalogProduct> CATALOG = Map.of(
      "acme/SKU-7", product("SKU-7", "v1", ProductStatus.ACTIVE),
      "acme/SKU-7-RED", product("SKU-7", "v1", ProductStatus.ACTIVE),
      "acme/SKU-1", product("SKU-1", "v1", ProductStatus.ACTIVE),
      "acme/OTHER", product("OTHER", "v2", ProductStatus.ACTIVE),
      "acme/HIDDEN", product("HIDDEN", "v2", ProductStatus.PENDING));

  static CatalogProduct product(String sku, String vendor, ProductStatus status) {
    return new CatalogProduct("acme", sku, vendor, sku, null, new Price(100L, "USD"), List.of(), Map.of(), List.of(),
        List.of(), status, null, 1, null, null);
  }

  @BeforeAll
  static void start() {
    var registry = new InMemorySchemaRegistryClient();
    issuer = DevTokenIssuer.loadOrCreate(dir.resolve("key.json"), Clock.systemUTC());
    producer = new MockProducer<>(true, null, new SpecificAvroSerializer<>(registry, true),
        new SpecificAvroSerializer<>(registry, false));
    server = IngressServer.start(
        new IngressServer.Settings("127.0.0.1", 0, "127.0.0.1", 64 * 1024, "test", Optional.empty()),
        new IngressServer.Components(
            new TokenVerifier(issuer.verificationKeys(), DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE),
            Optional.of(issuer),
            new CommandPublisher(producer),
            new AvroSerdes(registry),
            context -> Optional.empty(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            List.of(new HealthCheck() {
              public String name() { return "topologies"; }
              public Status check() { return Status.down("not started in this test"); }
            }),
            Clock.systemUTC(),
            List.of(new InventoryRoutes((tenant, sku) -> Optional.ofNullable(CATALOG.get(tenant + "/" + sku)))),
            new ChangeSignals()));
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String token(String tenant, String... roles) {
    return issuer.issue("user-1", tenant, List.of(roles), "v1", null, Duration.ofMinutes(5));
  }

  static HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
    return http.send(TestServer.request(base, method, path, token, contentType, body).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("type").asText()).startsWith("urn:fusioncommerce:problem:");
    assertThat(body.path("correlationId").asText()).isNotBlank();
    return body;
  }

  @Test
  void livenessAnswersAndReadinessReportsWhatIsDown() throws Exception {
    assertThat(send("GET", "/health/live", null, null, null).statusCode()).isEqualTo(200);
    var ready = send("GET", "/health/ready", null, null, null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json.readTree(ready.body()).path("checks").path("topologies").path("status").asText()).isEqualTo("DOWN");
  }

  @Test
  void withoutATokenTheApiAnswers401() throws Exception {
    var response = send("GET", "/v1/inventory/SKU-1", null, null, null);
    problem(response, 401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void anUnsignedTokenIsRefused() throws Exception {
    String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
    String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"sub\":\"u\",\"tenant\":\"acme\",\"roles\":[\"admin\"],\"iss\":\"fusioncommerce-dev\",\"aud\":\"fusioncommerce\",\"exp\":"
            + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes());
    problem(send("GET", "/v1/inventory/SKU-1", header + "." + payload + ".", null, null), 401);
  }

  @Test
  void aCustomerMayNotSetStock() throws Exception {
    problem(send("PUT", "/v1/inventory/SKU-1", token("acme", "customer"), "application/json", "{\"available\":5}"), 403);
  }

  static String vendorToken(String tenant, String vendor) {
    return issuer.issue("seller-" + vendor, tenant, List.of("vendor"), vendor, null, Duration.ofMinutes(5));
  }

  @Test
  void aVendorSetsTheStockOfItsOwnProductsAndVariantsOnly() throws Exception {
    int before = producer.history().size();
    String vendorB = vendorToken("acme", "v2");
    JsonNode foreign = problem(send("PUT", "/v1/inventory/SKU-7", vendorB, "application/json", "{\"available\":0}"), 403);
    assertThat(foreign.path("detail").asText()).contains("belongs to another vendor");
    problem(send("PUT", "/v1/inventory/SKU-7-RED", vendorB, "application/json", "{\"available\":0}"), 403);
    // a product it may not even see, and a SKU of no product, do not exist for it
    problem(send("PUT", "/v1/inventory/HIDDEN", vendorToken("acme", "v1"), "application/json", "{\"available\":0}"), 404);
    problem(send("PUT", "/v1/inventory/NOPE", vendorB, "application/json", "{\"available\":0}"), 404);
    assertThat(producer.history()).as("nothing written for a refused request").hasSize(before);

    assertThat(send("PUT", "/v1/inventory/SKU-7-RED", vendorToken("acme", "v1"), "application/json",
        "{\"available\":4}").statusCode()).isEqualTo(202);
    assertThat(send("PUT", "/v1/inventory/HIDDEN", vendorB, "application/json", "{\"available\":4}").statusCode())
        .isEqualTo(202);
    InventoryCommand own = (InventoryCommand) producer.history().get(producer.history().size() - 1).value();
    assertThat(own.getIssuedBy().getVendorId()).as("the topology checks it again").isEqualTo("v2");

    // an admin sets any SKU's stock, also one the catalog does not list (yet)
    String admin = issuer.issue("admin-1", "acme", List.of("admin"), null, null, Duration.ofMinutes(5));
    assertThat(send("PUT", "/v1/inventory/SKU-7", admin, "application/json", "{\"available\":1}").statusCode())
        .isEqualTo(202);
    assertThat(send("PUT", "/v1/inventory/NOPE", admin, "application/json", "{\"available\":1}").statusCode())
        .isEqualTo(202);
    InventoryCommand byAdmin = (InventoryCommand) producer.history().get(producer.history().size() - 1).value();
    assertThat(byAdmin.getIssuedBy().getVendorId()).isNull();
  }

  @Test
  void aVendorTokenWithoutTheVendorClaimIsRefusedOnEveryRoute() throws Exception {
    int before = producer.history().size();
    String withoutClaim = issuer.issue("seller", "acme", List.of("vendor"), null, null, Duration.ofMinutes(5));
    JsonNode refused = problem(send("GET", "/v1/inventory/SKU-1", withoutClaim, null, null), 403);
    assertThat(refused.path("type").asText()).isEqualTo("urn:fusioncommerce:problem:vendor-claim-missing");
    assertThat(refused.path("detail").asText()).contains("vendor claim");
    problem(send("PUT", "/v1/inventory/SKU-1", withoutClaim, "application/json", "{\"available\":1}"), 403);
    String blankClaim = issuer.issue("seller", "acme", List.of("customer", "vendor"), " ", null, Duration.ofMinutes(5));
    problem(send("GET", "/v1/inventory/SKU-1", blankClaim, null, null), 403);
    assertThat(producer.history()).hasSize(before);
    // a token without the vendor role needs no vendor claim
    String customer = issuer.issue("alice", "acme", List.of("customer"), null, null, Duration.ofMinutes(5));
    assertThat(send("GET", "/v1/inventory/SKU-1", customer, null, null).statusCode()).isEqualTo(503);
  }

  @Test
  void invalidFieldsAreNamedAndNothingIsWritten() throws Exception {
    int before = producer.history().size();
    JsonNode body = problem(send("PUT", "/v1/inventory/SKU-1", token("acme", "admin"), "application/json",
        "{\"available\":-3,\"warehouse\":\"Main Hall\"}"), 400);
    assertThat(body.path("errors").findValuesAsText("field")).containsExactly("available", "warehouse");

    JsonNode unknown = problem(send("PUT", "/v1/inventory/SKU-1", token("acme", "admin"), "application/json",
        "{\"available\":3,\"price\":1}"), 400);
    assertThat(unknown.path("errors").get(0).path("field").asText()).isEqualTo("price");

    JsonNode wrongType = problem(send("PUT", "/v1/inventory/SKU-1", token("acme", "admin"), "application/json",
        "{\"available\":\"lots\"}"), 400);
    assertThat(wrongType.path("errors").get(0).path("field").asText()).isEqualTo("available");

    problem(send("PUT", "/v1/inventory/SKU-1", token("acme", "admin"), "application/json", "{\"available\":"), 400);
    problem(send("PUT", "/v1/inventory/bad%20sku", token("acme", "admin"), "application/json", "{\"available\":1}"), 400);
    problem(send("PUT", "/v1/inventory/SKU-1", token("acme", "admin"), "text/plain", "{\"available\":1}"), 415);
    assertThat(producer.history()).hasSize(before);
  }

  @Test
  void oversizedBodiesAreRefusedWith413() throws Exception {
    String huge = "{\"available\":1,\"warehouse\":\"" + "a".repeat(100_000) + "\"}";
    problem(send("PUT", "/v1/inventory/SKU-1", token("acme", "admin"), "application/json", huge), 413);
  }

  @Test
  void anAcceptedStockCommandCarriesTheTokensTenantAndTheCorrelationId() throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/inventory/SKU-7"))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":12,\"warehouse\":\"east\",\"lowStockThreshold\":2}"))
        .header("Authorization", "Bearer " + token("acme", "vendor"))
        .header("Content-Type", "application/json")
        .header("X-Correlation-Id", "corr-42").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Location")).contains("/v1/inventory/SKU-7");
    assertThat(response.headers().firstValue("X-Correlation-Id")).contains("corr-42");
    var sent = producer.history().get(producer.history().size() - 1);
    assertThat(sent.topic()).isEqualTo("inventory.commands");
    assertThat(sent.key()).isEqualTo(new SkuKey("acme", "SKU-7"));
    InventoryCommand command = (InventoryCommand) sent.value();
    assertThat(command.getTenantId()).isEqualTo("acme");
    assertThat(command.getCorrelationId()).isEqualTo("corr-42");
    assertThat(((SetStockLevel) command.getCommand()).getAvailable()).isEqualTo(12);
    assertThat(command.getIssuedBy().getSubject()).isEqualTo("user-1");
  }

  @Test
  void theSameIdempotencyKeyGivesTheSameCommandId() throws Exception {
    String first = null;
    for (int i = 0; i < 2; i++) {
      var response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/inventory/SKU-8"))
          .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":1}"))
          .header("Authorization", "Bearer " + token("acme", "admin"))
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", "k-1").build(), HttpResponse.BodyHandlers.ofString());
      String id = json.readTree(response.body()).path("commandId").asText();
      if (first == null) {
        first = id;
      }
      assertThat(id).isEqualTo(first);
    }
  }

  @Test
  void readsAnswer503WhileNoTopologyCanServeThem() throws Exception {
    var response = send("GET", "/v1/inventory/SKU-1", token("acme", "customer"), null, null);
    problem(response, 503);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
  }

  @Test
  void unknownRoutesAnswerProblemDetails() throws Exception {
    problem(send("GET", "/v1/nothing-here", token("acme", "admin"), null, null), 404);
  }

  @Test
  void devTokensAreIssuedAndValidated() throws Exception {
    var ok = send("POST", "/v1/auth/dev-token", null, "application/json",
        "{\"tenant\":\"acme\",\"sub\":\"u1\",\"roles\":[\"admin\"],\"vendor\":\"v1\"}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json.readTree(ok.body()).path("token").asText()).contains(".");

    JsonNode bad = problem(send("POST", "/v1/auth/dev-token", null, "application/json",
        "{\"tenant\":\"acme\",\"sub\":\"u1\",\"roles\":[\"wizard\"]}"), 400);
    assertThat(bad.path("errors").get(0).path("field").asText()).isEqualTo("roles[0]");

    var keys = json.readTree(send("GET", "/.well-known/jwks.json", null, null, null).body());
    assertThat(keys.path("keys").get(0).path("kty").asText()).isEqualTo("RSA");
    assertThat(keys.path("keys").get(0).has("d")).isFalse();
  }

  @Test
  void theOpenApiDocumentListsTheRoutesAndDocsAreBrowsable() throws Exception {
    JsonNode api = json.readTree(send("GET", "/openapi.json", null, null, null).body());
    assertThat(api.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(api.path("paths").path("/v1/inventory/{sku}").has("put")).isTrue();
    assertThat(api.path("components").path("schemas").has("SetStockRequest")).isTrue();

    var docs = send("GET", "/docs", null, null, null);
    assertThat(docs.body()).contains("swagger-ui-bundle.js");
    String script = docs.body().replaceAll("(?s).*src=\"([^\"]+swagger-ui-bundle.js)\".*", "$1");
    assertThat(send("GET", script, null, null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void metricsAreExposedInPrometheusFormat() throws Exception {
    send("GET", "/health/live", null, null, null);
    var metrics = send("GET", "/metrics", null, null, null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests_seconds_count");
  }
}
