package io.fusioncommerce.connectors.notifications;

import java.util.Map;

/**
 * One event that calls for a mail: which tenant, which event (the mail's identity: one event, one
 * mail), what kind, who (the order's e-mail, or how to find the vendor's), and what the template shows.
 *
 * @param orderEmail the e-mail the event carries (order status changes carry the order's); null otherwise
 * @param orderId    the order the mail is about (customer mails), else null
 * @param vendorId   the vendor to mail, when the event names it, else null
 * @param sku        the product the mail is about (vendor mails), else null
 * @param values     what the templates show, besides the tenant's branding
 */
public record MailTrigger(String tenantId, String eventId, NotificationKind kind, String orderEmail, String orderId,
    String vendorId, String sku, Map<String, Object> values) {

  public MailTrigger {
    values = Map.copyOf(values);
  }
}
