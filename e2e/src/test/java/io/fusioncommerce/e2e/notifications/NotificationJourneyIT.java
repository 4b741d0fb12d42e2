package io.fusioncommerce.e2e.notifications;

import static io.fusioncommerce.e2e.platform.TestTenant.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.platform.PlatformJourney;
import io.fusioncommerce.e2e.platform.PlatformTest;
import io.fusioncommerce.e2e.platform.TestTenant;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Mail on the embedded platform, driven over HTTP like a client, read from the embedded SMTP server
 * (GreenMail): an order placed with an e-mail is confirmed by mail from the tenant's sender, its refund
 * is mailed to the same address, its shipping and delivery too, each once even when an event comes twice, a token's email claim stands in for a missing field, low stock mails
 * the product's vendor, and {@code GET /v1/notifications} lists it all to the tenant's admin only.
 */
@PlatformTest
class NotificationJourneyIT extends PlatformJourney {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String alice = acme.customer("alice");

  NotificationJourneyIT(TestTenant acme) {
    super(acme);
    acme.seedProductInStock("MUG", 1250, "USD", "v-mugs", 100);
  }

  /** Mails to {@code recipient} received so far by the platform's SMTP server. */
  private List<MimeMessage> mailsTo(String recipient) {
    return acme.platform().mailServer().received().stream().filter(mail -> {
      try {
        return mail.getAllRecipients() != null && mail.getAllRecipients()[0].toString().equals(recipient);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private MimeMessage awaitMail(String recipient, String subjectPart) {
    await().atMost(TestTenant.WITHIN).until(() -> mailsTo(recipient).stream().anyMatch(m -> subject(m).contains(subjectPart)));
    return mailsTo(recipient).stream().filter(m -> subject(m).contains(subjectPart)).findFirst().orElseThrow();
  }

  /** The list for {@code recipient} once it has {@code count} mails (a mail is recorded just after it is sent). */
  private JsonNode awaitListed(String recipient, int count) {
    await().atMost(TestTenant.WITHIN).until(() ->
        api.get("/v1/notifications?recipient=" + recipient, admin).json().path("items").size() >= count);
    return api.get("/v1/notifications?recipient=" + recipient, admin).json().path("items");
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(MimeMessage mail) throws MessagingException, IOException {
    return ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent().toString();
  }

  private String orderWithEmail(String email) {
    return "{\"customerId\":\"alice\",\"currency\":\"USD\",\"items\":[{\"sku\":\"MUG\",\"quantity\":1}],"
        + "\"email\":\"" + email + "\"}";
  }

  @Test
  void aPaidOrderIsConfirmedAndRefundedByMailFromTheTenantsSender() throws Exception {
    ApiClient.Response sender = api.put("/v1/notifications/sender", admin, "{\"fromName\":\"Acme Mugs\","
        + "\"fromAddress\":\"hello@acme-mugs.example\",\"brandName\":\"Acme Mugs\",\"accentColor\":\"#aa3300\"}");
    assertThat(sender.status()).as(sender.text()).isEqualTo(200);
    String email = "alice@" + acme.id() + ".example";

    String orderId = acme.placeOrder(alice, orderWithEmail(email));
    JsonNode confirmed = acme.awaitOrder(orderId, alice,
        o -> "REQUIRES_PAYMENT_METHOD".equals(o.path("payment").path("status").asText()));
    assertThat(confirmed.path("status").asText()).isEqualTo("CONFIRMED");

    MimeMessage confirmation = awaitMail(email, "is confirmed");
    assertThat(confirmation.getSubject()).isEqualTo("Acme Mugs: Your order " + orderId + " is confirmed");
    InternetAddress from = (InternetAddress) confirmation.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("hello@acme-mugs.example");
    assertThat(from.getPersonal()).isEqualTo("Acme Mugs");
    MimeMultipart parts = (MimeMultipart) confirmation.getContent();
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(text(confirmation)).contains(orderId).contains("12.50 USD");
    assertThat(parts.getBodyPart(1).getContent().toString()).contains("#aa3300");

    String paymentId = confirmed.path("payment").path("paymentId").asText();
    assertThat(api.post("/v1/payments/" + paymentId + "/confirm", alice, "{\"paymentMethod\":\"pm_card_visa\"}").status())
        .isEqualTo(202);
    acme.awaitOrder(orderId, alice, status("PAID"));
    assertThat(api.post("/v1/payments/" + paymentId + "/refunds", admin,
        "{\"amount\":{\"amount\":250,\"currency\":\"USD\"}}").status()).isEqualTo(202);

    MimeMessage refund = awaitMail(email, "refund");
    assertThat(text(refund)).contains("2.50 USD").contains(orderId);
    // each event mailed once: one confirmation, one refund
    assertThat(mailsTo(email)).hasSize(2);

    JsonNode listed = awaitListed(email, 2);
    assertThat(listed.findValuesAsText("kind")).containsExactly("ORDER_REFUNDED", "ORDER_CONFIRMED");
    assertThat(listed.findValuesAsText("orderId")).containsOnly(orderId);
    assertThat(listed.findValuesAsText("messageId")).contains(confirmation.getMessageID());
  }

  @Test
  void eachStepOfADeliveryIsMailedOnceEvenWhenAnEventArrivesTwice() throws Exception {
    String email = "dan@" + acme.id() + ".example";
    String dan = acme.customer("dan");
    String orderId = acme.placeOrder(dan, "{\"customerId\":\"dan\",\"currency\":\"USD\",\"items\":[{\"sku\":\"MUG\","
        + "\"quantity\":2}],\"email\":\"" + email + "\",\"shippingAddress\":{\"name\":\"Dan Buyer\","
        + "\"line1\":\"742 Evergreen Terrace\",\"city\":\"Shelbyville\",\"postalCode\":\"62565\",\"country\":\"US\"}}");
    JsonNode order = acme.awaitOrder(orderId, dan,
        o -> "REQUIRES_PAYMENT_METHOD".equals(o.path("payment").path("status").asText()));
    assertThat(api.post("/v1/payments/" + order.path("payment").path("paymentId").asText() + "/confirm", dan,
        "{\"paymentMethod\":\"pm_card_visa\"}").status()).isEqualTo(202);
    awaitMail(email, "is confirmed");

    // the confirmation event once more, as a redelivery would bring it: on the order's partition, ahead of SHIPPED
    OrderStatusChanged confirmedEvent = acme.topics().firstMatching(Topics.ORDER_STATUS_CHANGED.name(), OrderKey.class,
        OrderStatusChanged.class, (key, event) -> key.getOrderId().equals(orderId) && key.getTenantId().equals(acme.id())
            && "CONFIRMED".equals(event.getToStatus()), TestTenant.WITHIN);
    AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(acme.platform().schemaRegistryUrl()));
    try (KafkaProducer<OrderKey, OrderStatusChanged> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, acme.platform().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
        serdes.key(OrderKey.class).serializer(), serdes.value(OrderStatusChanged.class).serializer())) {
      producer.send(new ProducerRecord<>(Topics.ORDER_STATUS_CHANGED.name(), new OrderKey(acme.id(), orderId),
          confirmedEvent)).get();
    }

    order = acme.awaitOrder(orderId, dan, o -> o.path("shipments").size() == 1
        && "LABEL_CREATED".equals(o.path("shipments").get(0).path("status").asText()));
    String shipmentId = order.path("shipments").get(0).path("shipmentId").asText();
    track(shipmentId, "IN_TRANSIT");
    assertThat(text(awaitMail(email, "has shipped"))).contains(orderId);
    // SHIPPED came after the repeated confirmation on the same partition: that one was handled, and sent nothing
    assertThat(mailsTo(email)).extracting(NotificationJourneyIT::subject).filteredOn(s -> s.contains("is confirmed"))
        .hasSize(1);

    track(shipmentId, "DELIVERED");
    awaitMail(email, "was delivered");
    assertThat(mailsTo(email)).hasSize(3);
    assertThat(awaitListed(email, 3).findValuesAsText("kind"))
        .containsExactly("ORDER_DELIVERED", "ORDER_SHIPPED", "ORDER_CONFIRMED");
  }

  private void track(String shipmentId, String status) {
    ApiClient.Response accepted = api.post("/v1/shipments/" + shipmentId + "/tracking", admin,
        "{\"status\":\"" + status + "\",\"location\":\"Springfield\"}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
  }

  @Test
  void aTokensEmailClaimStandsInForAMissingField() throws Exception {
    String email = "bob@" + acme.id() + ".example";
    ApiClient.Response issued = api.post("/v1/auth/dev-token", null, JSON.writeValueAsString(Map.of(
        "tenant", acme.id(), "sub", "bob", "roles", List.of("customer"), "email", email)));
    assertThat(issued.status()).as(issued.text()).isEqualTo(200);
    String bob = issued.json().path("token").asText();

    String orderId = acme.placeOrder(bob, TestTenant.order("bob", "USD", "[{\"sku\":\"MUG\",\"quantity\":1}]"));

    assertThat(text(awaitMail(email, "is confirmed"))).contains(orderId);
  }

  @Test
  void anOrderWithAnAddressThatIsNotOneIsRefusedAndNotPlaced() {
    ApiClient.Response refused = api.post("/v1/orders", alice, orderWithEmail("alice@@nowhere"));
    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("email");
  }

  @Test
  void lowStockMailsTheProductsVendor() throws Exception {
    String vendorEmail = "stock@lamps-" + acme.id() + ".example";
    assertThat(api.put("/v1/vendors/v-lamps/email", acme.vendor("lamp-user", "v-lamps"),
        "{\"email\":\"" + vendorEmail + "\"}").status()).isEqualTo(200);
    acme.createProduct("LAMP", "v-lamps", 3000);

    ApiClient.Response stock = api.put("/v1/inventory/LAMP", admin, "{\"available\":3,\"lowStockThreshold\":5}");
    assertThat(stock.status()).as(stock.text()).isEqualTo(202);

    MimeMessage mail = awaitMail(vendorEmail, "Low stock");
    assertThat(text(mail)).contains("LAMP").contains("3 left");
    JsonNode listed = awaitListed(vendorEmail, 1);
    assertThat(listed.findValuesAsText("kind")).containsExactly("LOW_STOCK");
    assertThat(listed.findValuesAsText("sku")).containsExactly("LAMP");
  }

  @Test
  void theVendorHearsWhetherItsProductsWereApproved() throws Exception {
    String vendorEmail = "team@frames-" + acme.id() + ".example";
    String vendor = acme.vendor("frame-user", "v-frames");
    assertThat(api.put("/v1/vendors/v-frames/email", vendor, "{\"email\":\"" + vendorEmail + "\"}").status())
        .isEqualTo(200);
    assertThat(api.put("/v1/tenant/settings", admin, "{\"requiresApproval\":true}").status()).isEqualTo(200);
    try {
      for (String sku : List.of("FRAME-1", "FRAME-2")) {
        ApiClient.Response created = api.post("/v1/products", vendor, "{\"sku\":\"" + sku + "\",\"name\":\"" + sku
            + "\",\"price\":{\"amount\":2000,\"currency\":\"USD\"}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("PENDING");
      }
      assertThat(api.post("/v1/products/FRAME-1/approve", admin, null).status()).isEqualTo(200);
      assertThat(api.post("/v1/products/FRAME-2/reject", admin, "{\"reason\":\"blurry photos\"}").status())
          .isEqualTo(200);
    } finally {
      api.put("/v1/tenant/settings", admin, "{\"requiresApproval\":false}");
    }

    assertThat(text(awaitMail(vendorEmail, "FRAME-1 was approved"))).contains("FRAME-1");
    assertThat(text(awaitMail(vendorEmail, "FRAME-2 was not approved"))).contains("blurry photos");
    assertThat(awaitListed(vendorEmail, 2).findValuesAsText("kind"))
        .containsExactlyInAnyOrder("PRODUCT_APPROVED", "PRODUCT_REJECTED");
  }

  @Test
  void onlyTheTenantsAdminSeesWhatWasSent() {
    String email = "carol@" + acme.id() + ".example";
    String orderId = acme.placeOrder(acme.customer("carol"), orderWithEmail(email).replace("alice", "carol"));
    awaitMail(email, "is confirmed");
    awaitListed(email, 1);

    assertThat(api.get("/v1/notifications", acme.customer("carol")).status()).isEqualTo(403);
    assertThat(api.get("/v1/notifications", acme.vendor("v", "v-mugs")).status()).isEqualTo(403);
    JsonNode otherTenant = api.get("/v1/notifications?limit=500", acme.otherTenantToken("admin-9", "admin")).json();
    assertThat(otherTenant.path("items").findValuesAsText("orderId")).doesNotContain(orderId);
    assertThat(api.get("/v1/notifications?recipient=" + email, acme.otherTenantToken("admin-9", "admin")).json()
        .path("items")).isEmpty();
  }
}
