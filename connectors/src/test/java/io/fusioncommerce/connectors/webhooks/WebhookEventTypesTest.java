package io.fusioncommerce.connectors.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class WebhookEventTypesTest {

  @Test
  void everyEventTypeReadsAnEventThatCarriesItsIdTenantAndTime() {
    for (WebhookEventTypes.EventType type : WebhookEventTypes.all()) {
      Schema schema = SpecificData.get().getSchema(type.topic().valueType());
      assertThat(schema.getField("eventId")).as(type.name()).isNotNull();
      assertThat(schema.getField("tenantId")).as(type.name()).isNotNull();
      assertThat(schema.getField("occurredAt")).as(type.name()).isNotNull();
    }
    assertThat(WebhookEventTypes.named("order.confirmed")).get()
        .extracting(WebhookEventTypes.EventType::topic).isEqualTo(Topics.ORDER_STATUS_CHANGED);
    assertThat(WebhookEventTypes.named("order.exploded")).isEmpty();
  }

  @Test
  void aStatusChangeIsTheTypeOfItsNewStatusAndTheGeneralOne() {
    OrderStatusChanged confirmed = statusChange("CONFIRMED");
    assertThat(WebhookEventTypes.of(Topics.ORDER_STATUS_CHANGED.name(), confirmed))
        .extracting(WebhookEventTypes.EventType::name).containsExactly("order.confirmed", "order.status-changed");
    assertThat(WebhookEventTypes.of(Topics.ORDER_STATUS_CHANGED.name(), statusChange("HELD")))
        .extracting(WebhookEventTypes.EventType::name).containsExactly("order.status-changed");
  }

  @Test
  void theEventIsRenderedAsPlainJsonWithItsResource() throws Exception {
    WebhookEvent event = WebhookEvent.of("order.confirmed", new OrderKey("t1", "ORD-1"), statusChange("CONFIRMED"));
    JsonNode json = new ObjectMapper().readTree(event.json());

    assertThat(event.resource()).isEqualTo("order:ORD-1");
    assertThat(event.tenantId()).isEqualTo("t1");
    assertThat(json.get("id").asText()).isEqualTo("evt-CONFIRMED");
    assertThat(json.get("type").asText()).isEqualTo("order.confirmed");
    assertThat(json.get("occurredAt").asText()).isEqualTo("2026-12-06T10:00:00Z");
    assertThat(json.at("/data/orderId").asText()).isEqualTo("ORD-1");
    assertThat(json.at("/data/toStatus").asText()).isEqualTo("CONFIRMED");
    assertThat(json.at("/data/total/amount").asLong()).isEqualTo(1999);
    assertThat(json.at("/data/total/currency").asText()).isEqualTo("USD");
    assertThat(json.at("/data/reason").isNull()).isTrue();
  }

  private static OrderStatusChanged statusChange(String to) {
    return OrderStatusChanged.newBuilder().setEventId("evt-" + to).setTenantId("t1")
        .setOccurredAt(Instant.parse("2026-12-06T10:00:00Z")).setCorrelationId("c1").setOrderId("ORD-1")
        .setCustomerId("cust-1").setFromStatus("CREATED").setToStatus(to).setTotal(new Money(1999L, "USD")).build();
  }
}
