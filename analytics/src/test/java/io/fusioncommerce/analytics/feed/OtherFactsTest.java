package io.fusioncommerce.analytics.feed;

import static io.fusioncommerce.analytics.feed.AnalyticsEvents.catalogRow;
import static io.fusioncommerce.analytics.feed.AnalyticsEvents.refunded;
import static io.fusioncommerce.analytics.feed.AnalyticsEvents.stockChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.payments.PaymentFailed;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.ShipmentTracked;
import io.fusioncommerce.schemas.shipping.ShippingLabelCreated;
import io.fusioncommerce.topologies.support.TestTopology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The payment, shipment and stock facts. */
class OtherFactsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir
  Path stateDir;
  private TestTopology analytics;

  @BeforeEach
  void start() {
    analytics = TestTopology.start(new AnalyticsTopology(), stateDir, T0);
  }

  @AfterEach
  void stop() {
    analytics.driver().close();
  }

  private List<Map<String, Object>> facts(String topic) {
    return AnalyticsEvents.parsed(analytics.driver()
        .createOutputTopic(topic, new StringDeserializer(), new StringDeserializer()).readValuesToList());
  }

  @Test
  void paymentsBecomeFactsWithTheirOutcome() {
    analytics.input(Topics.PAYMENT_FAILED).pipeInput(new PaymentKey("t1", "p1"), PaymentFailed.newBuilder()
        .setEventId("ev-failed").setTenantId("t1").setOccurredAt(T0).setCorrelationId("c").setPaymentId("p1")
        .setOrderId("o1").setAmount(new Money(900L, "EUR")).setProvider("sandbox").setFailureCode("card_declined").build());
    analytics.input(Topics.PAYMENT_REFUNDED).pipeInput(new PaymentKey("t1", "p1"), refunded("t1", "o1", 300, T0));

    assertThat(facts(AnalyticsTopics.PAYMENTS)).satisfiesExactly(
        failed -> assertThat(failed).containsEntry("factId", "ev-failed").containsEntry("event", "FAILED")
            .containsEntry("failureCode", "card_declined").containsEntry("amount", 900).containsEntry("currency", "EUR")
            .containsEntry("provider", "sandbox").containsEntry("occurredAt", T0.toEpochMilli()),
        refund -> assertThat(refund).containsEntry("event", "REFUNDED").containsEntry("amount", 300));
  }

  @Test
  void shipmentsCarryTheTimeToLabelAndToDelivery() {
    ShipmentKey key = new ShipmentKey("t1", "s1");
    analytics.input(Topics.SHIPPING_LABEL_REQUESTS).pipeInput(key, LabelRequested.newBuilder().setEventId("ev-req")
        .setTenantId("t1").setOccurredAt(T0).setCorrelationId("c").setShipmentId("s1").setOrderId("o1")
        .setVendorId("v1").setCurrency("EUR").setRoute("CARRIER").build());
    analytics.input(Topics.SHIPPING_LABEL_CREATED).pipeInput(key, ShippingLabelCreated.newBuilder().setEventId("ev-label")
        .setTenantId("t1").setOccurredAt(T0.plusSeconds(90)).setCorrelationId("c").setShipmentId("s1").setOrderId("o1")
        .setVendorId("v1").setCarrier("dhl").setTrackingNumber("TN").setLabelUrl("u").build());
    analytics.input(Topics.SHIPPING_TRACKING).pipeInput(key, ShipmentTracked.newBuilder().setEventId("ev-delivered")
        .setTenantId("t1").setOccurredAt(T0.plusSeconds(90 + 3600)).setCorrelationId("c").setShipmentId("s1")
        .setOrderId("o1").setVendorId("v1").setStatus("DELIVERED").setSource("api").build());

    assertThat(facts(AnalyticsTopics.SHIPMENTS)).satisfiesExactly(
        pending -> assertThat(pending).containsEntry("event", "LABEL_PENDING").doesNotContainKey("labelMillis"),
        label -> assertThat(label).containsEntry("event", "LABEL_CREATED").containsEntry("carrier", "dhl")
            .containsEntry("labelMillis", 90_000),
        delivered -> assertThat(delivered).containsEntry("event", "DELIVERED").containsEntry("deliveryMillis", 3_600_000)
            .containsEntry("vendorId", "v1"));
  }

  @Test
  void stockMovementsCarryTheirDeltaAndTheCatalogsVendor() {
    analytics.input(Topics.CATALOG_PRODUCTS).pipeInput(new SkuKey("t1", "tea"), catalogRow("t1", "tea", null, "v-tea"));
    var changed = analytics.input(Topics.INVENTORY_STOCK_CHANGED);
    changed.pipeInput(new SkuKey("t1", "tea"), stockChanged("t1", "tea", 10, T0));
    changed.pipeInput(new SkuKey("t1", "tea"), stockChanged("t1", "tea", 7, T0.plusSeconds(1)));

    assertThat(facts(AnalyticsTopics.STOCK)).satisfiesExactly(
        first -> assertThat(first).containsEntry("event", "STOCK_CHANGED").containsEntry("available", 10)
            .doesNotContainKey("delta").containsEntry("vendorId", "v-tea"),
        second -> assertThat(second).containsEntry("delta", -3).containsEntry("available", 7));
  }
}
