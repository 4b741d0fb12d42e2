package io.fusioncommerce.ingress.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.analytics.query.CampaignPoint;
import io.fusioncommerce.analytics.query.CampaignQuery;
import io.fusioncommerce.analytics.query.Granularity;
import io.fusioncommerce.analytics.query.SalesGroupBy;
import io.fusioncommerce.analytics.query.SalesPoint;
import io.fusioncommerce.analytics.query.SalesQuery;
import io.fusioncommerce.analytics.query.Scope;
import io.fusioncommerce.analytics.query.TopProduct;
import io.fusioncommerce.analytics.query.TopProductsQuery;
import io.fusioncommerce.ingress.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analytics routes' edge: who may ask, whose facts they get, what they refuse, what they answer. */
class AnalyticsHttpTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;
  TestServer server;
  FakeAnalytics analytics = new FakeAnalytics();
  String admin;
  String analyst;
  String vendor;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, List.of(new AnalyticsRoutes(analytics)));
    admin = server.token("acme", "a1", null, "admin");
    analyst = server.token("acme", "an1", null, "analyst");
    vendor = server.token("acme", "v-user", "v1", "vendor");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void salesAnswerTheSeriesInTheContractsShapeForTheCallersTenant() {
    analytics.sales = List.of(new SalesPoint(T0, "v1", 3, 7, 12_345, "USD"), new SalesPoint(T0, "v1", 1, 1, 500, "JPY"));

    TestServer.Response answer = server.get("/v1/analytics/sales?from=2026-12-01T10:00:00Z&to=2026-12-01T12:00:00Z"
        + "&granularity=hour&groupBy=vendor", analyst);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode first = answer.json().path("series").get(0);
    assertThat(first.path("time").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(first.path("group").asText()).isEqualTo("v1");
    assertThat(first.path("orders").asLong()).isEqualTo(3);
    assertThat(first.path("units").asLong()).isEqualTo(7);
    assertThat(first.path("revenue").path("amount").asLong()).isEqualTo(12_345);
    assertThat(first.path("revenue").path("currency").asText()).isEqualTo("USD");
    assertThat(answer.json().path("series")).hasSize(2);
    assertThat(analytics.asked).containsExactly(new SalesQuery(Scope.tenant("acme"), T0, T0.plus(Duration.ofHours(2)),
        Granularity.HOUR, Optional.of(SalesGroupBy.VENDOR)));
  }

  @Test
  void withoutATimeRangeTheLastSpanOfTheGranularityEndingNowIsAsked() {
    Instant before = Instant.now();
    server.get("/v1/analytics/sales?granularity=minute", admin);
    SalesQuery asked = (SalesQuery) analytics.asked.get(0);
    assertThat(asked.to()).isBetween(before, Instant.now());
    assertThat(Duration.between(asked.from(), asked.to())).isEqualTo(Duration.ofHours(1));
    assertThat(asked.groupBy()).isEmpty();
  }

  @Test
  void aVendorGetsItsOwnSalesOnlyAndIsRefusedAnotherVendorsNamingTheField() {
    server.get("/v1/analytics/sales", vendor);
    server.get("/v1/analytics/sales?vendor=v1", vendor);
    assertThat(analytics.asked).allSatisfy(query -> assertThat(((SalesQuery) query).scope())
        .isEqualTo(Scope.vendor("acme", "v1")));

    analytics.asked.clear();
    TestServer.Response other = server.get("/v1/analytics/sales?vendor=v2", vendor);
    other.problem(403);
    assertThat(other.errorFields()).containsExactly("vendor");
    server.get("/v1/analytics/top-products?vendor=v2", vendor).problem(403);
    server.get("/v1/analytics/campaigns/c1?vendor=v2", vendor).problem(403);
    assertThat(analytics.asked).isEmpty();
  }

  @Test
  void staffMayNarrowToOneVendorAndTheTenantIsAlwaysTheTokens() {
    server.get("/v1/analytics/sales?vendor=v9&tenant=globex&tenantId=globex", admin);
    assertThat(((SalesQuery) analytics.asked.get(0)).scope()).isEqualTo(Scope.vendor("acme", "v9"));
  }

  @Test
  void anOperatorReadsTheWholeTenantLikeAnAnalyst() {
    server.get("/v1/analytics/sales", server.token("acme", "ops", null, "operator"));
    assertThat(((SalesQuery) analytics.asked.get(0)).scope()).isEqualTo(Scope.tenant("acme"));
  }

  @Test
  void queriesInFlightAreCappedPerTenantAndPerNodeAndTheRestRefusedAtOnce() throws Exception {
    server.close();
    server = TestServer.start(dir, List.of(new AnalyticsRoutes(analytics, 2, 1)));
    analytics.slow = new java.util.concurrent.CountDownLatch(1);
    var first = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> server.get("/v1/analytics/sales", server.token("acme", "a1", null, "admin")));
    awaitAsked(1);

    TestServer.Response sameTenant = server.get("/v1/analytics/sales", server.token("acme", "an1", null, "analyst"));
    assertThat(sameTenant.status()).isEqualTo(429);
    assertThat(sameTenant.headers().firstValue("Retry-After")).contains("1");

    var otherTenant = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> server.get("/v1/analytics/sales", server.token("globex", "g1", null, "admin")));
    awaitAsked(2);
    TestServer.Response nodeFull = server.get("/v1/analytics/sales", server.token("initech", "i1", null, "admin"));
    assertThat(nodeFull.status()).isEqualTo(503);
    assertThat(nodeFull.headers().firstValue("Retry-After")).contains("1");
    assertThat(analytics.asked).hasSize(2); // the refused ones asked nothing of the store

    analytics.slow.countDown();
    assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(otherTenant.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
    // the places are given back
    assertThat(server.get("/v1/analytics/sales", server.token("acme", "an1", null, "analyst")).status()).isEqualTo(200);
  }

  private void awaitAsked(int queries) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (analytics.asked.size() < queries && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(analytics.asked).hasSize(queries);
  }

  @Test
  void otherRolesAndAnonymousCallersAreRefused() {
    server.get("/v1/analytics/sales", server.token("acme", "x", null, "customer")).problem(403);
    server.get("/v1/analytics/top-products", null).problem(401);
    server.get("/v1/analytics/campaigns/c1", server.token("acme", "c", null, "customer")).problem(403);
    assertThat(analytics.asked).isEmpty();
  }

  @Test
  void badParametersAreRefusedNamingEachFieldAndNothingIsAsked() {
    assertThat(refused("/v1/analytics/sales?from=2026-12-01T12:00:00Z&to=2026-12-01T10:00:00Z")).containsExactly("from");
    assertThat(refused("/v1/analytics/sales?from=2026-12-01T10:00:00Z&to=2026-12-01T10:00:00Z")).containsExactly("from");
    assertThat(refused("/v1/analytics/sales?from=yesterday")).containsExactly("from");
    assertThat(refused("/v1/analytics/sales?to=2026-12-01")).containsExactly("to");
    assertThat(refused("/v1/analytics/sales?granularity=second")).containsExactly("granularity");
    assertThat(refused("/v1/analytics/sales?groupBy=customer")).containsExactly("groupBy");
    // a day and a minute by minute: one minute too long
    assertThat(refused("/v1/analytics/sales?granularity=minute&from=2026-12-01T10:00:00Z&to=2026-12-02T10:01:00Z"))
        .containsExactly("from");
    assertThat(refused("/v1/analytics/sales?granularity=day&from=-999999999-01-01T00:00:00Z&to=2026-12-01T00:00:00Z"))
        .containsExactly("from");
    assertThat(refused("/v1/analytics/top-products?limit=0")).containsExactly("limit");
    assertThat(refused("/v1/analytics/top-products?limit=101")).containsExactly("limit");
    assertThat(refused("/v1/analytics/top-products?limit=ten")).containsExactly("limit");
    assertThat(refused("/v1/analytics/sales?vendor=" + "x".repeat(200))).containsExactly("vendor");
    assertThat(refused("/v1/analytics/campaigns/not%20an%20id")).containsExactly("campaignId");
    assertThat(refused("/v1/analytics/sales?granularity=week&groupBy=planet&from=x&to=y"))
        .containsExactlyInAnyOrder("granularity", "groupBy", "from", "to");
    assertThat(analytics.asked).isEmpty();
  }

  private List<String> refused(String path) {
    TestServer.Response answer = server.get(path, admin);
    answer.problem(400);
    return answer.errorFields();
  }

  @Test
  void theLongestRangeOfAGranularityIsAccepted() {
    assertThat(server.get("/v1/analytics/sales?granularity=minute&from=2026-12-01T10:00:00Z&to=2026-12-02T10:00:00Z",
        admin).status()).isEqualTo(200);
  }

  @Test
  void topProductsAndCampaignsAnswerTheirSeries() {
    analytics.topProducts = List.of(new TopProduct("SKU-1", "v1", 4, 9, 9_000, "EUR"));
    analytics.campaign = List.of(new CampaignPoint(T0, 5, 12, 1));

    JsonNode top = server.get("/v1/analytics/top-products?limit=5", analyst).json();
    assertThat(top.path("items").get(0).path("sku").asText()).isEqualTo("SKU-1");
    assertThat(top.path("items").get(0).path("revenue").path("currency").asText()).isEqualTo("EUR");
    assertThat(((TopProductsQuery) analytics.asked.get(0)).limit()).isEqualTo(5);
    assertThat(Duration.between(((TopProductsQuery) analytics.asked.get(0)).from(),
        ((TopProductsQuery) analytics.asked.get(0)).to())).isEqualTo(Duration.ofDays(30));

    JsonNode funnel = server.get("/v1/analytics/campaigns/camp-1?granularity=day", vendor).json();
    assertThat(funnel.path("series").get(0).path("joins").asLong()).isEqualTo(5);
    assertThat(funnel.path("series").get(0).path("ordersPlaced").asLong()).isEqualTo(1);
    CampaignQuery asked = (CampaignQuery) analytics.asked.get(1);
    assertThat(asked.campaignId()).isEqualTo("camp-1");
    assertThat(asked.scope()).isEqualTo(Scope.vendor("acme", "v1"));
  }

  @Test
  void whileTheStoreIsNotAnsweringEveryRouteAnswers503WithRetryAfterAndNoInternals() {
    analytics.available = false;
    for (String path : List.of("/v1/analytics/sales", "/v1/analytics/top-products", "/v1/analytics/campaigns/c1")) {
      TestServer.Response answer = server.get(path, admin);
      answer.problem(503);
      assertThat(answer.headers().firstValue("Retry-After")).contains("10");
    }
    analytics.available = true;
    analytics.failing = true;
    TestServer.Response failed = server.get("/v1/analytics/sales", admin);
    failed.problem(503);
    assertThat(failed.headers().firstValue("Retry-After")).isPresent();
    assertThat(failed.body()).doesNotContain("druid-7.internal");
  }
}
