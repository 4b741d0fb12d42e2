package io.fusioncommerce.e2e.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recommendations on the embedded platform: confirmed orders over HTTP, answers over HTTP. */
@PlatformTest
class RecommendationsIT extends PlatformJourney {

  private final String alice = acme.customer("alice");
  private final String bob = acme.customer("bob");

  RecommendationsIT(TestTenant acme) {
    super(acme);
    for (String sku : List.of("SHOE", "SOCK", "LACE")) {
      acme.seedProductInStock(sku, 999, "USD", "v-shop", 50);
    }
  }

  @Test
  void confirmedOrdersAnswerBoughtTogetherAndACustomersOwnRecommendationsWithoutWhatItBought() {
    confirmed(alice, "alice", "SHOE", "SOCK");
    confirmed(bob, "bob", "SHOE", "LACE");
    String carol = acme.customer("carol");
    confirmed(carol, "carol", "SOCK", "LACE");

    JsonNode shoe = await().atMost(TestTenant.WITHIN).until(
        () -> api.get("/v1/products/SHOE/recommendations?limit=10", alice).json(),
        answer -> answer.path("items").findValuesAsText("sku").containsAll(List.of("SOCK", "LACE")));
    assertThat(shoe.path("items").findValuesAsText("reason")).containsOnly("BOUGHT_TOGETHER:SHOE");

    JsonNode mine = await().atMost(TestTenant.WITHIN).until(
        () -> api.get("/v1/customers/alice/recommendations", alice).json(),
        answer -> answer.path("items").findValuesAsText("sku").contains("LACE"));
    assertThat(mine.path("items").findValuesAsText("sku")).doesNotContain("SHOE", "SOCK");
    assertThat(api.get("/v1/customers/alice/recommendations", admin).json().path("items").findValuesAsText("sku"))
        .contains("LACE");
  }

  @Test
  void refusals() {
    ApiClient.Response others = api.get("/v1/customers/bob/recommendations", alice);
    assertThat(others.status()).isEqualTo(404);
    ApiClient.Response tooMany = api.get("/v1/products/SHOE/recommendations?limit=51", alice);
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
    assertThat(api.get("/v1/products/NOPE/recommendations", alice).status()).isEqualTo(404);
    // another tenant has no SHOE: its callers learn nothing of this tenant's
    assertThat(api.get("/v1/products/SHOE/recommendations", acme.otherTenantToken("eve", "customer")).status())
        .isEqualTo(404);
    assertThat(api.get("/v1/products?personalize=maybe", alice).status()).isEqualTo(400);
  }

  private void confirmed(String token, String customer, String... skus) {
    StringBuilder items = new StringBuilder("[");
    for (String sku : skus) {
      items.append(items.length() > 1 ? "," : "").append("{\"sku\":\"").append(sku).append("\",\"quantity\":1}");
    }
    String id = acme.placeOrder(token, customer, "USD", items.append("]").toString());
    assertThat(acme.settledOrder(id, token).path("status").asText()).isEqualTo("CONFIRMED");
  }
}
