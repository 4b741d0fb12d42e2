package io.fusioncommerce.ingress.notifications;

import java.util.List;

/** A page of {@code GET /v1/notifications}: the sent mails, newest first, and the cursor of the next page. */
public record NotificationList(List<Item> items, String next) {

  /** One sent mail. {@code notificationId} is the id of the event that sent it (one event, one mail). */
  public record Item(String notificationId, String kind, String recipient, String subject, String messageId,
      String orderId, String sku, String sentAt) {}
}
