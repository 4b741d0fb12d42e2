package io.fusioncommerce.connectors.notifications;

import java.time.Instant;

/** A mail the worker handed to the SMTP server: one row of the notifications ledger. */
public record SentNotification(String tenantId, String eventId, NotificationKind kind, String recipient,
    String subject, String messageId, String orderId, String sku, Instant sentAt) {}
