package io.fusioncommerce.connectors.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.fusioncommerce.connectors.worker.RequestOutcome;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.ProductApproved;
import io.fusioncommerce.schemas.catalog.ProductRejected;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.inventory.InventoryLowStock;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.payments.PaymentRefunded;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationDispatcherTest {

  private static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");
  private static final String DEPLOYMENT_FROM = "no-reply@fusion.example";

  private GreenMail smtp;
  private final InMemoryNotificationStore store = new InMemoryNotificationStore();
  private NotificationDispatcher dispatcher;

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    dispatcher = dispatcherOn(smtp.getSmtp().getPort());
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  private NotificationDispatcher dispatcherOn(int port) {
    return new NotificationDispatcher(store,
        new SmtpMailer(new SmtpSettings("127.0.0.1", port, null, "", false, DEPLOYMENT_FROM)), DEPLOYMENT_FROM,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aConfirmedOrderMailsTheCustomerHtmlAndTextFromTheTenantsSender() throws Exception {
    store.senders.put("acme", new SenderProfile("Acme Shop", "shop@acme.example", "Acme", "#0a7d53",
        "Acme Ltd, 1 Road, Springfield"));

    assertThat(dispatcher.dispatch(Topics.ORDER_STATUS_CHANGED.name(), confirmed("acme", "ev-1", "o-1", "ann@buyer.example")))
        .isEqualTo(NotificationDispatcher.Outcome.SENT);

    MimeMessage mail = onlyMail();
    InternetAddress from = (InternetAddress) mail.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("shop@acme.example");
    assertThat(from.getPersonal()).isEqualTo("Acme Shop");
    assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ann@buyer.example");
    assertThat(mail.getSubject()).isEqualTo("Acme: Your order o-1 is confirmed");
    assertThat(mail.getMessageID()).isEqualTo("<ev-1@acme.notifications.fusioncommerce.invalid>");
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain");
    assertThat((String) text.getContent()).contains("order o-1 is confirmed (59.99 USD)")
        .contains("Acme Ltd, 1 Road, Springfield").doesNotContain("<");
    assertThat(html.getContentType()).startsWith("text/html");
    assertThat((String) html.getContent()).contains("<html").contains("background:#0a7d53")
        .contains("order o-1 is confirmed (59.99 USD)").contains("Acme Ltd, 1 Road, Springfield");
    assertThat(store.sentOf("acme")).singleElement().satisfies(sent -> {
      assertThat(sent.kind()).isEqualTo(NotificationKind.ORDER_CONFIRMED);
      assertThat(sent.recipient()).isEqualTo("ann@buyer.example");
      assertThat(sent.orderId()).isEqualTo("o-1");
    });
  }

  @Test
  void aTenantWithoutASenderSendsAsTheDeploymentUnderItsOwnName() throws Exception {
    dispatcher.dispatch(Topics.ORDER_STATUS_CHANGED.name(), confirmed("globex", "ev-2", "o-2", "bob@buyer.example"));

    InternetAddress from = (InternetAddress) onlyMail().getFrom()[0];
    assertThat(from.getAddress()).isEqualTo(DEPLOYMENT_FROM);
    assertThat(from.getPersonal()).isEqualTo("globex");
  }

  @Test
  void theSameEventDeliveredTwiceSendsOneMail() {
    OrderStatusChanged event = confirmed("acme", "ev-3", "o-3", "ann@buyer.example");

    assertThat(dispatcher.dispatch(Topics.ORDER_STATUS_CHANGED.name(), event)).isEqualTo(NotificationDispatcher.Outcome.SENT);
    assertThat(dispatcher.dispatch(Topics.ORDER_STATUS_CHANGED.name(), event))
        .isEqualTo(NotificationDispatcher.Outcome.ALREADY_SENT);
    // and through the worker's handler, as the loop hands a redelivered record over
    var handler = new NotificationWorker.Events(dispatcher);
    assertThat(handler.handle(record(Topics.ORDER_STATUS_CHANGED.name(), event)))
        .isInstanceOf(RequestOutcome.Answered.class);

    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(store.sentOf("acme")).hasSize(1);
  }

  @Test
  void anSmtpServerThatIsDownHoldsTheEventBackAndTheMailGoesOutOnceItIsUp() {
    int port = smtp.getSmtp().getPort();
    smtp.stop();
    OrderStatusChanged event = confirmed("acme", "ev-4", "o-4", "ann@buyer.example");
    var handler = new NotificationWorker.Events(dispatcherOn(port));

    assertThat(handler.handle(record(Topics.ORDER_STATUS_CHANGED.name(), event)))
        .isInstanceOf(RequestOutcome.RetryLater.class);
    assertThat(store.sentOf("acme")).isEmpty();

    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    assertThat(handler.handle(record(Topics.ORDER_STATUS_CHANGED.name(), event)))
        .isInstanceOf(RequestOutcome.Answered.class);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(store.sentOf("acme")).hasSize(1);
  }

  @Test
  void aRefundMailsTheAddressTheOrderWasPlacedWith() throws Exception {
    dispatcher.dispatch(Topics.ORDER_STATUS_CHANGED.name(), confirmed("acme", "ev-5", "o-5", "ann@buyer.example"));
    PaymentRefunded refund = PaymentRefunded.newBuilder().setEventId("ev-6").setTenantId("acme").setOccurredAt(NOW)
        .setCorrelationId("c").setPaymentId("p-5").setOrderId("o-5").setRefundId("r-1")
        .setAmount(new Money(1000L, "JPY")).setRefundedTotal(new Money(1000L, "JPY")).build();

    assertThat(dispatcher.dispatch(Topics.PAYMENT_REFUNDED.name(), refund)).isEqualTo(NotificationDispatcher.Outcome.SENT);

    MimeMessage mail = smtp.getReceivedMessages()[1];
    assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ann@buyer.example");
    assertThat(mail.getSubject()).contains("refund").contains("o-5");
    assertThat(((MimeMultipart) mail.getContent()).getBodyPart(0).getContent().toString()).contains("1000 JPY");
  }

  @Test
  void lowStockMailsTheProductsVendorAndAVendorWithoutAnAddressGetsNothing() throws Exception {
    store.vendorsOfSkus.put("acme/SKU-1", "v-1");
    store.vendorEmails.put("acme/v-1", "stock@vendor.example");
    store.vendorsOfSkus.put("acme/SKU-2", "v-2"); // no e-mail

    assertThat(dispatcher.dispatch(Topics.INVENTORY_LOW_STOCK.name(), lowStock("ev-7", "SKU-1")))
        .isEqualTo(NotificationDispatcher.Outcome.SENT);
    assertThat(dispatcher.dispatch(Topics.INVENTORY_LOW_STOCK.name(), lowStock("ev-8", "SKU-2")))
        .isEqualTo(NotificationDispatcher.Outcome.NO_RECIPIENT);

    MimeMessage mail = onlyMail();
    assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("stock@vendor.example");
    assertThat(((MimeMultipart) mail.getContent()).getBodyPart(0).getContent().toString()).contains("SKU-1")
        .contains("3 left");
  }

  @Test
  void shippedAndDeliveredOrdersAreMailedEachOnce() throws Exception {
    for (String status : List.of("SHIPPED", "DELIVERED")) {
      OrderStatusChanged event = OrderStatusChanged.newBuilder(confirmed("acme", "ev-" + status, "o-11", "ann@buyer.example"))
          .setToStatus(status).build();
      dispatcher.dispatch(Topics.ORDER_STATUS_CHANGED.name(), event);
      dispatcher.dispatch(Topics.ORDER_STATUS_CHANGED.name(), event);
    }

    assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject)
        .containsExactly("acme: Your order o-11 has shipped", "acme: Your order o-11 was delivered");
  }

  @Test
  void theVendorHearsWhetherItsProductWasApproved() throws Exception {
    store.vendorEmails.put("acme/v-1", "team@vendor.example");
    dispatcher.dispatch(Topics.PRODUCT_APPROVED.name(), ProductApproved.newBuilder().setEventId("ev-12")
        .setTenantId("acme").setOccurredAt(NOW).setCorrelationId("c").setSku("SKU-9").setVendorId("v-1").setVersion(2)
        .build());
    dispatcher.dispatch(Topics.PRODUCT_REJECTED.name(), ProductRejected.newBuilder().setEventId("ev-13")
        .setTenantId("acme").setOccurredAt(NOW).setCorrelationId("c").setSku("SKU-8").setVendorId("v-1")
        .setReason("blurry photos").setPreviousStatus("PENDING").setVersion(2).build());

    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).extracting(MimeMessage::getSubject)
        .containsExactly("acme: Your product SKU-9 was approved", "acme: Your product SKU-8 was not approved");
    assertThat(((MimeMultipart) mails[1].getContent()).getBodyPart(0).getContent().toString()).contains("blurry photos");
    assertThat(store.sentOf("acme")).extracting(SentNotification::kind)
        .containsExactlyInAnyOrder(NotificationKind.PRODUCT_APPROVED, NotificationKind.PRODUCT_REJECTED);
  }

  @Test
  void whatACustomerTypedIsEscapedInTheHtmlPart() throws Exception {
    store.senders.put("acme", new SenderProfile("Acme", "shop@acme.example", "Acme <b>&</b>", "#000000", ""));
    dispatcher.dispatch(Topics.ORDER_STATUS_CHANGED.name(), confirmed("acme", "ev-14", "o-<i>", "ann@buyer.example"));

    MimeMultipart parts = (MimeMultipart) onlyMail().getContent();
    assertThat(parts.getBodyPart(1).getContent().toString()).contains("Acme &lt;b&gt;&amp;&lt;/b&gt;")
        .contains("o-&lt;i&gt;").doesNotContain("<b>&</b>");
    assertThat(parts.getBodyPart(0).getContent().toString()).contains("o-<i>");
  }

  @Test
  void statusChangesThatAreNotMailedSendNothing() {
    OrderStatusChanged paid = OrderStatusChanged.newBuilder(confirmed("acme", "ev-9", "o-9", "ann@buyer.example"))
        .setToStatus("PAID").build();

    assertThat(dispatcher.dispatch(Topics.ORDER_STATUS_CHANGED.name(), paid)).isEqualTo(NotificationDispatcher.Outcome.NO_MAIL);
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  private MimeMessage onlyMail() {
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    return smtp.getReceivedMessages()[0];
  }

  private static OrderStatusChanged confirmed(String tenant, String eventId, String orderId, String email) {
    return OrderStatusChanged.newBuilder().setEventId(eventId).setTenantId(tenant).setOccurredAt(NOW)
        .setCorrelationId(UUID.randomUUID().toString()).setOrderId(orderId).setCustomerId("cust-1")
        .setFromStatus("CREATED").setToStatus("CONFIRMED").setTotal(new Money(5999L, "USD")).setEmail(email).build();
  }

  private static InventoryLowStock lowStock(String eventId, String sku) {
    return InventoryLowStock.newBuilder().setEventId(eventId).setTenantId("acme").setOccurredAt(NOW)
        .setCorrelationId("c").setSku(sku).setTotalAvailable(3).setThreshold(5).build();
  }

  private static ConsumerRecord<byte[], Object> record(String topic, Object value) {
    return new ConsumerRecord<>(topic, 0, 0L, new byte[0], value);
  }
}
