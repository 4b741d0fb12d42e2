package io.fusioncommerce.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forwarding headers build the links other people follow: believed from configured proxies only. */
class TrustedProxiesTest {

  @Test
  void matchesAddressesAndCidrRanges() {
    TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7 ,fd00::/8");
    assertThat(proxies.trusts("10.20.30.40")).isTrue();
    assertThat(proxies.trusts("192.168.1.7")).isTrue();
    assertThat(proxies.trusts("192.168.1.8")).isFalse();
    assertThat(proxies.trusts("11.0.0.1")).isFalse();
    assertThat(proxies.trusts("fd12::1")).isTrue();
    assertThat(proxies.trusts("fe80::1")).isFalse();
    assertThat(proxies.trusts("not-an-address")).isFalse();
    assertThat(proxies.trusts(null)).isFalse();
  }

  @Test
  void noneByDefault() {
    assertThat(TrustedProxies.fromEnvironment(Map.of()).trusts("127.0.0.1")).isFalse();
    assertThat(TrustedProxies.none().trusts("10.0.0.1")).isFalse();
  }

  @Test
  void refusesHostNamesAndNonsense() {
    assertThatThrownBy(() -> TrustedProxies.parse("proxy.internal")).hasMessageContaining(TrustedProxies.VARIABLE);
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/99")).hasMessageContaining(TrustedProxies.VARIABLE);
  }

  @Test
  void aClientsForwardingHeadersAreIgnoredUnlessItIsATrustedProxy() throws Exception {
    assertThat(answer(TrustedProxies.none())).startsWith("http://127.0.0.1:").endsWith(" 127.0.0.1");
    assertThat(answer(TrustedProxies.parse("10.0.0.0/8"))).startsWith("http://127.0.0.1:").endsWith(" 127.0.0.1");
    // the trusted proxy appended 10.1.1.1, the hop it saw; what lies further left only 10.1.1.1 vouches for
    assertThat(answer(TrustedProxies.parse("127.0.0.1/32"))).isEqualTo("https://shop.example 10.1.1.1");
    assertThat(answer(TrustedProxies.parse("127.0.0.1/32, 10.0.0.0/8"))).isEqualTo("https://shop.example 203.0.113.9");
  }

  /** What the API answers as its base URL and client address to a request that claims forwarding headers. */
  private static String answer(TrustedProxies proxies) throws Exception {
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = "127.0.0.1";
      config.jetty.port = 0;
      proxies.module().register(new DocumentedRoutes(config.routes), null);
      config.routes.get("/base", ctx -> ctx.result(PublicUrls.base(ctx) + " " + PublicUrls.clientAddress(ctx)));
    }).start();
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/base"))
              .header("X-Forwarded-Host", "shop.example").header("X-Forwarded-Proto", "https")
              .header("X-Forwarded-For", "203.0.113.9, 10.1.1.1").build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } finally {
      app.stop();
    }
  }
}
