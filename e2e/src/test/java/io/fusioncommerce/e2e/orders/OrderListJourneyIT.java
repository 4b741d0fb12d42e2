package io.fusioncommerce.e2e.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The order list end to end on the embedded platform: orders placed over HTTP reach the Postgres read
 * model through orders.view and the bundled JDBC sink, and GET /v1/orders shows them within seconds.
 */
@PlatformTest
class OrderListJourneyIT extends PlatformJourney {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  OrderListJourneyIT(TestTenant acme) {
    super(acme);
    acme.seedProductInStock("SHOE", 5999, "USD", "v-shoes", 1000);
    acme.seedProductInStock("SOCK", 499, "USD", "v-socks", 1000);
    acme.seedProductInStock("RARE", 100, "USD", "v-rare", 1);
  }

  private String place(String token, String customer, String items) {
    return acme.placeOrder(token, customer, "USD", items);
  }

  private JsonNode list(String query, String token) {
    ApiClient.Response response = api.get("/v1/orders" + query, token);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  private static Map<String, String> statuses(JsonNode page) {
    return StreamSupport.stream(page.path("items").spliterator(), false)
        .collect(Collectors.toMap(i -> i.path("orderId").asText(), i -> i.path("status").asText()));
  }

  /** Waits until the list (with this query) shows each order in the given status. */
  private JsonNode awaitListed(String query, String token, Map<String, String> expected) {
    JsonNode[] page = new JsonNode[1];
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      page[0] = list(query, token);
      assertThat(statuses(page[0])).containsAllEntriesOf(expected);
    });
    return page[0];
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void placedOrdersAppearWithinSecondsAndEveryFilterFindsThem() {
    String alice = acme.customer("lj-alice");
    String bob = acme.customer("lj-bob");
    Instant before = Instant.now().minusSeconds(1);
    String both = place(alice, "lj-alice", "[{\"sku\":\"SHOE\",\"quantity\":1},{\"sku\":\"SOCK\",\"quantity\":2}]");
    String socks = place(bob, "lj-bob", "[{\"sku\":\"SOCK\",\"quantity\":1}]");
    String tooMany = place(bob, "lj-bob", "[{\"sku\":\"RARE\",\"quantity\":5}]");

    JsonNode aliceRows = awaitListed("?customerId=lj-alice", admin, Map.of(both, "CONFIRMED"));
    JsonNode row = aliceRows.path("items").get(0);
    assertThat(row.path("total").path("amount").asLong()).isEqualTo(5999 + 2 * 499);
    assertThat(row.path("itemCount").asInt()).isEqualTo(3);
    assertThat(row.path("vendorIds").toString()).isEqualTo("[\"v-shoes\",\"v-socks\"]");
    assertThat(Instant.parse(row.path("createdAt").asText())).isAfter(before);

    awaitListed("?customerId=lj-bob", admin, Map.of(socks, "CONFIRMED", tooMany, "REJECTED"));
    assertThat(statuses(list("?customerId=lj-bob&status=REJECTED", admin))).containsOnlyKeys(tooMany);
    assertThat(list("?customerId=lj-bob&status=REJECTED", admin).path("items").get(0).path("rejectionReason").asText())
        .isEqualTo("INSUFFICIENT_STOCK");
    assertThat(statuses(list("?customerId=lj-bob&status=CONFIRMED,REJECTED", admin))).containsOnlyKeys(socks, tooMany);
    assertThat(statuses(list("?vendorId=v-shoes&from=" + encode(before.toString()), admin))).containsKey(both)
        .doesNotContainKeys(socks, tooMany);
    assertThat(statuses(list("?to=" + encode(before.toString()), admin))).doesNotContainKeys(both, socks, tooMany);
    assertThat(statuses(list("?from=" + encode(before.toString()) + "&to=" + encode(Instant.now().plusSeconds(60).toString()),
        admin))).containsKeys(both, socks, tooMany);
  }

  @Test
  void theCursorWalksEveryPageAndSeesEachOrderExactlyOnce() {
    String pager = acme.customer("lj-pager");
    List<String> placed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      placed.add(place(pager, "lj-pager", "[{\"sku\":\"SOCK\",\"quantity\":1}]"));
    }
    awaitListed("?customerId=lj-pager&limit=500", admin,
        placed.stream().collect(Collectors.toMap(id -> id, id -> "CONFIRMED")));

    List<String> walked = new ArrayList<>();
    JsonNode page = list("?customerId=lj-pager&limit=5", pager);
    int pages = 1;
    walked.addAll(page.path("items").findValuesAsText("orderId"));
    while (!page.path("next").isNull()) {
      page = list("?customerId=lj-pager&limit=5&cursor=" + page.path("next").asText(), pager);
      walked.addAll(page.path("items").findValuesAsText("orderId"));
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(walked).hasSize(12).doesNotHaveDuplicates();
    assertThat(new HashSet<>(walked)).isEqualTo(new HashSet<>(placed));
    // newest first: the reverse of the order they were placed in
    List<String> createdAt = list("?customerId=lj-pager&limit=500", pager).path("items").findValuesAsText("createdAt");
    assertThat(createdAt).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
  }

  @Test
  void aCancelledOrdersStatusChangesInTheList() {
    String carol = acme.customer("lj-carol");
    String id = place(carol, "lj-carol", "[{\"sku\":\"SHOE\",\"quantity\":1}]");
    JsonNode confirmed = awaitListed("?customerId=lj-carol", carol, Map.of(id, "CONFIRMED")).path("items").get(0);

    assertThat(api.post("/v1/orders/" + id + "/cancel", carol, "{\"reason\":\"changed my mind\"}").status()).isEqualTo(202);

    JsonNode cancelled = awaitListed("?customerId=lj-carol", carol, Map.of(id, "CANCELLED")).path("items").get(0);
    assertThat(cancelled.path("version").asLong()).isGreaterThan(confirmed.path("version").asLong());
    assertThat(cancelled.path("createdAt").asText()).isEqualTo(confirmed.path("createdAt").asText());
    assertThat(statuses(list("?customerId=lj-carol&status=CONFIRMED", carol))).doesNotContainKey(id);
  }

  @Test
  void aCustomerSeesOnlyItsOwnAndAVendorOnlyItsPart() {
    String dan = acme.customer("lj-dan");
    String erin = acme.customer("lj-erin");
    String dans = place(dan, "lj-dan", "[{\"sku\":\"SHOE\",\"quantity\":2},{\"sku\":\"SOCK\",\"quantity\":1}]");
    String erins = place(erin, "lj-erin", "[{\"sku\":\"SOCK\",\"quantity\":1}]");
    awaitListed("?customerId=lj-erin", erin, Map.of(erins, "CONFIRMED"));
    awaitListed("?customerId=lj-dan", dan, Map.of(dans, "CONFIRMED"));

    assertThat(list("", dan).path("items").findValuesAsText("customerId")).containsOnly("lj-dan");
    assertThat(list("?customerId=lj-erin", dan).path("items")).isEmpty();

    String shoeVendor = acme.vendor("vendor-user", "v-shoes");
    JsonNode part = StreamSupport.stream(list("?limit=500", shoeVendor).path("items").spliterator(), false)
        .filter(i -> dans.equals(i.path("orderId").asText())).findFirst().orElseThrow();
    assertThat(part.path("total").path("amount").asLong()).isEqualTo(2 * 5999);
    assertThat(part.path("itemCount").asInt()).isEqualTo(2);
    assertThat(part.path("vendorIds").toString()).isEqualTo("[\"v-shoes\"]");
    // a vendor's part does not name the buyer, and the vendor cannot ask who bought what
    assertThat(part.path("customerId").isNull() || part.path("customerId").isMissingNode()).isTrue();
    assertThat(list("?customerId=lj-dan", shoeVendor).path("items")).isEmpty();
    assertThat(list("?customerId=lj-erin", shoeVendor).path("items")).isEmpty();
  }

  @Test
  void anotherTenantSeesNoneOfThem() {
    String alice = acme.customer("lj-frank");
    String id = place(alice, "lj-frank", "[{\"sku\":\"SOCK\",\"quantity\":1}]");
    awaitListed("?customerId=lj-frank", admin, Map.of(id, "CONFIRMED"));

    String globexAdmin = acme.otherTenantToken("admin-1", "admin");
    assertThat(list("?limit=500", globexAdmin).path("items")).isEmpty();
    String globexFrank = acme.otherTenantToken("lj-frank", "customer");
    assertThat(list("?customerId=lj-frank", globexFrank).path("items")).isEmpty();
  }

  @Test
  void aWrongFilterIsRefusedWithItsName() {
    ApiClient.Response response = api.get("/v1/orders?status=LOST&limit=1000", admin);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("status", "limit");
  }
}
