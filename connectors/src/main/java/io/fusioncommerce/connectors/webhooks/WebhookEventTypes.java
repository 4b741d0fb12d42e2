package io.fusioncommerce.connectors.webhooks;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * THE table of the event types a webhook can subscribe to: each name, the topic it is read from and,
 * where one topic carries several types (order.status-changed), which of its events the type is.
 * Adding an event type is adding one line here; nothing else names topics for webhooks.
 */
public final class WebhookEventTypes {

  /** One subscribable event type: the events of {@code topic} that {@code selects}. */
  public record EventType(String name, TopicContract<?, ?> topic, Predicate<SpecificRecord> selects) {}

  private static final List<EventType> TABLE = List.of(
      every("order.created", Topics.ORDER_CREATED),
      // an order's status moves are one topic; each status a subscriber cares about is a type of its own
      whereField("order.confirmed", Topics.ORDER_STATUS_CHANGED, "toStatus", "CONFIRMED"),
      whereField("order.paid", Topics.ORDER_STATUS_CHANGED, "toStatus", "PAID"),
      whereField("order.shipped", Topics.ORDER_STATUS_CHANGED, "toStatus", "SHIPPED"),
      whereField("order.delivered", Topics.ORDER_STATUS_CHANGED, "toStatus", "DELIVERED"),
      whereField("order.cancelled", Topics.ORDER_STATUS_CHANGED, "toStatus", "CANCELLED"),
      whereField("order.rejected", Topics.ORDER_STATUS_CHANGED, "toStatus", "REJECTED"),
      every("order.status-changed", Topics.ORDER_STATUS_CHANGED),
      every("inventory.low-stock", Topics.INVENTORY_LOW_STOCK),
      every("payment.created", Topics.PAYMENT_CREATED),
      every("payment.succeeded", Topics.PAYMENT_SUCCEEDED),
      every("payment.failed", Topics.PAYMENT_FAILED),
      every("payment.refunded", Topics.PAYMENT_REFUNDED),
      every("shipping.label.created", Topics.SHIPPING_LABEL_CREATED),
      every("product.created", Topics.PRODUCT_CREATED),
      every("product.approved", Topics.PRODUCT_APPROVED),
      every("product.rejected", Topics.PRODUCT_REJECTED),
      every("campaign.created", Topics.CAMPAIGN_CREATED),
      every("campaign.succeeded", Topics.CAMPAIGN_SUCCEEDED),
      every("campaign.expired", Topics.CAMPAIGN_EXPIRED),
      every("price.changed", Topics.PRICE_CHANGED),
      every("cart.abandoned", Topics.CART_ABANDONED),
      every("return.requested", Topics.RETURN_REQUESTED),
      every("return.approved", Topics.RETURN_APPROVED),
      every("return.rejected", Topics.RETURN_REJECTED),
      every("return.received", Topics.RETURN_RECEIVED),
      every("return.refunded", Topics.RETURN_REFUNDED));

  private static final Map<String, EventType> BY_NAME = byName();

  private WebhookEventTypes() {}

  public static List<EventType> all() {
    return TABLE;
  }

  public static Optional<EventType> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The topics the worker reads: each once, however many types it carries. */
  public static List<TopicContract<?, ?>> topics() {
    return TABLE.stream().<TopicContract<?, ?>>map(EventType::topic).distinct().toList();
  }

  /** The types an event of {@code topic} is. */
  public static List<EventType> of(String topic, SpecificRecord event) {
    return TABLE.stream().filter(t -> t.topic().name().equals(topic) && t.selects().test(event)).toList();
  }

  private static EventType every(String name, TopicContract<?, ?> topic) {
    return new EventType(name, topic, event -> true);
  }

  private static EventType whereField(String name, TopicContract<?, ?> topic, String field, String value) {
    return new EventType(name, topic, event -> {
      Schema.Field f = event.getSchema().getField(field);
      Object actual = f == null ? null : event.get(f.pos());
      return actual != null && value.equals(actual.toString());
    });
  }

  private static Map<String, EventType> byName() {
    Map<String, EventType> names = new LinkedHashMap<>();
    for (EventType type : TABLE) {
      if (names.put(type.name(), type) != null) {
        throw new IllegalStateException("event type listed twice: " + type.name());
      }
    }
    return Map.copyOf(names);
  }
}
