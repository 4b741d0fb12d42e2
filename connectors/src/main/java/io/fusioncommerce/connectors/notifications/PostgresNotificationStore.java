package io.fusioncommerce.connectors.notifications;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The notification tables of the platform's Postgres (migration V13_25), through the application's pool:
 * each call is one transaction with the tenant set ({@code fusion.tenant}), so row-level security
 * scopes the worker's reads and writes to the event's tenant.
 */
public final class PostgresNotificationStore implements NotificationStore {

  private final Jdbi jdbi;

  public PostgresNotificationStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean alreadySent(String tenantId, String eventId) {
    return inTenant(tenantId, handle -> handle.createQuery(
            "select exists (select 1 from notifications.sent where tenant_id = :tenant and event_id = :event)")
        .bind("tenant", tenantId).bind("event", eventId).mapTo(Boolean.class).one());
  }

  @Override
  public void recordSent(SentNotification sent) {
    inTenant(sent.tenantId(), handle -> handle.createUpdate("""
            insert into notifications.sent
              (tenant_id, event_id, kind, recipient, subject, message_id, order_id, sku, sent_at)
            values (:tenant, :event, :kind, :recipient, :subject, :messageId, :orderId, :sku, :sentAt)
            on conflict (tenant_id, event_id) do nothing""")
        .bind("tenant", sent.tenantId()).bind("event", sent.eventId()).bind("kind", sent.kind().name())
        .bind("recipient", sent.recipient()).bind("subject", sent.subject()).bind("messageId", sent.messageId())
        .bind("orderId", sent.orderId()).bind("sku", sent.sku()).bind("sentAt", utc(sent.sentAt()))
        .execute());
  }

  @Override
  public Optional<SenderProfile> senderProfile(String tenantId) {
    return inTenant(tenantId, handle -> handle.createQuery("""
            select from_name, from_address, brand_name, accent_color, footer
            from notifications.senders where tenant_id = :tenant""")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> new SenderProfile(rs.getString("from_name"), rs.getString("from_address"),
            rs.getString("brand_name"), rs.getString("accent_color"), rs.getString("footer")))
        .findOne());
  }

  /** Sets the tenant's sender and branding (validated by the caller). */
  public void saveSenderProfile(String tenantId, SenderProfile profile) {
    inTenant(tenantId, handle -> handle.createUpdate("""
            insert into notifications.senders (tenant_id, from_name, from_address, brand_name, accent_color, footer)
            values (:tenant, :fromName, :fromAddress, :brandName, :accentColor, :footer)
            on conflict (tenant_id) do update set from_name = excluded.from_name,
              from_address = excluded.from_address, brand_name = excluded.brand_name,
              accent_color = excluded.accent_color, footer = excluded.footer, updated_at = now()""")
        .bind("tenant", tenantId).bind("fromName", profile.fromName()).bind("fromAddress", profile.fromAddress())
        .bind("brandName", profile.brandName()).bind("accentColor", profile.accentColor())
        .bind("footer", profile.footer()).execute());
  }

  @Override
  public void rememberOrderEmail(String tenantId, String orderId, String email) {
    inTenant(tenantId, handle -> handle.createUpdate("""
            insert into notifications.order_recipients (tenant_id, order_id, email) values (:tenant, :order, :email)
            on conflict (tenant_id, order_id) do update set email = excluded.email""")
        .bind("tenant", tenantId).bind("order", orderId).bind("email", email).execute());
  }

  @Override
  public Optional<String> orderEmail(String tenantId, String orderId) {
    return inTenant(tenantId, handle -> handle.createQuery(
            "select email from notifications.order_recipients where tenant_id = :tenant and order_id = :order")
        .bind("tenant", tenantId).bind("order", orderId).mapTo(String.class).findOne());
  }

  @Override
  public Optional<String> vendorEmail(String tenantId, String vendorId) {
    return inTenant(tenantId, handle -> handle.createQuery(
            "select email from catalog.vendors where tenant_id = :tenant and vendor_id = :vendor and email is not null")
        .bind("tenant", tenantId).bind("vendor", vendorId).mapTo(String.class).findOne());
  }

  @Override
  public Optional<String> vendorOfSku(String tenantId, String sku) {
    // a variant's SKU belongs to its product's vendor
    return inTenant(tenantId, handle -> handle.createQuery("""
            select p.vendor_id from catalog.products p where p.tenant_id = :tenant and p.sku = :sku
            union all
            select p.vendor_id from catalog.skus s join catalog.products p
              on p.tenant_id = s.tenant_id and p.sku = s.product_sku
            where s.tenant_id = :tenant and s.sku = :sku
            limit 1""")
        .bind("tenant", tenantId).bind("sku", sku).mapTo(String.class).findOne());
  }

  private <T> T inTenant(String tenantId, HandleCallback<T, RuntimeException> work) {
    return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
      useTenant(handle, tenantId);
      return work.withHandle(handle);
    });
  }

  private static void useTenant(Handle handle, String tenantId) {
    handle.createQuery("select set_config('fusion.tenant', :tenant, true)").bind("tenant", tenantId)
        .mapTo(String.class).one();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
