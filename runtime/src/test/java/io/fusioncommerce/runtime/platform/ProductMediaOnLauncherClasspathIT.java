package io.fusioncommerce.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.connectors.objectstore.EmbeddedS3Server;
import io.fusioncommerce.connectors.objectstore.S3ObjectStore;
import io.fusioncommerce.ingress.TestServer;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.catalog.media.ProductMediaCatalog;
import io.fusioncommerce.ingress.catalog.media.ProductMediaRoutes;
import io.fusioncommerce.ingress.catalog.media.StoredMedia;
import io.fusioncommerce.ingress.http.ApiException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The media routes on the launcher's own class path, whose Jetty is not the one the ingress module's
 * tests run on (Kafka Connect pins Jetty 12.0 core next to Javalin's 12.1 modules): multipart parsing,
 * the per-route upload limit and streaming back must work there too, next to the in-process S3 server.
 * The ingress module's ProductMediaHttpIT covers the routes in depth.
 */
class ProductMediaOnLauncherClasspathIT {

  @TempDir static Path dir;
  /** The S3 server, the store's client and the ingress, stopped in reverse as the platform stops them. */
  static final StartedComponents started =
      new StartedComponents(LoggerFactory.getLogger(ProductMediaOnLauncherClasspathIT.class));
  static TestServer server;
  static final HttpClient http = HttpClient.newHttpClient();
  static String base;

  /** Every product of tenant acme exists and is editable; nothing else does. */
  static final ProductMediaCatalog CATALOG = new ProductMediaCatalog() {
    @Override
    public void requireEditable(Principal principal, String sku) {
      if (!principal.tenantId().equals("acme")) {
        throw ApiException.notFound("no product " + sku);
      }
    }

    @Override
    public void attach(Principal principal, String sku, StoredMedia media) {}
  };

  @BeforeAll
  static void start() {
    EmbeddedS3Server s3 = started.add(EmbeddedS3Server.start(dir.resolve("objects"), 0));
    S3ObjectStore store = started.add(S3ObjectStore.connect(s3.clientSettings(EmbeddedPlatform.OBJECT_BUCKET)));
    server = started.add(TestServer.start(dir, List.of(new ProductMediaRoutes(store, CATALOG)),
        List.of(new ObjectStoreHealth(store))));
    base = server.baseUrl();
  }

  @AfterAll
  static void stop() {
    started.close();
  }

  @Test
  void anImageOverTheGeneralLimitIsStoredAndServedBack() throws Exception {
    byte[] png = pngOf(2 * 1024 * 1024);
    HttpResponse<String> created = upload(png, "image/png");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String url = created.headers().firstValue("Location").orElseThrow();

    HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(URI.create(base + url))
        .header("Authorization", "Bearer " + token("acme")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(served.body()).isEqualTo(png);

    HttpResponse<byte[]> otherTenant = http.send(HttpRequest.newBuilder(URI.create(base + url))
        .header("Authorization", "Bearer " + token("globex")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(otherTenant.statusCode()).isEqualTo(404);
  }

  @Test
  void tooLargeAndMislabelledFilesAreRefused() throws Exception {
    assertThat(upload(pngOf(5 * 1024 * 1024 + 1), "image/png").statusCode()).isEqualTo(413);
    assertThat(upload(pngOf(1024), "image/gif").statusCode()).isEqualTo(415);
  }

  @Test
  void readinessReportsTheObjectStore() throws Exception {
    String ready = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(ready).contains("\"objectStore\"").contains("UP");
  }

  static HttpResponse<String> upload(byte[] bytes, String declaredType) throws Exception {
    HttpEntity form = MultipartEntityBuilder.create()
        .addBinaryBody(ProductMediaRoutes.FILE_PART, bytes, ContentType.create(declaredType), "image").build();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    form.writeTo(body);
    return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/products/SKU-1/media"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .header("Content-Type", form.getContentType())
        .header("Authorization", "Bearer " + token("acme")).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String token(String tenant) {
    return server.token(tenant, "u1", null, "admin");
  }

  /** The PNG signature and header chunk, padded to {@code size} bytes: detected as image/png. */
  static byte[] pngOf(int size) {
    byte[] header = java.util.HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489");
    byte[] bytes = new byte[size];
    System.arraycopy(header, 0, bytes, 0, header.length);
    return bytes;
  }
}
