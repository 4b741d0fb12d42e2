package io.fusioncommerce.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.ingress.TestServer;
import io.fusioncommerce.ingress.inventory.InventoryRoutes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CORS for the configured origins only, preflights answered, and the security headers on every answer. */
class BrowserPolicyTest {

  private static final String STOREFRONT = "https://shop.example.com";

  @TempDir Path dir;
  private TestServer server;

  private TestServer start(BrowserPolicy policy) {
    server = TestServer.start(dir, List.of(new InventoryRoutes((tenant, sku) -> Optional.empty()), policy));
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private TestServer.Response get(String path, String token, String origin) {
    return server.send("GET", path, token, null, null, origin == null ? Map.of() : Map.of("Origin", origin));
  }

  private TestServer.Response preflight(String origin) {
    return server.send("OPTIONS", "/v1/inventory/SKU-1", null, null, null, Map.of("Origin", origin,
        "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization,content-type"));
  }

  @Test
  void aConfiguredOriginMayCallAndReadTheAnswer() {
    start(BrowserPolicy.fromEnvironment(Map.of(BrowserPolicy.ORIGINS_VARIABLE, STOREFRONT + ", https://admin.example.com")));
    String token = server.token("acme", "u1", null, "admin");
    TestServer.Response answer = get("/v1/inventory/SKU-1", token, STOREFRONT);
    assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains(STOREFRONT);
    assertThat(answer.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Location");

    TestServer.Response preflight = preflight(STOREFRONT);
    assertThat(preflight.status()).as(preflight.body()).isBetween(200, 204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(STOREFRONT);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("authorization");
  }

  @Test
  void anotherOriginGetsNoCorsHeaders() {
    start(BrowserPolicy.fromEnvironment(Map.of(BrowserPolicy.ORIGINS_VARIABLE, STOREFRONT)));
    String token = server.token("acme", "u1", null, "admin");
    TestServer.Response answer = get("/v1/inventory/SKU-1", token, "https://evil.example.net");
    assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    TestServer.Response preflight = preflight("https://evil.example.net");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
  }

  @Test
  void withoutConfiguredOriginsNoOriginIsAllowed() {
    start(BrowserPolicy.fromEnvironment(Map.of()));
    String token = server.token("acme", "u1", null, "admin");
    assertThat(get("/v1/inventory/SKU-1", token, STOREFRONT).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(preflight(STOREFRONT).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void everyAnswerCarriesTheSecurityHeadersAndNoHstsOverPlainHttp() {
    start(BrowserPolicy.fromEnvironment(Map.of()));
    for (TestServer.Response answer : List.of(get("/health/live", null, null), get("/v1/inventory/SKU-1", null, null),
        get("/no/such/path", null, null))) {
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(answer.headers().firstValue("Content-Security-Policy")).contains("frame-ancestors 'none'");
      assertThat(answer.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
      assertThat(answer.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
  }

  @Test
  void aMistypedOriginFailsTheStartInsteadOfOpeningTheApi() {
    assertThatThrownBy(() -> BrowserPolicy.fromEnvironment(Map.of(BrowserPolicy.ORIGINS_VARIABLE, "*")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BrowserPolicy.fromEnvironment(Map.of(BrowserPolicy.ORIGINS_VARIABLE, "https://a.example/path")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BrowserPolicy.fromEnvironment(Map.of(BrowserPolicy.ORIGINS_VARIABLE, "ftp://a.example")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
