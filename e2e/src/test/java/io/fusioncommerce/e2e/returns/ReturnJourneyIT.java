package io.fusioncommerce.e2e.returns;

import static io.fusioncommerce.e2e.platform.TestTenant.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import org.junit.jupiter.api.Test;

/**
 * Returns on the embedded platform over HTTP: an order placed, paid with the sandbox's test card, shipped
 * and delivered; the customer returns part of it; the vendor approves, the parcel is received; the units
 * are back in stock, the payment shows the refund and the return is REFUNDED. Refusals change nothing,
 * and another tenant sees no such return.
 */
@PlatformTest
class ReturnJourneyIT extends PlatformJourney {

  private static final String ADDRESS = "{\"name\":\"Alice Buyer\",\"line1\":\"742 Evergreen Terrace\","
      + "\"city\":\"Shelbyville\",\"postalCode\":\"62565\",\"country\":\"US\"}";

  private final String alice = acme.customer("alice");
  private final String bob = acme.customer("bob");
  private final String shoeVendor = acme.vendor("vendor-shoes", "v-shoes");
  private final String sockVendor = acme.vendor("vendor-socks", "v-socks");

  ReturnJourneyIT(TestTenant acme) {
    super(acme);
    acme.seedProductInStock("SHOE", 5999, "USD", "v-shoes", 50);
    acme.seedProductInStock("SOCK", 1000, "USD", "v-socks", 50);
  }

  @Test
  void aDeliveredOrderIsReturnedRestockedAndRefunded() {
    String orderId = deliveredOrder("[{\"sku\":\"SHOE\",\"quantity\":3},{\"sku\":\"SOCK\",\"quantity\":1}]");
    long shoesBefore = acme.stock("SHOE").path("available").asLong();

    ApiClient.Response requested = api.post("/v1/orders/" + orderId + "/returns", alice,
        "{\"items\":[{\"sku\":\"SHOE\",\"quantity\":2}],\"reason\":\"too small\"}");
    assertThat(requested.status()).as(requested.text()).isEqualTo(202);
    String returnId = requested.json().path("returnId").asText();
    assertThat(requested.header("Location")).isEqualTo("/v1/returns/" + returnId);
    JsonNode view = awaitReturn(returnId, alice, "REQUESTED");
    assertThat(view.path("orderId").asText()).isEqualTo(orderId);
    assertThat(view.path("refundAmount").path("amount").asLong()).isEqualTo(2 * 5999);
    assertThat(view.path("items").get(0).path("vendorId").asText()).isEqualTo("v-shoes");

    // who may see and decide
    assertThat(api.get("/v1/returns/" + returnId, bob).status()).as("another customer").isEqualTo(404);
    assertThat(api.get("/v1/returns/" + returnId, sockVendor).status()).as("a vendor without items in it").isEqualTo(404);
    assertThat(api.get("/v1/returns/" + returnId, acme.otherTenantToken("admin-1", "admin")).status())
        .as("another tenant").isEqualTo(404);
    assertThat(api.post("/v1/returns/" + returnId + "/approve", acme.otherTenantToken("admin-1", "admin"), "{}").status())
        .as("another tenant's admin").isEqualTo(404);
    assertThat(api.post("/v1/returns/" + returnId + "/approve", sockVendor, "{}").status()).isEqualTo(404);
    assertThat(api.post("/v1/returns/" + returnId + "/approve", alice, "{}").status()).as("the customer").isEqualTo(403);
    assertThat(api.post("/v1/returns/" + returnId + "/receive", admin, "{}").status()).as("not approved yet").isEqualTo(409);

    java.util.Map<String, String> key = java.util.Map.of("Idempotency-Key", "approve-" + returnId);
    assertThat(api.send("POST", "/v1/returns/" + returnId + "/approve", shoeVendor, "{}", key).status()).isEqualTo(202);
    awaitReturn(returnId, alice, "APPROVED");
    assertThat(api.send("POST", "/v1/returns/" + returnId + "/approve", shoeVendor, "{}", key).status())
        .as("the same request again: its first answer").isEqualTo(202);
    assertThat(api.post("/v1/returns/" + returnId + "/approve", shoeVendor, "{}").status()).as("twice").isEqualTo(409);

    ApiClient.Response received = api.post("/v1/returns/" + returnId + "/receive", shoeVendor, "{}");
    assertThat(received.status()).as(received.text()).isEqualTo(202);
    JsonNode refunded = awaitReturn(returnId, alice, "REFUNDED");
    assertThat(refunded.path("receivedAt").isTextual()).isTrue();
    assertThat(refunded.path("refundedAt").isTextual()).isTrue();

    assertThat(acme.stock("SHOE").path("available").asLong()).isEqualTo(shoesBefore + 2);
    JsonNode payment = api.get("/v1/payments/pay-" + orderId, admin).json();
    assertThat(payment.path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(payment.path("refunded").path("amount").asLong()).isEqualTo(2 * 5999);

    JsonNode list = api.get("/v1/orders/" + orderId + "/returns", alice).json();
    assertThat(list.path("items").findValuesAsText("returnId")).containsExactly(returnId);
  }

  @Test
  void refusalsAnswerAtOnceAndChangeNothing() {
    String orderId = deliveredOrder("[{\"sku\":\"SHOE\",\"quantity\":2}]");
    ApiClient.Response first = api.post("/v1/orders/" + orderId + "/returns", alice, "{\"items\":[{\"sku\":\"SHOE\",\"quantity\":1}]}");
    assertThat(first.status()).as(first.text()).isEqualTo(202);
    awaitReturn(first.json().path("returnId").asText(), alice, "REQUESTED");

    ApiClient.Response tooMany = api.post("/v1/orders/" + orderId + "/returns", alice, "{\"items\":[{\"sku\":\"SHOE\",\"quantity\":2}]}");
    assertThat(tooMany.status()).as("more than delivered, counting the first return").isEqualTo(422);
    assertThat(tooMany.json().path("errors").findValuesAsText("field")).containsExactly("items[0].quantity");
    ApiClient.Response unknown = api.post("/v1/orders/" + orderId + "/returns", alice, "{\"items\":[{\"sku\":\"SOCK\",\"quantity\":1}]}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().path("errors").findValuesAsText("field")).containsExactly("items[0].sku");
    assertThat(api.post("/v1/orders/" + orderId + "/returns", alice, "{\"items\":[{\"sku\":\"SHOE\",\"quantity\":0}]}").status())
        .isEqualTo(422);
    assertThat(api.post("/v1/orders/" + orderId + "/returns", alice, "{\"items\":[]}").status()).isEqualTo(400);
    assertThat(api.post("/v1/orders/" + orderId + "/returns", bob, "{\"items\":[{\"sku\":\"SHOE\",\"quantity\":1}]}").status())
        .as("another customer's order").isEqualTo(404);
    assertThat(api.post("/v1/orders/" + orderId + "/returns", acme.otherTenantToken("alice", "customer"),
        "{\"items\":[{\"sku\":\"SHOE\",\"quantity\":1}]}").status()).as("another tenant").isEqualTo(404);

    // the tenant closes its window: no more returns
    assertThat(api.put("/v1/tenant/settings/returns", admin, "{\"returnWindowDays\":0}").status()).isEqualTo(200);
    ApiClient.Response closed = api.post("/v1/orders/" + orderId + "/returns", alice, "{\"items\":[{\"sku\":\"SHOE\",\"quantity\":1}]}");
    assertThat(closed.status()).as(closed.text()).isEqualTo(422);
    assertThat(api.put("/v1/tenant/settings/returns", admin, "{\"returnWindowDays\":400}").status()).isEqualTo(400);
    assertThat(api.put("/v1/tenant/settings/returns", admin, "{\"returnWindowDays\":null}").status()).isEqualTo(200);

    // an order that is only paid takes no return
    String paidOnly = paidOrder("[{\"sku\":\"SOCK\",\"quantity\":1}]");
    ApiClient.Response notDelivered = api.post("/v1/orders/" + paidOnly + "/returns", alice, "{\"items\":[{\"sku\":\"SOCK\",\"quantity\":1}]}");
    assertThat(notDelivered.status()).as(notDelivered.text()).isEqualTo(409);

    JsonNode list = api.get("/v1/orders/" + orderId + "/returns", alice).json();
    assertThat(list.path("items")).hasSize(1);
  }

  // ------------------------------------------------------------------ helpers

  private String paidOrder(String items) {
    String orderId = acme.placeOrder(alice, "{\"customerId\":\"alice\",\"currency\":\"USD\",\"items\":" + items
        + ",\"shippingAddress\":" + ADDRESS + "}");
    JsonNode order = acme.awaitOrder(orderId, alice,
        o -> "REQUIRES_PAYMENT_METHOD".equals(o.path("payment").path("status").asText()));
    ApiClient.Response paid = api.post("/v1/payments/" + order.path("payment").path("paymentId").asText() + "/confirm",
        alice, "{\"paymentMethod\":\"pm_card_visa\"}");
    assertThat(paid.status()).as(paid.text()).isEqualTo(202);
    acme.awaitOrder(orderId, alice, status("PAID"));
    return orderId;
  }

  private String deliveredOrder(String items) {
    String orderId = paidOrder(items);
    JsonNode order = acme.awaitOrder(orderId, alice, o -> o.path("shipments").size() > 0
        && o.path("shipments").findValuesAsText("status").stream().allMatch("LABEL_CREATED"::equals));
    for (String shipmentId : order.path("shipments").findValuesAsText("shipmentId")) {
      track(shipmentId, "IN_TRANSIT");
      track(shipmentId, "DELIVERED");
    }
    assertThat(acme.awaitOrder(orderId, alice, status("DELIVERED")).path("status").asText()).isEqualTo("DELIVERED");
    awaitReturnable(orderId);
    return orderId;
  }

  /** The return topology follows the order within moments: its view of the order says DELIVERED. */
  private void awaitReturnable(String orderId) {
    long deadline = System.currentTimeMillis() + TestTenant.WITHIN.toMillis();
    ApiClient.Response list = api.get("/v1/orders/" + orderId + "/returns", alice);
    while (!(list.status() == 200 && "DELIVERED".equals(list.json().path("orderStatus").asText()))
        && System.currentTimeMillis() < deadline) {
      sleep();
      list = api.get("/v1/orders/" + orderId + "/returns", alice);
    }
    assertThat(list.json().path("orderStatus").asText()).as(list.text()).isEqualTo("DELIVERED");
    assertThat(list.json().path("deliveredAt").isTextual()).isTrue();
  }

  private void track(String shipmentId, String status) {
    ApiClient.Response accepted = api.post("/v1/shipments/" + shipmentId + "/tracking", admin,
        "{\"status\":\"" + status + "\",\"location\":\"Shelbyville\"}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
  }

  /** The return once it reached {@code status} (long-polling its GET), or its last view. */
  private JsonNode awaitReturn(String returnId, String token, String status) {
    long deadline = System.currentTimeMillis() + TestTenant.WITHIN.toMillis();
    JsonNode view = null;
    while (System.currentTimeMillis() < deadline) {
      ApiClient.Response response = api.get("/v1/returns/" + returnId + "?waitMs=2000"
          + (view == null ? "" : "&version=" + view.path("version").asLong()), token);
      if (response.status() == 200) {
        view = response.json();
        if (status.equals(view.path("status").asText())) {
          return view;
        }
      } else {
        sleep();
      }
    }
    assertThat(view).as("return " + returnId).isNotNull();
    assertThat(view.path("status").asText()).isEqualTo(status);
    return view;
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
