package io.fusioncommerce.connectors.notifications;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger's contract in memory, for the dispatcher's tests (the Postgres one is tested against a real
 * server in the ingress module, beside the migrations that make its tables).
 */
final class InMemoryNotificationStore implements NotificationStore {

  final Map<String, SentNotification> sent = new ConcurrentHashMap<>();
  final Map<String, SenderProfile> senders = new ConcurrentHashMap<>();
  final Map<String, String> orderEmails = new ConcurrentHashMap<>();
  final Map<String, String> vendorEmails = new ConcurrentHashMap<>();
  final Map<String, String> vendorsOfSkus = new ConcurrentHashMap<>();
  volatile boolean ledgerDown;

  private static String key(String tenantId, String id) {
    return tenantId + "/" + id;
  }

  @Override
  public boolean alreadySent(String tenantId, String eventId) {
    return sent.containsKey(key(tenantId, eventId));
  }

  @Override
  public void recordSent(SentNotification notification) {
    if (ledgerDown) {
      throw new IllegalStateException("ledger down");
    }
    sent.putIfAbsent(key(notification.tenantId(), notification.eventId()), notification);
  }

  @Override
  public Optional<SenderProfile> senderProfile(String tenantId) {
    return Optional.ofNullable(senders.get(tenantId));
  }

  @Override
  public void rememberOrderEmail(String tenantId, String orderId, String email) {
    orderEmails.put(key(tenantId, orderId), email);
  }

  @Override
  public Optional<String> orderEmail(String tenantId, String orderId) {
    return Optional.ofNullable(orderEmails.get(key(tenantId, orderId)));
  }

  @Override
  public Optional<String> vendorEmail(String tenantId, String vendorId) {
    return Optional.ofNullable(vendorEmails.get(key(tenantId, vendorId)));
  }

  @Override
  public Optional<String> vendorOfSku(String tenantId, String sku) {
    return Optional.ofNullable(vendorsOfSkus.get(key(tenantId, sku)));
  }

  List<SentNotification> sentOf(String tenantId) {
    return sent.values().stream().filter(s -> s.tenantId().equals(tenantId)).toList();
  }
}
