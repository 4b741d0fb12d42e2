package io.fusioncommerce.e2e.orders;

import static io.fusioncommerce.e2e.platform.TestTenant.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Authorization inside a tenant, over HTTP on the embedded platform: two vendors (v-a sells A-SHOE, v-b
 * sells B-SOCK, both created in the catalog in Postgres), a customer who buys from both, an analyst.
 * A vendor acts only on its own products' stock and sees only its own part of an order (order, history,
 * list); a vendor token without the vendor claim is refused; only the paying customer gets the payment's
 * client secret. See docs/security/authorization.md.
 */
@PlatformTest
class VendorScopeIT extends PlatformJourney {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  private final String vendorA = acme.vendor("seller-a", "v-a");
  private final String vendorB = acme.vendor("seller-b", "v-b");

  VendorScopeIT(TestTenant acme) {
    super(acme);
    acme.createProduct("A-SHOE", "v-a", 5000);
    acme.createProduct("B-SOCK", "v-b", 500);
    // once announced, they are orderable
    acme.productCreated("A-SHOE");
    acme.productCreated("B-SOCK");
    acme.setStock("B-SOCK", vendorB, 100);
  }

  @Test
  void vendorBCannotSetTheStockOfVendorAsSkuAndNothingChanges() {
    long version = acme.setStock("A-SHOE", vendorA, 10);

    ApiClient.Response refused = api.put("/v1/inventory/A-SHOE", vendorB, "{\"available\":0}");
    assertThat(refused.status()).as(refused.text()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().path("detail").asText()).contains("belongs to another vendor");
    assertThat(api.put("/v1/inventory/A-SHOE", vendorB, "{\"available\":0,\"warehouse\":\"east\"}").status())
        .isEqualTo(403);
    assertThat(api.put("/v1/inventory/NO-SUCH-SKU", vendorB, "{\"available\":5}").status()).isEqualTo(404);

    // vendor A's next change is the very next version: vendor B's commands never reached the stock
    assertThat(acme.setStock("A-SHOE", vendorA, 11)).isEqualTo(version + 1);
    JsonNode stock = acme.stock("A-SHOE");
    assertThat(stock.path("available").asLong()).isEqualTo(11);
    assertThat(stock.path("warehouses").has("east")).isFalse();
  }

  @Test
  void aVendorSeesOnlyItsOwnPartOfAnOrderItsHistoryAndTheList() {
    acme.setStock("A-SHOE", admin, 50);
    String carol = acme.token("vs-carol", "customer");
    String orderId = acme.placeOrder(carol, "vs-carol", "USD", "[{\"sku\":\"A-SHOE\",\"quantity\":1},{\"sku\":\"B-SOCK\",\"quantity\":2}]");
    acme.awaitOrder(orderId, carol, status("CONFIRMED"));

    ApiClient.Response whole = api.get("/v1/orders/" + orderId + "/history", admin);
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.text()).as("staff see every entry").contains("B-SOCK").contains("vs-carol");

    ApiClient.Response history = api.get("/v1/orders/" + orderId + "/history", vendorA);
    assertThat(history.status()).as(history.text()).isEqualTo(200);
    JsonNode items = history.json().path("items");
    assertThat(items.findValuesAsText("type")).contains("StockReserved", "StatusChanged");
    assertThat(items.findValuesAsText("detail")).anyMatch(d -> d.startsWith("A-SHOE"));
    assertThat(history.text()).as("no other vendor's lines, no buyer").doesNotContain("B-SOCK").doesNotContain("vs-carol");

    JsonNode part = api.get("/v1/orders/" + orderId, vendorA).json();
    assertThat(part.path("items").findValuesAsText("sku")).containsExactly("A-SHOE");
    assertThat(part.path("total").path("amount").asLong()).isEqualTo(5000);
    assertThat(part.path("customerId").isNull() || part.path("customerId").isMissingNode()).isTrue();

    JsonNode[] listed = new JsonNode[1];
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      ApiClient.Response list = api.get("/v1/orders?limit=500", vendorA);
      assertThat(list.status()).isEqualTo(200);
      listed[0] = null;
      for (JsonNode row : list.json().path("items")) {
        if (orderId.equals(row.path("orderId").asText())) {
          listed[0] = row;
        }
      }
      assertThat(listed[0]).isNotNull();
    });
    assertThat(listed[0].path("total").path("amount").asLong()).isEqualTo(5000);
    assertThat(listed[0].path("customerId").isNull() || listed[0].path("customerId").isMissingNode()).isTrue();
    assertThat(api.get("/v1/orders?customerId=vs-carol", vendorA).json().path("items")).isEmpty();
  }

  @Test
  void aVendorTokenWithoutTheVendorClaimIsRefused() {
    // an identity provider may issue such a token; the development issuer's HTTP route refuses to
    String withoutClaim = acme.platform().devTokens().issue("seller-x", acme.id(), List.of("vendor"), null, null,
        Duration.ofMinutes(5));

    ApiClient.Response export = api.get("/v1/products/export", withoutClaim);
    assertThat(export.status()).as("it exported the whole tenant catalogue").isEqualTo(403);
    assertThat(export.header("Content-Type")).startsWith("application/problem+json");
    assertThat(export.json().path("type").asText()).isEqualTo("urn:fusioncommerce:problem:vendor-claim-missing");
    assertThat(export.text()).doesNotContain("A-SHOE");
    assertThat(api.put("/v1/inventory/A-SHOE", withoutClaim, "{\"available\":0}").status()).isEqualTo(403);
    assertThat(api.get("/v1/orders", withoutClaim).status()).isEqualTo(403);

    ApiClient.Response own = api.get("/v1/products/export", vendorA);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.text()).contains("A-SHOE").doesNotContain("B-SOCK");
  }

  @Test
  void onlyThePayingCustomerGetsThePaymentsClientSecret() {
    acme.setStock("A-SHOE", admin, 50);
    String dan = acme.token("vs-dan", "customer");
    String orderId = acme.placeOrder(dan, "vs-dan", "USD", "[{\"sku\":\"A-SHOE\",\"quantity\":1}]");
    JsonNode order = acme.awaitOrder(orderId, dan,
        o -> "REQUIRES_PAYMENT_METHOD".equals(o.path("payment").path("status").asText()));
    assertThat(order.path("payment").path("clientSecret").asText()).isNotBlank();
    String paymentId = order.path("payment").path("paymentId").asText();
    assertThat(api.get("/v1/payments/" + paymentId, dan).json().path("clientSecret").asText()).isNotBlank();

    String analyst = acme.token("vs-analyst", "analyst");
    String operator = acme.token("vs-operator", "operator");
    for (String staff : List.of(analyst, admin, operator)) {
      JsonNode seen = api.get("/v1/orders/" + orderId, staff).json();
      assertThat(seen.path("payment").path("paymentId").asText()).isEqualTo(paymentId);
      assertThat(seen.path("payment").path("clientSecret").isNull()
          || seen.path("payment").path("clientSecret").isMissingNode()).isTrue();
      ApiClient.Response payment = api.get("/v1/payments/" + paymentId, staff);
      assertThat(payment.status()).isEqualTo(200);
      assertThat(payment.json().path("clientSecret").isNull() || payment.json().path("clientSecret").isMissingNode())
          .isTrue();
    }
  }
}
