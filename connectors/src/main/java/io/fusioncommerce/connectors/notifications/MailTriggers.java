package io.fusioncommerce.connectors.notifications;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.ProductApproved;
import io.fusioncommerce.schemas.catalog.ProductRejected;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.inventory.InventoryLowStock;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.payments.PaymentRefunded;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * THE table of mail triggers: which event of which topic sends which mail. Adding a mail for another
 * event (a return's, a cart's) is one entry here plus its templates.
 */
public final class MailTriggers {

  /** One trigger: a topic, and what an event of it makes (empty: this event sends no mail). */
  public record Entry<V extends SpecificRecord>(TopicContract<?, V> topic, Function<V, Optional<MailTrigger>> mail) {

    Optional<MailTrigger> apply(Object value) {
      return mail.apply(topic.valueType().cast(value));
    }
  }

  private static final Map<String, NotificationKind> ORDER_STATUS_MAILS = Map.of(
      "CONFIRMED", NotificationKind.ORDER_CONFIRMED,
      "SHIPPED", NotificationKind.ORDER_SHIPPED,
      "DELIVERED", NotificationKind.ORDER_DELIVERED);

  public static final List<Entry<?>> ALL = List.of(
      new Entry<>(Topics.ORDER_STATUS_CHANGED, MailTriggers::orderStatus),
      new Entry<>(Topics.PAYMENT_REFUNDED, MailTriggers::refunded),
      new Entry<>(Topics.INVENTORY_LOW_STOCK, MailTriggers::lowStock),
      new Entry<>(Topics.PRODUCT_APPROVED, MailTriggers::approved),
      new Entry<>(Topics.PRODUCT_REJECTED, MailTriggers::rejected));

  private MailTriggers() {}

  public static List<String> topics() {
    return ALL.stream().map(entry -> entry.topic().name()).toList();
  }

  /** The mail an event of {@code topic} calls for, if any. */
  public static Optional<MailTrigger> of(String topic, Object value) {
    return ALL.stream().filter(entry -> entry.topic().name().equals(topic)).findFirst()
        .flatMap(entry -> entry.apply(value));
  }

  private static Optional<MailTrigger> orderStatus(OrderStatusChanged event) {
    NotificationKind kind = ORDER_STATUS_MAILS.get(event.getToStatus());
    if (kind == null) {
      return Optional.empty();
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("orderId", event.getOrderId());
    values.put("status", event.getToStatus());
    if (event.getTotal() != null) {
      values.put("total", formatted(event.getTotal()));
    }
    return Optional.of(new MailTrigger(event.getTenantId(), event.getEventId(), kind, event.getEmail(),
        event.getOrderId(), null, null, values));
  }

  private static Optional<MailTrigger> refunded(PaymentRefunded event) {
    return Optional.of(new MailTrigger(event.getTenantId(), event.getEventId(), NotificationKind.ORDER_REFUNDED, null,
        event.getOrderId(), null, null, Map.of("orderId", event.getOrderId(), "amount", formatted(event.getAmount()),
            "refundedTotal", formatted(event.getRefundedTotal()), "toWallet", event.getToWallet())));
  }

  private static Optional<MailTrigger> lowStock(InventoryLowStock event) {
    return Optional.of(new MailTrigger(event.getTenantId(), event.getEventId(), NotificationKind.LOW_STOCK, null, null,
        null, event.getSku(), Map.of("sku", event.getSku(), "available", event.getTotalAvailable(),
            "threshold", event.getThreshold())));
  }

  private static Optional<MailTrigger> approved(ProductApproved event) {
    return Optional.of(new MailTrigger(event.getTenantId(), event.getEventId(), NotificationKind.PRODUCT_APPROVED, null,
        null, event.getVendorId(), event.getSku(), Map.of("sku", event.getSku())));
  }

  private static Optional<MailTrigger> rejected(ProductRejected event) {
    return Optional.of(new MailTrigger(event.getTenantId(), event.getEventId(), NotificationKind.PRODUCT_REJECTED, null,
        null, event.getVendorId(), event.getSku(), Map.of("sku", event.getSku(), "reason", event.getReason())));
  }

  /** "59.99 USD", "1200 JPY": minor units shifted by the currency's own digits, never through a double. */
  static String formatted(Money money) {
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(money.getCurrency()).getDefaultFractionDigits());
    } catch (IllegalArgumentException e) {
      digits = 2;
    }
    return BigDecimal.valueOf(money.getAmount(), digits).toPlainString() + " " + money.getCurrency();
  }
}
