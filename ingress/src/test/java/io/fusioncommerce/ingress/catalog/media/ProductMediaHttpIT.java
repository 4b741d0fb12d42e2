package io.fusioncommerce.ingress.catalog.media;

import static io.fusioncommerce.ingress.catalog.media.TestImages.image;
import static io.fusioncommerce.ingress.catalog.media.TestImages.padded;
import static io.fusioncommerce.ingress.catalog.media.TestImages.webp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.connectors.objectstore.EmbeddedS3Server;
import io.fusioncommerce.connectors.objectstore.S3ObjectStore;
import io.fusioncommerce.ingress.IngressServer;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import io.fusioncommerce.ingress.auth.TokenVerifier;
import io.fusioncommerce.ingress.commands.CommandPublisher;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.inventory.InventoryRoutes;
import io.fusioncommerce.ingress.query.ChangeSignals;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Product media over HTTP: a real IngressServer with the production request limit (1 MiB) and the media
 * routes, storing into the embedded mode's real S3 server through the S3 object store. The catalog is an
 * in-memory stand-in for the Postgres one.
 */
class ProductMediaHttpIT {

  static final String BUCKET = "media";
  @TempDir static Path dir;
  static EmbeddedS3Server s3;
  static S3ObjectStore store;
  static IngressServer server;
  static DevTokenIssuer issuer;
  static final InMemoryProductMediaCatalog catalog = new InMemoryProductMediaCatalog();
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();
  static String base;

  @BeforeAll
  static void start() {
    s3 = EmbeddedS3Server.start(dir.resolve("objects"), 0);
    store = S3ObjectStore.connect(s3.clientSettings(BUCKET));
    var registry = new InMemorySchemaRegistryClient();
    issuer = DevTokenIssuer.loadOrCreate(dir.resolve("key.json"), Clock.systemUTC());
    var producer = new MockProducer<>(true, null, new SpecificAvroSerializer<>(registry, true),
        new SpecificAvroSerializer<>(registry, false));
    server = IngressServer.start(
        new IngressServer.Settings("127.0.0.1", 0, "127.0.0.1", 1024 * 1024, "test", Optional.empty()),
        new IngressServer.Components(
            new TokenVerifier(issuer.verificationKeys(), DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE),
            Optional.of(issuer), new CommandPublisher(producer), new AvroSerdes(registry), context -> Optional.empty(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), Clock.systemUTC(),
            // the inventory route only to send an oversized JSON body to (an admin may stock any SKU)
            List.of(new InventoryRoutes((tenant, sku) -> Optional.empty()), new ProductMediaRoutes(store, catalog)),
            new ChangeSignals()));
    base = "http://127.0.0.1:" + server.port();
    catalog.addProduct("acme", "SKU-1", "v1");
    catalog.addProduct("acme", "SKU-2", "v2");
    catalog.addProduct("globex", "SKU-1", "g1");
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
    s3.close();
  }

  // --- uploads that succeed ------------------------------------------------------------------------

  @Test
  void imagesOfActiveProductsAreReadableWithoutATokenWithCacheHeaders() throws Exception {
    catalog.addProduct("acme", "SKU-PUB", "v1");
    byte[] png = image("png", 32, 32);
    String url = json.readTree(upload("SKU-PUB", token("acme", "admin"), png, "image/png", "p.png", null).body())
        .path("url").asText();
    String publicUrl = url.replace(ProductMediaRoutes.URL_PREFIX, ProductMediaRoutes.PUBLIC_URL_PREFIX);

    assertThat(get(publicUrl, null, Map.of()).statusCode()).as("the product is not ACTIVE yet").isEqualTo(404);
    assertThat(get(url, null, Map.of()).statusCode()).as("the tenant's own path still needs a token").isEqualTo(401);

    catalog.setActive("acme", "SKU-PUB", true);
    HttpResponse<byte[]> served = get(publicUrl, null, Map.of());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(png);
    assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(served.headers().firstValue("Cache-Control")).contains(ProductMediaRoutes.PUBLIC_CACHE_CONTROL);
    String etag = served.headers().firstValue("ETag").orElseThrow();
    assertThat(get(publicUrl, null, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);

    // another image path under the same product, another tenant's copy of the key, a malformed key
    assertThat(get(publicUrl.replace(".png", ".gif"), null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(get(publicUrl.replace("/acme/", "/globex/"), null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(get(ProductMediaRoutes.PUBLIC_URL_PREFIX + "acme/../etc/passwd", null, Map.of()).statusCode()).isEqualTo(404);

    // archived or rejected: no longer public
    catalog.setActive("acme", "SKU-PUB", false);
    assertThat(get(publicUrl, null, Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void aPngIsStoredAttachedAndServedBackToItsTenant() throws Exception {
    byte[] png = image("png", 64, 48);
    HttpResponse<String> created = upload("SKU-1", token("acme", "admin"), png, "image/png", "front.png", null);

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = json.readTree(created.body());
    String url = body.path("url").asText();
    assertThat(url).matches("/v1/media/acme/products/SKU-1/[0-9a-f-]{36}\\.png");
    assertThat(body.path("contentType").asText()).isEqualTo("image/png");
    assertThat(body.path("bytes").asLong()).isEqualTo(png.length);
    assertThat(created.headers().firstValue("Location")).contains(url);
    assertThat(catalog.media("acme", "SKU-1")).extracting(StoredMedia::url).contains(url);

    HttpResponse<byte[]> served = get(url, token("acme", "customer"), Map.of());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(png);
    assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(served.headers().firstValue("Content-Length")).contains(Integer.toString(png.length));
    assertThat(served.headers().firstValue("Cache-Control")).contains("private, max-age=31536000, immutable");
    assertThat(served.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    String etag = served.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> notModified = get(url, token("acme", "customer"), Map.of("If-None-Match", etag));
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
  }

  @Test
  void jpegGifAndWebpAreTakenWithTheirOwnExtensions() throws Exception {
    assertUploaded(image("jpg", 32, 32), "image/jpeg", "jpg");
    assertUploaded(image("gif", 16, 16), "image/gif", "gif");
    assertUploaded(webp(), "image/webp", "webp");
  }

  @Test
  void theTypeComesFromTheBytesWhenThePartDeclaresOctetStreamOrAnAlias() throws Exception {
    byte[] jpeg = image("jpg", 20, 20);
    for (String declared : List.of("application/octet-stream", "image/jpg")) {
      HttpResponse<String> created = upload("SKU-1", token("acme", "admin"), jpeg, declared, "photo", null);
      assertThat(created.statusCode()).as(declared).isEqualTo(201);
      assertThat(json.readTree(created.body()).path("contentType").asText()).isEqualTo("image/jpeg");
      assertThat(json.readTree(created.body()).path("url").asText()).endsWith(".jpg");
    }
  }

  @Test
  void theMediaLimitIsFiveMebibytesWhileTheRestOfTheApiKeepsOne() throws Exception {
    byte[] threeMiB = padded(image("png", 8, 8), 3 * 1024 * 1024);
    assertThat(upload("SKU-1", token("acme", "admin"), threeMiB, "image/png", "big.png", null).statusCode())
        .isEqualTo(201);

    String bigJson = "{\"available\":1,\"warehouse\":\"" + "a".repeat(1_200_000) + "\"}";
    HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/inventory/SKU-1"))
        .PUT(HttpRequest.BodyPublishers.ofString(bigJson)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token("acme", "admin")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(413);
  }

  @Test
  void aRepeatWithTheSameIdempotencyKeyGivesTheSameUrlAndOneAttachment() throws Exception {
    byte[] png = image("png", 10, 10);
    String first = json.readTree(upload("SKU-2", token("acme", "admin"), png, "image/png", "a.png", "media-key-1").body())
        .path("url").asText();
    HttpResponse<String> again = upload("SKU-2", token("acme", "admin"), png, "image/png", "a.png", "media-key-1");
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(json.readTree(again.body()).path("url").asText()).isEqualTo(first);
    assertThat(catalog.media("acme", "SKU-2")).extracting(StoredMedia::url).containsOnlyOnce(first);

    // the same key with another file is refused, and the first file stays what the url serves
    problem(upload("SKU-2", token("acme", "admin"), image("png", 11, 11), "image/png", "b.png", "media-key-1"), 422);
    assertThat(get(first, token("acme", "customer"), Map.of()).body()).isEqualTo(png);
  }

  @Test
  void servingManyImagesReleasesEveryConnectionToTheStore() throws Exception {
    byte[] gif = image("gif", 4, 4);
    String url = json.readTree(upload("SKU-1", token("acme", "admin"), gif, "image/gif", "x.gif", null).body())
        .path("url").asText();
    String customer = token("acme", "customer");
    for (int i = 0; i < 80; i++) { // more than the store client's connection pool
      assertThat(get(url, customer, Map.of()).body()).isEqualTo(gif);
    }
  }

  // --- uploads that are refused, and change nothing ----------------------------------------------

  @Test
  void aFileThatIsNoImageIsRefusedWith415() throws Exception {
    long before = storedObjects();
    JsonNode text = problem(upload("SKU-1", token("acme", "admin"), "just some text".getBytes(), "text/plain",
        "notes.txt", null), 415);
    assertThat(text.path("detail").asText()).contains("text/plain");
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    problem(upload("SKU-1", token("acme", "admin"), svg.getBytes(), "image/svg+xml", "x.svg", null), 415);
    assertThat(storedObjects()).isEqualTo(before);
  }

  @Test
  void aFileWhoseBytesBelieItsDeclaredTypeIsRefusedWith415() throws Exception {
    long before = storedObjects();
    JsonNode jpegAsPng = problem(upload("SKU-1", token("acme", "admin"), image("jpg", 8, 8), "image/png", "fake.png",
        null), 415);
    assertThat(jpegAsPng.path("detail").asText()).contains("image/png", "image/jpeg");
    problem(upload("SKU-1", token("acme", "admin"), "<html><body>hi</body></html>".getBytes(), "image/png",
        "page.png", null), 415);
    assertThat(storedObjects()).isEqualTo(before);
  }

  @Test
  void aFileOverTheLimitIsRefusedWith413() throws Exception {
    long before = storedObjects();
    byte[] tooBig = padded(image("png", 8, 8), (int) MediaSettings.DEFAULT_MAX_UPLOAD_BYTES + 1);
    problem(upload("SKU-1", token("acme", "admin"), tooBig, "image/png", "huge.png", null), 413);

    // without a Content-Length (chunked), the multipart parser's own limit refuses it
    HttpEntity entity = form(tooBig, "image/png", "huge.png");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    entity.writeTo(body);
    HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/products/SKU-1/media"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.toByteArray())))
        .header("Content-Type", entity.getContentType())
        .header("Authorization", "Bearer " + token("acme", "admin")).build(), HttpResponse.BodyHandlers.ofString());
    problem(chunked, 413);
    assertThat(storedObjects()).isEqualTo(before);
  }

  @Test
  void anythingButAMultipartFilePartIsABadRequest() throws Exception {
    HttpResponse<String> jsonBody = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/products/SKU-1/media"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"file\":\"x\"}")).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token("acme", "admin")).build(), HttpResponse.BodyHandlers.ofString());
    problem(jsonBody, 415);

    HttpEntity wrongPart = MultipartEntityBuilder.create()
        .addBinaryBody("image", image("png", 2, 2), ContentType.IMAGE_PNG, "a.png").build();
    JsonNode missing = problem(send(wrongPart, "SKU-1", token("acme", "admin"), null), 400);
    assertThat(missing.path("errors").get(0).path("field").asText()).isEqualTo("file");

    problem(upload("SKU-1", token("acme", "admin"), new byte[0], "image/png", "empty.png", null), 400);
    problem(upload("bad sku", token("acme", "admin"), image("png", 2, 2), "image/png", "a.png", null), 400);
  }

  @Test
  void whenTheCatalogRefusesTheAttachmentTheStoredObjectIsRemovedAgain() throws Exception {
    long before = storedObjects();
    catalog.failNextAttach(ApiException.conflict("the product was archived meanwhile"));
    problem(upload("SKU-1", token("acme", "admin"), image("png", 5, 5), "image/png", "a.png", null), 409);
    assertThat(storedObjects()).isEqualTo(before);
  }

  // --- who may upload and read ---------------------------------------------------------------------

  @Test
  void withoutATokenBothRoutesAnswer401() throws Exception {
    problem(upload("SKU-1", null, image("png", 2, 2), "image/png", "a.png", null), 401);
    String url = json.readTree(upload("SKU-1", token("acme", "admin"), image("png", 3, 3), "image/png", "a.png", null)
        .body()).path("url").asText();
    HttpResponse<byte[]> anonymous = get(url, null, Map.of());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void anotherTenantsMediaDoesNotExistForTheCaller() throws Exception {
    String url = json.readTree(upload("SKU-1", token("acme", "admin"), image("png", 6, 6), "image/png", "a.png", null)
        .body()).path("url").asText();
    HttpResponse<byte[]> other = get(url, token("globex", "admin"), Map.of());
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));

    // and keys that are not media of the caller's tenant are not looked up at all
    for (String key : List.of("acme/products/SKU-1/00000000-0000-0000-0000-000000000000.png", "acme/other/key.png",
        "globex/../acme/products/SKU-1/x.png", "acme")) {
      assertThat(get("/v1/media/" + key, token("acme", "admin"), Map.of()).statusCode()).as(key).isEqualTo(404);
    }
  }

  @Test
  void uploadsNeedAnEditorOfTheProduct() throws Exception {
    problem(upload("SKU-1", token("acme", "customer"), image("png", 2, 2), "image/png", "a.png", null), 403);
    problem(upload("NO-SUCH-SKU", token("acme", "admin"), image("png", 2, 2), "image/png", "a.png", null), 404);
    // a vendor may not add images to another vendor's product
    problem(upload("SKU-1", tokenFor("acme", "vendor", "v2"), image("png", 2, 2), "image/png", "a.png", null), 403);
    assertThat(upload("SKU-2", tokenFor("acme", "vendor", "v2"), image("png", 2, 2), "image/png", "a.png", null)
        .statusCode()).isEqualTo(201);
  }

  @Test
  void bothRoutesAreInTheOpenApiDocument() throws Exception {
    JsonNode api = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    JsonNode upload = api.path("paths").path("/v1/products/{sku}/media").path("post");
    assertThat(upload.path("requestBody").path("content").has("multipart/form-data")).isTrue();
    assertThat(upload.path("responses").fieldNames()).toIterable().contains("201", "401", "403", "404", "413", "415");
    assertThat(api.path("components").path("schemas").path("MediaUploadForm").path("properties").path("file")
        .path("format").asText()).isEqualTo("binary");
    JsonNode download = api.path("paths").path("/v1/media/{key}").path("get");
    assertThat(download.path("parameters").get(0).path("name").asText()).isEqualTo("key");
    assertThat(download.path("responses").path("200").path("content").has("image/*")).isTrue();
  }

  // --- helpers -------------------------------------------------------------------------------------

  private static void assertUploaded(byte[] bytes, String type, String extension) throws Exception {
    HttpResponse<String> created = upload("SKU-1", token("acme", "admin"), bytes, type, "img." + extension, null);
    assertThat(created.statusCode()).as(type).isEqualTo(201);
    JsonNode body = json.readTree(created.body());
    assertThat(body.path("contentType").asText()).isEqualTo(type);
    assertThat(body.path("url").asText()).endsWith("." + extension);
    HttpResponse<byte[]> served = get(body.path("url").asText(), token("acme", "customer"), Map.of());
    assertThat(served.body()).isEqualTo(bytes);
    assertThat(served.headers().firstValue("Content-Type")).contains(type);
  }

  static String token(String tenant, String role) {
    return tokenFor(tenant, role, "v1");
  }

  static String tokenFor(String tenant, String role, String vendor) {
    return issuer.issue("user-1", tenant, List.of(role), vendor, null, Duration.ofMinutes(5));
  }

  static HttpEntity form(byte[] bytes, String contentType, String fileName) {
    return MultipartEntityBuilder.create()
        .addBinaryBody(ProductMediaRoutes.FILE_PART, bytes, ContentType.create(contentType), fileName).build();
  }

  static HttpResponse<String> upload(String sku, String token, byte[] bytes, String contentType, String fileName,
      String idempotencyKey) throws Exception {
    return send(form(bytes, contentType, fileName), sku, token, idempotencyKey);
  }

  static HttpResponse<String> send(HttpEntity entity, String sku, String token, String idempotencyKey) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    entity.writeTo(body);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/products/" + sku.replace(" ", "%20") + "/media"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .header("Content-Type", entity.getContentType());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> get(String path, String token, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    return body;
  }

  /** Objects the S3 server holds in the media bucket, counted on its disk. */
  static long storedObjects() throws Exception {
    Path bucket = dir.resolve("objects").resolve(BUCKET);
    try (Stream<Path> files = Files.walk(bucket)) {
      return files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(png|jpg|gif|webp)$")).count();
    }
  }
}
