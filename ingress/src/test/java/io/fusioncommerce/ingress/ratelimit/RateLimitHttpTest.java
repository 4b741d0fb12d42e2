package io.fusioncommerce.ingress.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.TestServer;
import io.fusioncommerce.ingress.auth.Access;
import io.fusioncommerce.ingress.auth.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limiter on a real ingress over HTTP, with small limits and a clock that stands still, so a burst
 * past the limit is refused however fast or slow the machine is.
 */
class RateLimitHttpTest {

  private static final int CALLER_BURST = 5;
  private static final int TENANT_BURST = 8;

  @TempDir Path dir;
  private final ManualTimeMeter time = new ManualTimeMeter();
  private TestServer server;

  @BeforeEach
  void start() {
    ApiModule ping = (routes, api) -> {
      routes.get("/v1/ping", ctx -> ctx.result("pong"), Role.ADMIN, Role.CUSTOMER);
      routes.get("/v1/public-ping", ctx -> ctx.result("pong"), Access.ANONYMOUS);
      // reads its body, as every real webhook does (to check its signature): a body left unread makes Jetty
      // close the connection after answering, and the client's next request on it would find it closed
      routes.post("/v1/webhooks/test", ctx -> ctx.result("ok " + ctx.body().length()), Access.ANONYMOUS);
    };
    RateLimitSettings settings = new RateLimitSettings(true, new RateLimit(1, CALLER_BURST),
        new RateLimit(1, TENANT_BURST), Map.of(), 1_000);
    server = TestServer.start(dir, List.of(ping), new RateLimiter(settings, time));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aBurstPastTheCallersLimitIsRefusedWith429AndRetryAfterWhileOthersGoOn() {
    String alice = server.token("acme", "alice", null, "customer");
    String bob = server.token("acme", "bob", null, "customer");
    String globexAlice = server.token("globex", "alice", null, "customer");

    for (int i = 0; i < CALLER_BURST; i++) {
      TestServer.Response ok = server.get("/v1/ping", alice);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(CALLER_BURST - 1 - i));
    }
    TestServer.Response refused = server.get("/v1/ping", alice);
    JsonNode problem = refused.problem(429);
    assertThat(problem.path("type").asText()).isEqualTo("urn:fusioncommerce:problem:too-many-requests");
    assertThat(problem.path("detail").asText()).contains("caller");
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue(Integer.toString(CALLER_BURST));

    // another caller of the same tenant, and the same subject in another tenant, are not held back
    assertThat(server.get("/v1/ping", bob).status()).isEqualTo(200);
    assertThat(server.get("/v1/ping", globexAlice).status()).isEqualTo(200);

    time.advance(Duration.ofSeconds(1));
    assertThat(server.get("/v1/ping", alice).status()).isEqualTo(200);
  }

  @Test
  void theTenantsBucketBoundsAllItsCallersTogether() {
    for (int i = 0; i < TENANT_BURST; i++) {
      assertThat(server.get("/v1/ping", server.token("acme", "user-" + i, null, "customer")).status()).isEqualTo(200);
    }
    TestServer.Response refused = server.get("/v1/ping", server.token("acme", "newcomer", null, "customer"));
    assertThat(refused.problem(429).path("detail").asText()).contains("tenant");
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

    assertThat(server.get("/v1/ping", server.token("globex", "newcomer", null, "customer")).status()).isEqualTo(200);
  }

  @Test
  void anonymousRoutesAreLimitedByAddressAndHealthWebhooksAndDevTokensAreNot() {
    for (int i = 0; i < CALLER_BURST; i++) {
      assertThat(server.get("/v1/public-ping", null).status()).isEqualTo(200);
    }
    TestServer.Response refused = server.get("/v1/public-ping", null);
    refused.problem(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

    for (int i = 0; i < 3 * CALLER_BURST; i++) {
      assertThat(server.get("/health/live", null).status()).isEqualTo(200);
      assertThat(server.post("/v1/webhooks/test", null, "{}").status()).isEqualTo(200);
      assertThat(server.post("/v1/auth/dev-token", null,
          "{\"tenant\":\"acme\",\"sub\":\"u" + i + "\",\"roles\":[\"customer\"]}").status()).isEqualTo(200);
    }
  }
}
