package io.fusioncommerce.ingress.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.ingress.database.PostgresFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /v1/orders} over HTTP against the real read-model table (V2 on PostgreSQL 17), with rows
 * written as the JDBC sink writes them (as the fusion_sink role): filters, pages, who sees what, and
 * every way a request can be wrong.
 */
class OrderListIT {

  @RegisterExtension static final PostgresFixture postgres =
      PostgresFixture.serving(database -> List.of(new OrderRoutes(database)));
  static String base;
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();
  static final LocalDateTime T0 = LocalDateTime.parse("2026-11-24T12:00:00");
  /** acme's orders, newest first, as the list must return them. */
  static final List<String> ACME_NEWEST_FIRST = new ArrayList<>();

  @BeforeAll
  static void start() {
    // 60 orders of acme, one a second, three of them at the very same millisecond (the id breaks the tie)
    for (int i = 0; i < 60; i++) {
      String customer = i % 3 == 0 ? "alice" : i % 3 == 1 ? "bob" : "carol";
      String status = i % 4 == 0 ? "CANCELLED" : i % 4 == 1 ? "CONFIRMED" : i % 4 == 2 ? "PAID" : "REJECTED";
      List<String> vendors = i % 2 == 0 ? List.of("v-shoes", "v-socks") : List.of("v-socks");
      LocalDateTime created = i >= 57 ? T0.plusSeconds(57) : T0.plusSeconds(i);
      String organization = i % 10 == 0 ? "org-1" : null;
      insert("acme", String.format("o-%02d", i), customer, status, vendors, created, organization);
    }
    insert("globex", "g-1", "alice", "CONFIRMED", List.of("v-socks"), T0, null);
    // the expected order: created_at desc, then order_id desc
    for (int i = 59; i >= 0; i--) {
      ACME_NEWEST_FIRST.add(String.format("o-%02d", i));
    }

    base = postgres.api().baseUrl();
    ADMIN = token("acme", "admin-1", null, null, "admin");
  }

  /** A row as the sink writes it: logged in as the fusion_sink role, which writes every tenant. */
  static void insert(String tenant, String orderId, String customer, String status, List<String> vendors,
      LocalDateTime created, String organization) {
    postgres.login("fusion_sink").useHandle(h -> {
      h.createUpdate("insert into orders.order_list (tenant_id, order_id, customer_id, status, total_amount, currency,"
              + " item_count, vendors, vendor_subtotals, vendor_item_counts, organization_id, created_at, updated_at,"
              + " version) values (:tenant, :order, :customer, :status, :total, 'USD', :items, :vendors, :subtotals,"
              + " :counts, :organization, :created, :created, 2)")
          .bind("tenant", tenant).bind("order", orderId).bind("customer", customer).bind("status", status)
          .bind("total", vendors.size() == 2 ? 6498L : 499L).bind("items", vendors.size())
          .bindArray("vendors", String.class, vendors)
          .bindArray("subtotals", Long.class, vendors.size() == 2 ? List.of(5999L, 499L) : List.of(499L))
          .bindArray("counts", Long.class, vendors.size() == 2 ? List.of(1L, 1L) : List.of(1L))
          .bind("organization", organization).bind("created", created)
          .execute();
    });
  }

  static String token(String tenant, String subject, String vendor, String organization, String... roles) {
    return postgres.api().token(tenant, subject, vendor, organization, List.of(roles));
  }

  static String ADMIN;

  static HttpResponse<String> get(String query, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/orders" + query))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode page(String query, String token) throws Exception {
    HttpResponse<String> response = get(query, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  static List<String> ids(JsonNode page) {
    return page.path("items").findValuesAsText("orderId");
  }

  /** Every order id over every page, following the cursors. */
  static List<String> walk(String query, String token) throws Exception {
    List<String> all = new ArrayList<>();
    JsonNode page = page(query, token);
    all.addAll(ids(page));
    int pages = 1;
    while (!page.path("next").isNull()) {
      String separator = query.isEmpty() ? "?" : "&";
      page = page(query + separator + "cursor=" + page.path("next").asText(), token);
      all.addAll(ids(page));
      assertThat(++pages).isLessThan(100);
    }
    return all;
  }

  static JsonNode problem(String query, String token) throws Exception {
    HttpResponse<String> response = get(query, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    return json.readTree(response.body());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ pages

  @Test
  void staffSeeTheTenantsOrdersNewestFirstFiftyAtATime() throws Exception {
    JsonNode first = page("", ADMIN);

    assertThat(ids(first)).containsExactlyElementsOf(ACME_NEWEST_FIRST.subList(0, 50));
    assertThat(first.path("next").asText()).isNotBlank();
    JsonNode newest = first.path("items").get(0);
    assertThat(newest.path("orderId").asText()).isEqualTo("o-59");
    assertThat(newest.path("createdAt").asText()).isEqualTo("2026-11-24T12:00:57Z");
    assertThat(newest.path("total").path("amount").asLong()).isEqualTo(499);
    assertThat(newest.path("total").path("currency").asText()).isEqualTo("USD");
    assertThat(newest.path("vendorIds").get(0).asText()).isEqualTo("v-socks");
    assertThat(newest.path("version").asLong()).isEqualTo(2);

    String analyst = token("acme", "an-1", null, null, "analyst");
    String operator = token("acme", "op-1", null, null, "operator");
    assertThat(walk("?limit=500", analyst)).hasSize(60);
    assertThat(walk("?limit=500", operator)).hasSize(60);
  }

  @Test
  void theCursorWalksEveryPageAndSeesEachOrderOnce() throws Exception {
    List<String> walked = walk("?limit=7", ADMIN);

    assertThat(walked).containsExactlyElementsOf(ACME_NEWEST_FIRST);
    assertThat(new HashSet<>(walked)).hasSize(60);
    // a filtered walk too, including the orders sharing one creation time
    List<String> paid = walk("?status=PAID&limit=2", ADMIN);
    assertThat(paid).containsExactlyElementsOf(ACME_NEWEST_FIRST.stream()
        .filter(id -> Integer.parseInt(id.substring(2)) % 4 == 2).toList());
  }

  @Test
  void theLastPageHasNoNextCursor() throws Exception {
    JsonNode all = page("?limit=60", ADMIN);
    assertThat(ids(all)).hasSize(60);
    assertThat(all.path("next").isNull()).isTrue();
    assertThat(all.has("next")).isTrue();
  }

  // ------------------------------------------------------------------ filters

  @Test
  void eachFilterNarrowsTheList() throws Exception {
    assertThat(walk("?customerId=alice&limit=500", ADMIN)).hasSize(20)
        .allSatisfy(id -> assertThat(Integer.parseInt(id.substring(2)) % 3).isZero());
    assertThat(walk("?status=CONFIRMED", ADMIN)).hasSize(15);
    assertThat(walk("?status=CONFIRMED,PAID", ADMIN)).hasSize(30);
    assertThat(walk("?status=CONFIRMED&status=PAID", ADMIN)).hasSize(30);
    assertThat(walk("?vendorId=v-shoes", ADMIN)).hasSize(30)
        .allSatisfy(id -> assertThat(Integer.parseInt(id.substring(2)) % 2).isZero());
    assertThat(walk("?vendorId=v-unknown", ADMIN)).isEmpty();
    // from inclusive, to exclusive
    assertThat(walk("?from=" + encode("2026-11-24T12:00:10Z") + "&to=" + encode("2026-11-24T12:00:20Z"), ADMIN))
        .containsExactly("o-19", "o-18", "o-17", "o-16", "o-15", "o-14", "o-13", "o-12", "o-11", "o-10");
    assertThat(walk("?from=" + encode("2026-11-24T13:00:10+01:00") + "&to=" + encode("2026-11-24T12:00:12Z"), ADMIN))
        .containsExactly("o-11", "o-10");
    assertThat(walk("?customerId=alice&status=CANCELLED&vendorId=v-shoes&from=" + encode("2026-11-24T12:00:00Z"), ADMIN))
        .containsExactlyElementsOf(ACME_NEWEST_FIRST.stream()
            .filter(id -> Integer.parseInt(id.substring(2)) % 12 == 0).toList());
  }

  // ------------------------------------------------------------------ who sees what

  @Test
  void aCustomerSeesOnlyItsOwnOrdersAndNamingSomeoneElseGivesAnEmptyPage() throws Exception {
    String bob = token("acme", "bob", null, null, "customer");

    assertThat(walk("", bob)).hasSize(20).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(2)) % 3).isEqualTo(1));
    assertThat(walk("?customerId=bob", bob)).hasSize(20);
    JsonNode someoneElse = page("?customerId=alice", bob);
    assertThat(ids(someoneElse)).isEmpty();
    assertThat(someoneElse.path("next").isNull()).isTrue();
  }

  @Test
  void aBuyerOfAnOrganizationAlsoSeesItsOrganizationsOrders() throws Exception {
    String buyer = token("acme", "dave", null, "org-1", "customer");
    // o-00, o-10, ... o-50 belong to org-1 (placed by alice, bob and carol)
    assertThat(walk("", buyer)).containsExactly("o-50", "o-40", "o-30", "o-20", "o-10", "o-00");
    assertThat(walk("?customerId=alice", buyer)).containsExactly("o-30", "o-00");
  }

  @Test
  void aVendorSeesTheOrdersWithItsLinesAndOnlyItsPartOfThem() throws Exception {
    String shoes = token("acme", "vendor-user", "v-shoes", null, "vendor");

    JsonNode page = page("?limit=500", shoes);
    assertThat(ids(page)).hasSize(30).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(2)) % 2).isZero());
    JsonNode row = page.path("items").get(0);
    assertThat(row.path("total").path("amount").asLong()).isEqualTo(5999); // its lines, not the order's 6498
    assertThat(row.path("itemCount").asInt()).isEqualTo(1);
    assertThat(row.path("vendorIds")).hasSize(1);
    assertThat(row.path("vendorIds").get(0).asText()).isEqualTo("v-shoes");
    assertThat(ids(page("?vendorId=v-socks", shoes))).hasSize(30); // narrowed by its own scope anyway
    // its part of the order does not name the buyer, and it cannot ask who bought what
    assertThat(page.path("items")).allSatisfy(item -> assertThat(item.path("customerId").isMissingNode()
        || item.path("customerId").isNull()).isTrue());
    assertThat(walk("?customerId=alice", shoes)).isEmpty();

    String socks = token("acme", "vendor-user", "v-socks", null, "vendor");
    assertThat(walk("?limit=500", socks)).hasSize(60);
    String withoutVendorClaim = token("acme", "vendor-user", null, null, "vendor");
    HttpResponse<String> refused = get("", withoutVendorClaim);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(json.readTree(refused.body()).path("type").asText()).endsWith("vendor-claim-missing");
  }

  @Test
  void aVendorWhoIsAlsoTheBuyerSeesItsOwnOrdersWhole() throws Exception {
    String both = token("acme", "alice", "v-shoes", null, "customer", "vendor");
    JsonNode page = page("?limit=500", both);
    // alice's 20 orders, plus the other orders with a v-shoes line
    assertThat(ids(page)).hasSize(20 + 20);
    for (JsonNode row : page.path("items")) {
      if ("alice".equals(row.path("customerId").asText())) {
        // whole: every vendor of the order, the order's total
        int vendors = row.path("vendorIds").size();
        assertThat(row.path("total").path("amount").asLong()).isEqualTo(vendors == 2 ? 6498 : 499);
      } else {
        assertThat(row.path("vendorIds").size()).isEqualTo(1);
        assertThat(row.path("total").path("amount").asLong()).isEqualTo(5999);
      }
    }
  }

  @Test
  void anotherTenantSeesNoneOfThem() throws Exception {
    String globexAdmin = token("globex", "admin-2", null, null, "admin");
    assertThat(walk("", globexAdmin)).containsExactly("g-1");
    String globexAlice = token("globex", "alice", null, null, "customer");
    assertThat(walk("?customerId=alice", globexAlice)).containsExactly("g-1");
    // and the database itself agrees, whatever the query says
    long rows = postgres.database().inTenant("globex", h -> h.createQuery("select count(*) from orders.order_list")
        .mapTo(Long.class).one());
    assertThat(rows).isEqualTo(1L);
  }

  // ------------------------------------------------------------------ bad requests

  @Test
  void everyWrongParameterIsNamed() throws Exception {
    assertThat(problem("?limit=0", ADMIN).path("errors").get(0).path("field").asText()).isEqualTo("limit");
    assertThat(problem("?limit=501", ADMIN).path("errors").get(0).path("field").asText()).isEqualTo("limit");
    assertThat(problem("?limit=many", ADMIN).path("errors").get(0).path("field").asText()).isEqualTo("limit");
    JsonNode status = problem("?status=CONFIRMED,SHIPPPED", ADMIN);
    assertThat(status.path("errors").get(0).path("field").asText()).isEqualTo("status");
    assertThat(status.path("errors").get(0).path("message").asText()).contains("SHIPPPED").contains("DELIVERED");
    assertThat(problem("?from=yesterday", ADMIN).path("errors").get(0).path("field").asText()).isEqualTo("from");
    assertThat(problem("?from=2026-11-24T12:00:00", ADMIN).path("errors").get(0).path("field").asText()).isEqualTo("from");
    assertThat(problem("?from=" + encode("2026-11-25T00:00:00Z") + "&to=" + encode("2026-11-24T00:00:00Z"), ADMIN)
        .path("errors").get(0).path("field").asText()).isEqualTo("to");
    assertThat(problem("?customerId=", ADMIN).path("errors").get(0).path("field").asText()).isEqualTo("customerId");
    assertThat(problem("?customerId=a&customerId=b", ADMIN).path("errors").get(0).path("message").asText())
        .contains("more than once");
    assertThat(problem("?cursor=not-a-cursor", ADMIN).path("errors").get(0).path("field").asText()).isEqualTo("cursor");
    assertThat(problem("?stauts=PAID", ADMIN).path("errors").get(0).path("field").asText()).isEqualTo("stauts");

    JsonNode several = problem("?limit=0&status=NOPE&vendorId=" + "v".repeat(300), ADMIN);
    assertThat(several.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("limit", "status", "vendorId");
    assertThat(several.path("type").asText()).startsWith("urn:fusioncommerce:problem:");
  }

  @Test
  void aCursorOnlyContinuesTheListItCameFrom() throws Exception {
    String next = page("?status=PAID&limit=2", ADMIN).path("next").asText();

    assertThat(ids(page("?status=PAID&limit=2&cursor=" + next, ADMIN))).hasSize(2);
    // the page size may change; the filters may not
    assertThat(ids(page("?status=PAID&limit=5&cursor=" + next, ADMIN))).hasSize(5);
    assertThat(problem("?status=CONFIRMED&limit=2&cursor=" + next, ADMIN).path("errors").get(0).path("field").asText())
        .isEqualTo("cursor");
  }

  @Test
  void withoutATokenTheListIsRefused() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/orders")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void theOpenApiDocumentDescribesTheList() throws Exception {
    JsonNode api = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    JsonNode list = api.path("paths").path("/v1/orders").path("get");
    Set<String> parameters = new HashSet<>(list.path("parameters").findValuesAsText("name"));
    assertThat(parameters).containsExactlyInAnyOrder("customerId", "status", "vendorId", "from", "to", "limit", "cursor");
    assertThat(list.path("responses").has("200")).isTrue();
    assertThat(list.path("responses").has("400")).isTrue();
    assertThat(api.path("components").path("schemas").has("OrderListResponse")).isTrue();
  }
}
