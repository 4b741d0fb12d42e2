package io.fusioncommerce.e2e.carts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Carts over HTTP on the embedded platform: a customer fills a cart priced from the catalog, gives a
 * shipping address whose state taxes it, and checks it out; the order goes through the saga and is
 * CONFIRMED with the cart's prices and tax. Another tenant, another customer and bad input are refused
 * and change nothing.
 */
@PlatformTest
class CartCheckoutIT extends PlatformJourney {

  private final String shopper;

  CartCheckoutIT(TestTenant acme) {
    super(acme);
    shopper = acme.customer("cart-shopper");
    acme.seedProductInStock("CART-KETTLE", 5000, "USD", "v-kettles", 20);
    acme.seedProductInStock("CART-MUG", 999, "USD", "v-mugs", 20);
  }

  private static final String ADDRESS = "{\"name\":\"Ada\",\"line1\":\"1 Main St\",\"city\":\"Los Angeles\","
      + "\"region\":\"CA\",\"postalCode\":\"90001\",\"country\":\"US\"}";

  private String newCart(String token, String customer) {
    ApiClient.Response created = api.post("/v1/carts", token, "{\"customerId\":\"" + customer + "\",\"currency\":\"USD\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.header("Location")).startsWith("/v1/carts/");
    return created.json().path("cartId").asText();
  }

  /** Sets a line, waiting for the seeded product to reach the cart topology's copy of the catalog. */
  private JsonNode set(String cartId, String sku, long quantity) {
    ApiClient.Response answer = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> api.put("/v1/carts/" + cartId + "/items/" + sku, shopper, "{\"quantity\":" + quantity + "}"),
            r -> r.status() != 404);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  @Test
  void aTaxedCartWithACouponIsCheckedOutOnceIntoAConfirmedOrderWithTheCartsPricesDiscountAndTax() {
    ApiClient.Response rates = api.put("/v1/tax/rates/US", admin, "{\"rate\":\"0.00\",\"inclusive\":false,"
        + "\"regions\":{\"CA\":\"0.0725\"}}");
    assertThat(rates.status()).as(rates.text()).isEqualTo(200);
    String cartId = newCart(shopper, "cart-shopper");
    set(cartId, "CART-KETTLE", 1);
    JsonNode cart = set(cartId, "CART-KETTLE", 2);
    assertThat(cart.path("items").get(0).path("unitPrice").path("amount").asLong()).isEqualTo(5000);
    assertThat(cart.path("subtotal").path("amount").asLong()).isEqualTo(10000);
    cart = set(cartId, "CART-MUG", 1);
    assertThat(cart.path("items")).hasSize(2);
    assertThat(cart.path("total").path("amount").asLong()).isEqualTo(10999);

    // a coupon: 10 % off, at most 100 redemptions; an unknown code is refused and changes nothing
    ApiClient.Response promotion = api.post("/v1/promotions", admin, "{\"code\":\"CART10\",\"type\":\"PERCENT_OFF\","
        + "\"value\":10,\"currency\":\"USD\",\"usageLimit\":100,\"perCustomerLimit\":1}");
    assertThat(promotion.status()).as(promotion.text()).isEqualTo(201);
    String promotionId = promotion.json().path("promotionId").asText();
    ApiClient.Response unknown = api.post("/v1/carts/" + cartId + "/coupons", shopper, "{\"code\":\"NOSUCHCODE\"}");
    assertThat(unknown.status()).as(unknown.text()).isEqualTo(422);
    assertThat(unknown.json().path("errors").findValuesAsText("field")).containsExactly("code");
    ApiClient.Response coupon = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> api.post("/v1/carts/" + cartId + "/coupons", shopper, "{\"code\":\"CART10\"}"),
            r -> r.status() != 422); // the promotion reaches the carts' copy of the promotions
    assertThat(coupon.status()).as(coupon.text()).isEqualTo(200);
    cart = coupon.json();
    assertThat(cart.path("discounts").get(0).path("promotionId").asText()).isEqualTo(promotionId);
    assertThat(cart.path("discounts").get(0).path("amount").path("amount").asLong()).isEqualTo(1099); // 10 % of 109.99
    assertThat(cart.path("total").path("amount").asLong()).isEqualTo(9900);

    JsonNode taxed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
      ApiClient.Response shipped = api.put("/v1/carts/" + cartId + "/shipping-address", shopper,
          "{\"shippingAddress\":" + ADDRESS + "}");
      assertThat(shipped.status()).as(shipped.text()).isEqualTo(200);
      return shipped.json();
    }, c -> !c.path("tax").isNull() && !c.path("tax").isMissingNode()); // the rates reach the carts' table
    // the discount splits 999 / 100 over the lines (largest remainder); tax per line on what is left, half-up:
    // 9001 × 0.0725 = 652.57 → 653; 899 × 0.0725 = 65.18 → 65
    assertThat(taxed.path("tax").path("amount").asLong()).isEqualTo(718);
    assertThat(taxed.path("total").path("amount").asLong()).isEqualTo(9900 + 718);

    ApiClient.Response checkout = api.post("/v1/carts/" + cartId + "/checkout", shopper, "{\"shippingAddress\":" + ADDRESS + "}");
    assertThat(checkout.status()).as(checkout.text()).isEqualTo(202);
    String orderId = checkout.json().path("orderId").asText();
    assertThat(checkout.header("Location")).isEqualTo("/v1/orders/" + orderId);

    JsonNode order = acme.awaitOrder(orderId, shopper, TestTenant.status("CONFIRMED"));
    assertThat(order.path("total").path("amount").asLong()).isEqualTo(9900 + 718);
    assertThat(order.path("tax").path("amount").asLong()).isEqualTo(718);
    assertThat(order.path("discounts").path("amount").asLong()).isEqualTo(1099);
    assertThat(order.path("cartId").asText()).isEqualTo(cartId);
    JsonNode kettle = order.path("items").findParents("sku").stream()
        .filter(item -> "CART-KETTLE".equals(item.path("sku").asText())).findFirst().orElseThrow();
    assertThat(kettle.path("unitPrice").path("amount").asLong()).isEqualTo(5000);
    assertThat(kettle.path("discount").path("amount").asLong()).isEqualTo(999);
    assertThat(kettle.path("tax").path("amount").asLong()).isEqualTo(653);
    assertThat(kettle.path("lineTotal").path("amount").asLong()).isEqualTo(9001 + 653);
    // the promotion counts the redemption the order took
    JsonNode redeemed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> api.get("/v1/promotions/" + promotionId, admin).json(), p -> p.path("redemptions").asLong() == 1);
    assertThat(redeemed.path("usageLimit").asLong()).isEqualTo(100);
    assertThat(api.get("/v1/promotions/" + promotionId, acme.otherTenantToken("boss", "admin")).status()).isEqualTo(404);
    assertThat(api.get("/v1/promotions/" + promotionId, shopper).status()).isEqualTo(403);

    // once per cart: a second checkout names the same order; the cart takes no more lines
    ApiClient.Response again = api.post("/v1/carts/" + cartId + "/checkout", shopper, "{\"shippingAddress\":" + ADDRESS + "}");
    assertThat(again.status()).as(again.text()).isEqualTo(202);
    assertThat(again.json().path("orderId").asText()).isEqualTo(orderId);
    assertThat(api.put("/v1/carts/" + cartId + "/items/CART-MUG", shopper, "{\"quantity\":3}").status()).isEqualTo(409);
    assertThat(acme.stock("CART-KETTLE").path("reserved").asLong()).isEqualTo(2);
  }

  @Test
  void otherTenantsOtherCustomersAndBadInputAreRefusedAndChangeNothing() {
    String cartId = newCart(shopper, "cart-shopper");
    set(cartId, "CART-MUG", 2);

    // another tenant's admin and another customer of the tenant: no such cart
    assertThat(api.get("/v1/carts/" + cartId, acme.otherTenantToken("boss", "admin")).status()).isEqualTo(404);
    assertThat(api.put("/v1/carts/" + cartId + "/items/CART-MUG", acme.otherTenantToken("boss", "admin"),
        "{\"quantity\":5}").status()).isEqualTo(404);
    assertThat(api.post("/v1/carts/" + cartId + "/checkout", acme.otherTenantToken("boss", "admin"),
        "{\"shippingAddress\":" + ADDRESS + "}").status()).isEqualTo(404);
    assertThat(api.get("/v1/carts/" + cartId, acme.customer("someone-else")).status()).isEqualTo(404);
    // a customer opens carts for itself only, and creates no promotions
    assertThat(api.post("/v1/promotions", shopper, "{\"code\":\"MINE\",\"type\":\"PERCENT_OFF\",\"value\":90,"
        + "\"currency\":\"USD\"}").status()).isEqualTo(403);
    assertThat(api.post("/v1/carts", shopper, "{\"customerId\":\"someone-else\",\"currency\":\"USD\"}").status())
        .isEqualTo(403);

    record Case(String path, String body, int status, String field) {}
    for (Case bad : new Case[] {
        new Case("/items/CART-MUG", "{\"quantity\":-1}", 400, "quantity"),
        new Case("/items/CART-MUG", "{\"quantity\":1000}", 400, "quantity"),
        new Case("/items/CART-MUG", "{}", 400, "quantity"),
        new Case("/items/NO-SUCH-SKU", "{\"quantity\":1}", 404, null),
        new Case("/items/CART-MUG", "{\"quantity\":1,\"unitPrice\":{\"amount\":1,\"currency\":\"USD\"}}", 400, null),
        new Case("/coupons", "{\"code\":\"lower case\"}", 400, "code")}) {
      ApiClient.Response refused = bad.path().startsWith("/coupons")
          ? api.post("/v1/carts/" + cartId + bad.path(), shopper, bad.body())
          : api.put("/v1/carts/" + cartId + bad.path(), shopper, bad.body());
      assertThat(refused.status()).as(bad.body() + " " + refused.text()).isEqualTo(bad.status());
      assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      if (bad.field() != null) {
        assertThat(refused.json().path("errors").findValuesAsText("field")).as(refused.text()).contains(bad.field());
      }
    }
    ApiClient.Response badAddress = api.post("/v1/carts/" + cartId + "/checkout", shopper,
        "{\"shippingAddress\":{\"name\":\"Ada\",\"line1\":\"1 Main St\",\"city\":\"X\",\"postalCode\":\"1\",\"country\":\"usa\"}}");
    assertThat(badAddress.status()).as(badAddress.text()).isEqualTo(400);
    assertThat(badAddress.json().path("errors").findValuesAsText("field")).contains("shippingAddress.country");

    // tax rates: admins only, decimal strings between 0 and 1, another tenant sees none of them
    assertThat(api.put("/v1/tax/rates/DE", admin, "{\"rate\":\"0.19\",\"inclusive\":true}").status()).isEqualTo(200);
    for (String badRates : new String[] {"{\"rate\":\"1.5\",\"inclusive\":true}", "{\"rate\":\"0.19\"}",
        "{\"rate\":\"0.07\",\"inclusive\":true,\"regions\":{\"BY\":\"abc\"}}"}) {
      ApiClient.Response refused = api.put("/v1/tax/rates/DE", admin, badRates);
      assertThat(refused.status()).as(badRates + " " + refused.text()).isEqualTo(400);
      assertThat(refused.json().path("errors").findValuesAsText("field")).as(refused.text()).isNotEmpty();
    }
    assertThat(api.put("/v1/tax/rates/DE", shopper, "{\"rate\":\"0.00\",\"inclusive\":true}").status()).isEqualTo(403);
    assertThat(api.put("/v1/tax/rates/germany", admin, "{\"rate\":\"0.19\",\"inclusive\":true}").status()).isEqualTo(400);
    JsonNode german = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> api.get("/v1/tax/rates/DE", admin), r -> r.status() == 200).json();
    assertThat(german.path("rate").asText()).isEqualTo("0.19"); // the refused writes changed nothing
    assertThat(german.path("inclusive").asBoolean()).isTrue();
    assertThat(api.get("/v1/tax/rates/DE", acme.otherTenantToken("boss", "admin")).status()).isEqualTo(404);

    // nothing changed: the cart is as it was, still open
    JsonNode cart = api.get("/v1/carts/" + cartId, shopper).json();
    assertThat(cart.path("status").asText()).isEqualTo("OPEN");
    assertThat(cart.path("items")).hasSize(1);
    assertThat(cart.path("items").get(0).path("quantity").asLong()).isEqualTo(2);
    assertThat(cart.path("items").get(0).path("unitPrice").path("amount").asLong()).isEqualTo(999);
    // and an empty cart cannot be checked out
    String empty = newCart(shopper, "cart-shopper");
    ApiClient.Response emptyCheckout = api.post("/v1/carts/" + empty + "/checkout", shopper, "{\"shippingAddress\":" + ADDRESS + "}");
    assertThat(emptyCheckout.status()).as(emptyCheckout.text()).isEqualTo(400);
    assertThat(emptyCheckout.json().path("errors").findValuesAsText("field")).contains("items");
  }
}
