package io.fusioncommerce.connectors.notifications;

import java.util.Optional;

/**
 * What the mail worker remembers and looks up, per tenant (Postgres in the platform: see
 * {@link PostgresNotificationStore}).
 */
public interface NotificationStore {

  /** True when the event's mail was sent already (a redelivered event then sends nothing). */
  boolean alreadySent(String tenantId, String eventId);

  /** Records a sent mail; a second record of the same tenant and event changes nothing. */
  void recordSent(SentNotification sent);

  /** The tenant's sender and branding, if it set them. */
  Optional<SenderProfile> senderProfile(String tenantId);

  /** Remembers an order's e-mail (from its status changes), for the mails of events that do not carry it. */
  void rememberOrderEmail(String tenantId, String orderId, String email);

  Optional<String> orderEmail(String tenantId, String orderId);

  /** The vendor's e-mail, if it has one. */
  Optional<String> vendorEmail(String tenantId, String vendorId);

  /** The vendor of a product, if the product exists. */
  Optional<String> vendorOfSku(String tenantId, String sku);
}
