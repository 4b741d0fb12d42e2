package io.fusioncommerce.e2e.shipping;

import static io.fusioncommerce.e2e.platform.TestTenant.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.MarkOrderPaid;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * An order with two vendors, from POST to DELIVERED on the embedded platform over HTTP: paid (the
 * sandbox payment confirmed over HTTP; the hyperlocal case sends the payment worker's MarkOrderPaid), one shipment
 * per vendor with a label bought by the label worker and stored in the object store, tracked to
 * delivery by each vendor.
 */
@PlatformTest
class ShippingJourneyIT extends PlatformJourney {

  private static final String SHELBYVILLE = "{\"name\":\"Alice Buyer\",\"line1\":\"742 Evergreen Terrace\","
      + "\"city\":\"Shelbyville\",\"postalCode\":\"62565\",\"country\":\"US\"}";
  private static final String ALEXANDERPLATZ = "{\"name\":\"Alice Buyer\",\"line1\":\"Alexanderplatz 1\",\"city\":\"Berlin\","
      + "\"postalCode\":\"10178\",\"country\":\"DE\",\"latitude\":52.5219,\"longitude\":13.4132}";
  private static final String ONE_SHOE = "[{\"sku\":\"SHOE\",\"quantity\":1}]";

  private final String alice = acme.customer("alice");
  private final String shoeVendor = acme.vendor("shoe-seller", "v-shoes");
  private final String sockVendor = acme.vendor("sock-seller", "v-socks");

  ShippingJourneyIT(TestTenant acme) {
    super(acme);
    acme.seedProductInStock("SHOE", 5999, "USD", "v-shoes", 50);
    acme.seedProductInStock("SOCK", 499, "USD", "v-socks", 50);
  }

  @Test
  void aTwoVendorOrderIsPaidShippedInTwoLabelledParcelsAndDelivered() throws Exception {
    String orderId = acme.placeOrder(alice,
        order("[{\"sku\":\"SHOE\",\"quantity\":1},{\"sku\":\"SOCK\",\"quantity\":2}]", SHELBYVILLE));
    JsonNode order = await(orderId, status("CONFIRMED"));
    assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");

    // paid the way a customer pays: the payment intent shows on the order, the sandbox takes the test card
    order = await(orderId, o -> "REQUIRES_PAYMENT_METHOD".equals(o.path("payment").path("status").asText()));
    ApiClient.Response confirmed = api.post("/v1/payments/" + order.path("payment").path("paymentId").asText()
        + "/confirm", alice, "{\"paymentMethod\":\"pm_card_visa\"}");
    assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(202);

    order = await(orderId, o -> o.path("shipments").size() == 2
        && o.path("shipments").findValuesAsText("status").stream().allMatch("LABEL_CREATED"::equals));
    assertThat(order.path("status").asText()).isEqualTo("PAID");
    assertThat(order.path("shipments").findValuesAsText("vendorId")).containsExactlyInAnyOrder("v-shoes", "v-socks");
    List<String> shipmentIds = order.path("shipments").findValuesAsText("shipmentId");

    for (JsonNode summary : order.path("shipments")) {
      String id = summary.path("shipmentId").asText();
      JsonNode shipment = api.get("/v1/shipments/" + id, alice).json();
      assertThat(shipment.path("orderId").asText()).isEqualTo(orderId);
      assertThat(shipment.path("vendorId").asText()).isEqualTo(summary.path("vendorId").asText());
      assertThat(shipment.path("carrier").asText()).isEqualTo("local-courier");
      assertThat(shipment.path("status").asText()).isEqualTo("LABEL_CREATED");
      String trackingNumber = shipment.path("trackingNumber").asText();
      assertThat(trackingNumber).startsWith("LC");
      assertThat(shipment.path("labelUrl").asText()).endsWith("/v1/shipments/" + id + "/label");

      HttpResponse<byte[]> label = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(shipment.path("labelUrl").asText())).header("Authorization", "Bearer " + alice).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(label.statusCode()).isEqualTo(200);
      assertThat(label.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
      try (PDDocument pdf = Loader.loadPDF(label.body())) {
        assertThat(pdf.getPage(0).getMediaBox().getWidth()).isEqualTo(288f);
        assertThat(pdf.getPage(0).getMediaBox().getHeight()).isEqualTo(432f);
        assertThat(new PDFTextStripper().getText(pdf)).contains(trackingNumber, "Alice Buyer", "742 Evergreen Terrace",
            "Vendor " + summary.path("vendorId").asText());
      }
    }

    String shoes = shipmentOf(order, "v-shoes");
    String socks = shipmentOf(order, "v-socks");
    // who may see and move whose parcel
    assertThat(api.get("/v1/shipments/" + shoes, sockVendor).status()).isEqualTo(404);
    assertThat(api.get("/v1/shipments/" + shoes, acme.customer("bob")).status()).isEqualTo(404);
    assertThat(api.get("/v1/shipments/" + shoes, acme.otherTenantToken("alice", "customer")).status()).isEqualTo(404);
    assertThat(api.post("/v1/shipments/" + shoes + "/tracking", alice, "{\"status\":\"IN_TRANSIT\"}").status()).isEqualTo(403);
    assertThat(api.post("/v1/shipments/" + shoes + "/tracking", sockVendor, "{\"status\":\"IN_TRANSIT\"}").status())
        .isEqualTo(404);
    ApiClient.Response bad = api.post("/v1/shipments/" + shoes + "/tracking", shoeVendor, "{\"status\":\"LOST\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("status");

    track(shoes, shoeVendor, "IN_TRANSIT", "Springfield hub");
    awaitShipment(shoes, "IN_TRANSIT");
    assertThat(api.get("/v1/orders/" + orderId, alice).json().path("status").asText())
        .as("the socks have not left yet").isEqualTo("PAID");
    track(socks, sockVendor, "IN_TRANSIT", "Springfield hub");
    order = await(orderId, status("SHIPPED"));
    assertThat(order.path("status").asText()).isEqualTo("SHIPPED");

    track(shoes, shoeVendor, "OUT_FOR_DELIVERY", "Shelbyville");
    awaitShipment(shoes, "OUT_FOR_DELIVERY");
    ApiClient.Response backwards = api.post("/v1/shipments/" + shoes + "/tracking", shoeVendor, "{\"status\":\"IN_TRANSIT\"}");
    assertThat(backwards.status()).isEqualTo(409);
    track(shoes, shoeVendor, "DELIVERED", "Front porch");
    track(socks, admin, "DELIVERED", "Front porch");

    order = await(orderId, status("DELIVERED"));
    assertThat(order.path("status").asText()).isEqualTo("DELIVERED");
    assertThat(order.path("shipments").findValuesAsText("status")).containsOnly("DELIVERED");
    JsonNode delivered = api.get("/v1/shipments/" + shoes, shoeVendor).json();
    assertThat(delivered.path("tracking").findValuesAsText("status"))
        .containsExactly("IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
    assertThat(shipmentIds).containsExactlyInAnyOrder(shoes, socks);
    List<String> history = api.get("/v1/orders/" + orderId + "/history", alice).json().path("items").findValuesAsText("detail");
    assertThat(String.join("\n", history)).contains("PAID -> SHIPPED", "SHIPPED -> DELIVERED");
  }

  @Test
  void withHyperlocalOnAParcelWithinAnAgentsRadiusGoesToTheNearestAgent() throws Exception {
    assertThat(api.post("/v1/hyperlocal/agents", admin, "{\"agentId\":\"mitte\",\"name\":\"Mitte Bikes\","
        + "\"location\":{\"lat\":52.5200,\"lon\":13.4050},\"radiusKm\":5}").status()).isEqualTo(202);
    assertThat(api.post("/v1/hyperlocal/agents", admin, "{\"agentId\":\"potsdam\",\"name\":\"Potsdam Vans\","
        + "\"location\":{\"lat\":52.3906,\"lon\":13.0645},\"radiusKm\":50}").status()).isEqualTo(202);
    assertThat(api.put("/v1/hyperlocal/settings", admin, "{\"enabled\":true}").status()).isEqualTo(202);
    Thread.sleep(1_000); // the global stores follow their topics within moments

    JsonNode order = paidWithOneShipment(order(ONE_SHOE, ALEXANDERPLATZ), "LABEL_CREATED");
    JsonNode shipment = api.get("/v1/shipments/" + order.path("shipments").get(0).path("shipmentId").asText(), admin).json();
    assertThat(shipment.path("route").asText()).isEqualTo("HYPERLOCAL");
    assertThat(shipment.path("hyperlocalAgentId").asText()).isEqualTo("mitte");
    assertThat(shipment.path("carrier").asText()).isEqualTo("hyperlocal");
    assertThat(shipment.path("trackingNumber").asText()).startsWith("HL");
    assertThat(api.put("/v1/hyperlocal/settings", admin, "{\"enabled\":false}").status()).isEqualTo(202);
  }

  @Test
  void aFailedLabelIsAskedForAgainByItsVendorAndALabelledOneIsRefused() throws Exception {
    // no shipping address: the label worker cannot buy a label, the shipment is LABEL_FAILED
    JsonNode order = paidWithOneShipment(order(ONE_SHOE, null), "LABEL_FAILED");
    String shoes = shipmentOf(order, "v-shoes");
    awaitShipment(shoes, "LABEL_FAILED");
    JsonNode failed = api.get("/v1/shipments/" + shoes, shoeVendor).json();
    assertThat(failed.path("labelAttempt").asInt()).isEqualTo(1);
    assertThat(failed.path("failureReason").asText()).contains("no shipping address");

    String retry = "/v1/shipments/" + shoes + "/label/retry";
    assertThat(api.post(retry, alice, "{}").status()).as("the customer does not ask for labels").isEqualTo(403);
    assertThat(api.post(retry, sockVendor, "{}").status()).as("another vendor's shipment").isEqualTo(404);
    ApiClient.Response accepted = api.post(retry, shoeVendor, "{}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    assertThat(accepted.json().path("labelAttempt").asInt()).isEqualTo(2);

    // the second attempt was asked for and answered (a failure again: the order still has no address)
    JsonNode again = api.get("/v1/shipments/" + shoes, admin).json();
    long deadline = System.currentTimeMillis() + 20_000;
    while (!(again.path("labelAttempt").asInt() == 2 && "LABEL_FAILED".equals(again.path("status").asText()))
        && System.currentTimeMillis() < deadline) {
      again = api.get("/v1/shipments/" + shoes + "?waitMs=5000&version=" + again.path("version").asLong(0), admin).json();
    }
    assertThat(again.path("labelAttempt").asInt()).isEqualTo(2);
    assertThat(again.path("status").asText()).isEqualTo("LABEL_FAILED");
    assertThat(again.path("version").asLong()).isEqualTo(failed.path("version").asLong() + 2);

    // a shipment whose label was bought is not asked for again
    order = paidWithOneShipment(order(ONE_SHOE, SHELBYVILLE), "LABEL_CREATED");
    ApiClient.Response refused = api.post("/v1/shipments/" + shipmentOf(order, "v-shoes") + "/label/retry", admin, "{}");
    assertThat(refused.status()).as(refused.text()).isEqualTo(409);
  }

  private void track(String shipmentId, String token, String status, String location) {
    ApiClient.Response accepted = api.post("/v1/shipments/" + shipmentId + "/tracking", token,
        "{\"status\":\"" + status + "\",\"location\":\"" + location + "\"}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
  }

  private void awaitShipment(String shipmentId, String status) {
    JsonNode shipment = api.get("/v1/shipments/" + shipmentId, admin).json();
    long deadline = System.currentTimeMillis() + 20_000;
    while (!status.equals(shipment.path("status").asText()) && System.currentTimeMillis() < deadline) {
      shipment = api.get("/v1/shipments/" + shipmentId + "?waitMs=5000&version=" + shipment.path("version").asLong(0),
          admin).json();
    }
    assertThat(shipment.path("status").asText()).isEqualTo(status);
  }

  private static String shipmentOf(JsonNode order, String vendorId) {
    List<String> ids = new ArrayList<>();
    order.path("shipments").forEach(s -> {
      if (vendorId.equals(s.path("vendorId").asText())) {
        ids.add(s.path("shipmentId").asText());
      }
    });
    assertThat(ids).hasSize(1);
    return ids.get(0);
  }

  /** The order once {@code done} holds, as alice follows it. */
  private JsonNode await(String orderId, Predicate<JsonNode> done) {
    return acme.awaitOrder(orderId, alice, done);
  }

  /** Alice's order with this address JSON (none when null). */
  private static String order(String items, String address) {
    return "{\"customerId\":\"alice\",\"currency\":\"USD\",\"items\":" + items
        + (address == null ? "" : ",\"shippingAddress\":" + address) + "}";
  }

  /**
   * Places the order, has it paid once CONFIRMED (as the payment worker reports a payment) and returns it
   * once its one shipment has {@code labelStatus}.
   */
  private JsonNode paidWithOneShipment(String orderJson, String labelStatus) throws Exception {
    String orderId = acme.placeOrder(alice, orderJson);
    JsonNode order = await(orderId, status("CONFIRMED"));
    markPaid(orderId, order.path("total").path("amount").asLong());
    return await(orderId, o -> o.path("shipments").size() == 1
        && labelStatus.equals(o.path("shipments").get(0).path("status").asText()));
  }

  /** What the payment worker sends when a payment succeeds. */
  private void markPaid(String orderId, long amount) throws Exception {
    AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(acme.platform().schemaRegistryUrl()));
    try (KafkaProducer<OrderKey, OrderCommand> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, acme.platform().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
        serdes.key(OrderKey.class).serializer(), serdes.value(OrderCommand.class).serializer())) {
      producer.send(new ProducerRecord<>(Topics.ORDER_COMMANDS.name(), new OrderKey(acme.id(), orderId),
          OrderCommand.newBuilder().setCommandId("paid-" + orderId).setTenantId(acme.id()).setIssuedAt(Instant.now())
              .setCorrelationId("corr-" + orderId)
              .setIssuedBy(Actor.newBuilder().setSubject("payment-worker").setRoles(List.of()).build())
              .setCommand(new MarkOrderPaid(orderId, "pay-" + orderId, new Money(amount, "USD"))).build())).get();
    }
  }
}
