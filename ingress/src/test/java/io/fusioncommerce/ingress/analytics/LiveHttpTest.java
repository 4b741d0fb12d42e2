package io.fusioncommerce.ingress.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.analytics.live.CampaignProgress;
import io.fusioncommerce.analytics.live.LiveFigures;
import io.fusioncommerce.analytics.live.LiveMinute;
import io.fusioncommerce.analytics.live.LowStockSku;
import io.fusioncommerce.ingress.TestServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /v1/live over real HTTP: the events a dashboard reads, the caps, and that a tenant sees only its own. */
class LiveHttpTest {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  TestServer server;
  FakeAnalytics live = new FakeAnalytics();
  HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    LiveSettings settings = new LiveSettings(10, 2, LiveSettings.DEFAULT_REFRESH, Duration.ofMillis(500));
    server = TestServer.start(dir, List.of(new LiveRoutes(live, settings)));
  }

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  static LiveFigures figures(String tenant, long placed) {
    Instant minute = Instant.parse("2026-12-05T10:00:00Z");
    return new LiveFigures(tenant, Instant.now(), List.of(new LiveMinute(minute, placed, placed - 1, 1, 3 * placed,
        Map.of("USD", 1999 * placed), Map.of("INSUFFICIENT_STOCK", 1L), 40L, 180L)),
        List.of(new LowStockSku("SKU-9", "v1", 2, 5, minute)),
        List.of(new CampaignProgress("camp-1", "SKU-1", 7, 10, minute.plus(Duration.ofDays(1)))));
  }

  private EventStream open(String tenant, String role) {
    return EventStream.open(http, server.baseUrl() + "/v1/live", server.token(tenant, "u-" + role, null, role));
  }

  private static JsonNode data(EventStream.Event event) throws Exception {
    assertThat(event.name()).isEqualTo("figures");
    return JSON.readTree(event.data());
  }

  @Test
  void aStreamGetsTheFiguresAtOnceAndAgainWhenTheyChange() throws Exception {
    live.live.put("acme", figures("acme", 5));
    try (EventStream stream = open("acme", "operator")) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/event-stream"));
      JsonNode first = data(stream.next(WAIT));
      assertThat(first.path("tenantId").asText()).isEqualTo("acme");
      assertThat(first.path("minutes").get(0).path("ordersPlaced").asLong()).isEqualTo(5);
      assertThat(first.path("minutes").get(0).path("revenueByCurrency").path("USD").asLong()).isEqualTo(5 * 1999);
      assertThat(first.path("lowStock").get(0).path("sku").asText()).isEqualTo("SKU-9");
      assertThat(first.path("campaigns").get(0).path("joinedQuantity").asLong()).isEqualTo(7);

      live.live.put("acme", figures("acme", 5)); // the same figures read later: not pushed again
      live.live.put("acme", figures("acme", 8));
      JsonNode changed = data(stream.next(WAIT));
      assertThat(changed.path("minutes").get(0).path("ordersPlaced").asLong()).isEqualTo(8);
    }
  }

  @Test
  void aTenantsStreamNeverShowsAnotherTenantsFigures() throws Exception {
    live.live.put("acme", figures("acme", 5));
    // a source that answered the wrong tenant's figures must not leak them
    live.live.put("globex", figures("acme", 6));
    try (EventStream acme = open("acme", "admin"); EventStream globex = open("globex", "analyst")) {
      assertThat(data(acme.next(WAIT)).path("tenantId").asText()).isEqualTo("acme");
      live.live.put("globex", figures("globex", 2));
      JsonNode seen = data(globex.next(WAIT));
      assertThat(seen.path("tenantId").asText()).isEqualTo("globex");
      assertThat(seen.path("minutes").get(0).path("ordersPlaced").asLong()).isEqualTo(2);
      live.live.put("acme", figures("acme", 50));
      assertThat(data(acme.next(WAIT)).path("minutes").get(0).path("ordersPlaced").asLong()).isEqualTo(50);
      EventStream.Event more = globex.poll(Duration.ofSeconds(1));
      assertThat(more).as("globex sees nothing of acme's change").isNull();
    }
  }

  @Test
  void aTenantMayOpenOnlySoManyStreamsAndAClosedOneFreesItsPlace() throws Exception {
    live.live.put("acme", figures("acme", 1));
    EventStream one = open("acme", "operator");
    try (EventStream two = open("acme", "operator")) {
      assertThat(one.status()).isEqualTo(200);
      assertThat(two.status()).isEqualTo(200);
      try (EventStream third = open("acme", "admin")) {
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
      }
      try (EventStream otherTenant = open("globex", "operator")) {
        assertThat(otherTenant.status()).isEqualTo(200);
      }
      one.close();
      // the server notices the hang-up at its next write (a heartbeat) and frees the place
      long deadline = System.nanoTime() + WAIT.toNanos();
      int status;
      do {
        Thread.sleep(200);
        try (EventStream again = open("acme", "operator")) {
          status = again.status();
        }
      } while (status == 429 && System.nanoTime() < deadline);
      assertThat(status).isEqualTo(200);
    }
  }

  @Test
  void vendorsCustomersAndStrangersAreRefusedAndAPlainRequestIsToldToAcceptAnEventStream() throws Exception {
    try (EventStream vendor = EventStream.open(http, server.baseUrl() + "/v1/live",
        server.token("acme", "v", "v1", "vendor"))) {
      assertThat(vendor.status()).isEqualTo(403);
    }
    try (EventStream customer = open("acme", "customer")) {
      assertThat(customer.status()).isEqualTo(403);
    }
    try (EventStream anonymous = EventStream.open(http, server.baseUrl() + "/v1/live", null)) {
      assertThat(anonymous.status()).isEqualTo(401);
    }
    server.get("/v1/live", server.token("acme", "o", null, "operator")).problem(406);
    assertThat(live.liveReads).hasValue(0);
  }
}
