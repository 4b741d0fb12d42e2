package io.fusioncommerce.e2e.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fraud scoring in the order saga on the embedded platform, over HTTP: a card-testing burst is held (or
 * rejected) while a normal customer buys, an operator works the review queue, another tenant sees none of it.
 */
@PlatformTest
class FraudJourneyIT extends PlatformJourney {

  private static final String BURST_ADDRESS = "203.0.113.9";
  private final String operator = acme.token("op-1", "operator");

  FraudJourneyIT(TestTenant acme) {
    super(acme);
    acme.seedProductInStock("GIFT", 2500, "USD", "v-gifts", 100);
    acme.seedProductInStock("STICKER", 100, "USD", "v-gifts", 100);
  }

  @Test
  void aCardTestingBurstIsHeldForAnOperatorWhileANormalCustomerBuys() {
    // this tenant rejects only the surest cases: the rest of the burst waits for a person
    assertThat(api.put("/v1/fraud/settings", admin, "{\"reviewThreshold\":0.5,\"rejectThreshold\":0.99}").status())
        .isEqualTo(202);
    awaitSettingsVersion(1);

    // the tenant's usual orders: two customers, 50.00 each
    String alice = acme.customer("alice");
    String bob = acme.customer("bob");
    List<String> normal = List.of(place(alice, "alice", "tok_alice", "198.51.100.20", "GIFT", 2),
        place(bob, "bob", "tok_bob", "198.51.100.30", "GIFT", 2),
        place(alice, "alice", "tok_alice", "198.51.100.20", "GIFT", 2));
    List<String> normalTokens = List.of(alice, bob, alice);
    for (int i = 0; i < normal.size(); i++) { // settled before the burst starts
      assertThat(acme.settledOrder(normal.get(i), normalTokens.get(i)).path("status").asText()).isEqualTo("CONFIRMED");
    }

    // then a card tester: six new accounts, six cards, one address, the cheapest item, within seconds
    List<String> burst = new ArrayList<>();
    List<String> burstTokens = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String buyer = "burst-" + i;
      String token = acme.customer(buyer);
      burstTokens.add(token);
      burst.add(place(token, buyer, "tok_card_" + i, BURST_ADDRESS, "STICKER", 1));
    }
    // and a normal customer meanwhile
    normal = List.of(place(bob, "bob", "tok_bob", "198.51.100.30", "GIFT", 2));
    normalTokens = List.of(bob);

    assertThat(acme.settledOrder(normal.get(0), normalTokens.get(0)).path("status").asText()).isEqualTo("CONFIRMED");
    List<String> endings = new ArrayList<>();
    for (int i = 0; i < burst.size(); i++) {
      endings.add(acme.settledOrder(burst.get(i), burstTokens.get(i)).path("status").asText());
    }
    // the first cards from the address look like anyone's; from the fourth the address has tried too many
    assertThat(endings.subList(3, 6)).allMatch(Set.of("HELD", "REJECTED")::contains);
    String held = burst.get(endings.lastIndexOf("HELD"));

    JsonNode heldOrder = api.get("/v1/orders/" + held, admin).json();
    assertThat(heldOrder.path("risk").path("decision").asText()).isEqualTo("REVIEW");
    assertThat(heldOrder.path("risk").path("reasons").isEmpty()).isFalse();
    JsonNode buyersView = api.get("/v1/orders/" + held, burstTokens.get(endings.lastIndexOf("HELD"))).json();
    assertThat(buyersView.path("risk").isNull() || buyersView.path("risk").isMissingNode())
        .as("the buyer is not shown the risk").isTrue();
    JsonNode queue = awaitQueueWith(held);
    assertThat(queue.path("items").findValuesAsText("orderId")).doesNotContainAnyElementsOf(normal);

    // another tenant's staff see no queue entry and no order
    String stranger = acme.otherTenantToken("op-1", "operator");
    assertThat(api.get("/v1/fraud/reviews", stranger).json().path("items").findValuesAsText("orderId")).doesNotContain(held);
    assertThat(api.post("/v1/orders/" + held + "/risk-review", stranger, "{\"decision\":\"APPROVE\"}").status()).isEqualTo(404);

    // bad input changes nothing
    ApiClient.Response bad = api.post("/v1/orders/" + held + "/risk-review", operator, "{\"decision\":\"MAYBE\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("decision");
    assertThat(api.post("/v1/orders/" + normal.get(0) + "/risk-review", operator, "{\"decision\":\"APPROVE\"}").status())
        .isEqualTo(409);

    // the operator approves: the order is confirmed and can be paid
    assertThat(api.post("/v1/orders/" + held + "/risk-review", operator, "{\"decision\":\"APPROVE\"}").status()).isEqualTo(202);
    JsonNode approved = acme.awaitOrder(held, admin, TestTenant.status("CONFIRMED"));
    assertThat(approved.path("risk").path("reviewDecision").asText()).isEqualTo("APPROVE");
    assertThat(approved.path("risk").path("reviewedBy").asText()).isEqualTo("op-1");
  }

  @Test
  void thresholdsOutsideTheirRangeAreRefusedNamingTheField() {
    ApiClient.Response inverted = api.put("/v1/fraud/settings", admin, "{\"reviewThreshold\":0.9,\"rejectThreshold\":0.5}");
    assertThat(inverted.status()).isEqualTo(400);
    assertThat(inverted.json().path("errors").get(0).path("field").asText()).isEqualTo("reviewThreshold");
    ApiClient.Response above = api.put("/v1/fraud/settings", admin, "{\"reviewThreshold\":0.5,\"rejectThreshold\":1.5}");
    assertThat(above.status()).isEqualTo(400);
    assertThat(above.json().path("errors").get(0).path("field").asText()).isEqualTo("rejectThreshold");
    assertThat(api.put("/v1/fraud/settings", operator, "{\"reviewThreshold\":0.1,\"rejectThreshold\":0.2}").status())
        .isEqualTo(403);
  }

  private String place(String token, String customer, String paymentMethod, String clientAddress, String sku,
      int quantity) {
    ApiClient.Response accepted = api.send("POST", "/v1/orders", token, "{\"customerId\":\"" + customer
        + "\",\"currency\":\"USD\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
        + "}],\"billingAddress\":{\"country\":\"US\"},"
        + "\"paymentMethod\":\"" + paymentMethod + "\"}", Map.of("X-Forwarded-For", clientAddress));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    return accepted.json().path("orderId").asText();
  }

  private void awaitSettingsVersion(long version) {
    await().atMost(TestTenant.WITHIN).until(() -> api.get("/v1/fraud/settings", admin).json().path("version").asLong() >= version);
  }

  /** The queue once it shows {@code orderId} (it follows the order's status change within moments). */
  private JsonNode awaitQueueWith(String orderId) {
    return await().atMost(TestTenant.WITHIN).until(() -> api.get("/v1/fraud/reviews", operator).json(),
        queue -> queue.path("items").findValuesAsText("orderId").contains(orderId));
  }
}
