package io.fusioncommerce.e2e.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog as a client uses it, on the embedded platform with the launcher's own class path: a
 * product created over HTTP becomes product.created (carrying the request's correlation id) and
 * orderable within a second; its images are uploaded to the object store and served back; CSV import
 * feeds search with facets; another tenant sees none of it.
 */
@PlatformTest
class CatalogJourneyIT extends PlatformJourney {

  private final String baseUrl = acme.platform().baseUrl();
  private final HttpClient http = HttpClient.newHttpClient();

  CatalogJourneyIT(TestTenant acme) {
    super(acme);
  }

  @BeforeAll
  void createCategories() {
    assertThat(api.post("/v1/categories", admin, "{\"id\":\"kitchen\",\"name\":\"Kitchen\"}").status()).isEqualTo(201);
    assertThat(api.post("/v1/categories", admin, "{\"id\":\"kettles\",\"name\":\"Kettles\",\"parentId\":\"kitchen\"}")
        .status()).isEqualTo(201);
  }

  @Test
  void aProductCreatedOverHttpIsAnnouncedWithItsRequestsCorrelationIdAndCanBeOrderedAtOnce() {
    String correlation = "journey-" + UUID.randomUUID();
    ApiClient.Response created = api.send("POST", "/v1/products", admin, "{\"sku\":\"KETTLE-1\",\"vendorId\":\"v1\","
        + "\"name\":\"Steel kettle\",\"price\":{\"amount\":4500,\"currency\":\"EUR\"},\"categoryIds\":[\"kettles\"],"
        + "\"variants\":[{\"sku\":\"KETTLE-1-RED\",\"options\":{\"color\":\"red\"},\"price\":{\"amount\":4700,\"currency\":\"EUR\"}}]}",
        Map.of("X-Correlation-Id", correlation));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    long createdAt = System.nanoTime();

    ProductCreated event = acme.productCreated("KETTLE-1");
    assertThat(event.getCorrelationId()).isEqualTo(correlation);
    assertThat(event.getVariants()).hasSize(1);

    api.put("/v1/inventory/KETTLE-1-RED", admin, "{\"available\":5}");
    String buyer = acme.token("bea", "customer");
    ApiClient.Response placed = api.post("/v1/orders", buyer,
        "{\"customerId\":\"bea\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"KETTLE-1-RED\",\"quantity\":2}]}");
    JsonNode order = await().atMost(Duration.ofSeconds(20)).until(
        () -> api.get("/v1/orders/" + placed.json().path("orderId").asText() + "?waitMs=2000&status=CREATED", buyer).json(),
        o -> o != null && !"CREATED".equals(o.path("status").asText()) && o.has("status"));
    assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(order.path("total").path("amount").asLong()).isEqualTo(9400);
    assertThat(Duration.ofNanos(System.nanoTime() - createdAt)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void productImagesAreStoredServedAndRefusedWhenTheyAreNotImages() throws Exception {
    assertThat(api.post("/v1/products", admin, "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"price\":{\"amount\":900,"
        + "\"currency\":\"USD\"}}").status()).isEqualTo(201);
    byte[] png = png();
    HttpResponse<String> uploaded = upload("MUG-1", admin, png, "image/png", "mug.png");
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    String url = api.get("/v1/products/MUG-1", admin).json().path("media").get(0).path("url").asText();
    assertThat(url).startsWith("/v1/media/" + acme.id() + "/products/MUG-1/");

    HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(URI.create(baseUrl + url))
        .header("Authorization", "Bearer " + acme.token("shopper", "customer")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(png);
    assertThat(served.headers().firstValue("Content-Type")).contains("image/png");

    assertThat(upload("MUG-1", admin, "<html>not an image</html>".getBytes(StandardCharsets.UTF_8), "image/png", "x.png")
        .statusCode()).isEqualTo(415);
    byte[] huge = new byte[6 * 1024 * 1024];
    System.arraycopy(png, 0, huge, 0, png.length);
    assertThat(upload("MUG-1", admin, huge, "image/png", "huge.png").statusCode()).isEqualTo(413);
    assertThat(api.get("/v1/products/MUG-1", admin).json().path("media")).hasSize(1);

    String other = acme.otherTenantToken("boss", "admin");
    assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl + url)).header("Authorization", "Bearer " + other)
        .build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(404);
    assertThat(upload("MUG-1", other, png, "image/png", "mug.png").statusCode()).isEqualTo(404);

    // an ACTIVE product's image without a token (a storefront's <img>), cacheable; archived, it is gone
    String publicUrl = url.replace("/v1/media/", "/v1/public/media/");
    HttpResponse<byte[]> open = http.send(HttpRequest.newBuilder(URI.create(baseUrl + publicUrl)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.body()).isEqualTo(png);
    assertThat(open.headers().firstValue("Cache-Control")).contains("public, max-age=300");
    assertThat(open.headers().firstValue("ETag")).isPresent();
    assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl + url)).build(), HttpResponse.BodyHandlers.ofByteArray())
        .statusCode()).as("the tenant's own path still needs a token").isEqualTo(401);
    assertThat(api.send("DELETE", "/v1/products/MUG-1", admin, null, java.util.Map.of()).status()).isBetween(200, 204);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl + publicUrl)).build(),
        HttpResponse.BodyHandlers.ofByteArray()).statusCode()).as("archived").isEqualTo(404);
  }

  @Test
  void anImportedCatalogIsSearchableWithFacetsAndExportsAgain() throws Exception {
    StringBuilder csv = new StringBuilder("sku,parent_sku,name,price_amount,currency,vendor_id,category_ids,attr.color\r\n");
    String[] colors = {"red", "blue", "black"};
    for (int i = 0; i < 300; i++) {
      csv.append("IMP-").append(i).append(",,").append(i % 2 == 0 ? "Electric kettle " : "Glass teapot ").append(i)
          .append(',').append(1000 + i).append(",USD,v-").append(i % 3).append(',').append(i % 2 == 0 ? "kettles" : "kitchen")
          .append(',').append(colors[i % 3]).append("\r\n");
    }
    HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/products/import"))
        .header("Authorization", "Bearer " + admin).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body()).contains("\"created\":300");

    String shopper = acme.token("shopper", "customer");
    JsonNode found = api.get("/v1/products?q=kettle&category=kitchen&facets=vendor,attr.color&limit=10", shopper).json();
    assertThat(found.path("items")).hasSize(10);
    assertThat(found.path("items").findValuesAsText("name")).allMatch(n -> n.toLowerCase().contains("kettle"));
    long vendorTotal = 0;
    for (JsonNode v : found.path("facets").path("vendor")) {
      vendorTotal += v.path("count").asLong();
    }
    assertThat(vendorTotal).isGreaterThanOrEqualTo(150);
    assertThat(found.path("facets").path("attr.color").findValuesAsText("value")).contains("red", "blue", "black");

    List<String> walked = new ArrayList<>();
    String next = null;
    do {
      JsonNode page = api.get("/v1/products?category=kettles&limit=100" + (next == null ? "" : "&cursor=" + next), shopper).json();
      walked.addAll(page.path("items").findValuesAsText("sku"));
      next = page.path("next").isNull() ? null : page.path("next").asText(null);
    } while (next != null);
    assertThat(walked).filteredOn(s -> s.startsWith("IMP-")).hasSize(150).doesNotHaveDuplicates();

    ApiClient.Response export = api.get("/v1/products/export", admin);
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.text().lines().filter(l -> l.startsWith("IMP-")).count()).isEqualTo(300);
    assertThat(api.get("/v1/products?q=kettle", acme.otherTenantToken("x", "customer")).json().path("items")).isEmpty();
  }

  private HttpResponse<String> upload(String sku, String token, byte[] bytes, String type, String name) throws Exception {
    String boundary = "----journey" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
        + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(bytes);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/products/" + sku + "/media"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] png() throws Exception {
    BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 4, 0xff0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
