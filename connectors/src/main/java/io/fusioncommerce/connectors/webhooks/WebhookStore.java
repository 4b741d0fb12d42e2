package io.fusioncommerce.connectors.webhooks;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The webhook tables (migration V26): subscriptions, the delivery queue and its attempts. Every method
 * works inside one tenant's transaction (the {@code fusion.tenant} setting), so row-level security
 * keeps each tenant to its own rows even where a query forgot its predicate.
 */
public final class WebhookStore {

  public record Subscription(String subscriptionId, String url, List<String> events, boolean active,
      Instant createdAt, Instant disabledAt) {}

  /** A subscription with what the worker needs to deliver to it. */
  record Target(String subscriptionId, String url, String secret, List<String> events) {}

  public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, String error, long durationMs,
      Instant nextAttemptAt) {}

  public record Delivery(String deliveryId, String subscriptionId, String eventId, String eventType, String resource,
      String status, int attempts, Instant nextAttemptAt, Instant createdAt, String replayOf,
      List<Attempt> attemptLog) {}

  /** A page of deliveries, newest first; {@code next} is the cursor of the following page. */
  public record DeliveryPage(List<Delivery> items, String next) {}

  /** A due delivery the worker is about to make (its row locked for this transaction). */
  record Due(String tenantId, String deliveryId, String subscriptionId, String url, String secret, String eventId,
      String payload, int attempts, Instant firstAttemptAt) {}

  /** Why a subscription was not made. */
  public static final class LimitReached extends RuntimeException {
    public LimitReached(String message) {
      super(message);
    }
  }

  private final Jdbi jdbi;

  public WebhookStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One transaction in which only {@code tenantId}'s rows exist. */
  <T> T inTenant(String tenantId, HandleCallback<T, RuntimeException> work) {
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("a tenant is required");
    }
    return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
      handle.createQuery("select set_config('fusion.tenant', :tenant, true)").bind("tenant", tenantId)
          .mapTo(String.class).one();
      return work.withHandle(handle);
    });
  }

  /** Makes a subscription, unless the tenant has {@code maxPerTenant} active ones already. */
  public Subscription subscribe(String tenantId, String url, List<String> events, String secret, Instant now,
      int maxPerTenant) {
    return inTenant(tenantId, h -> subscribe(h, tenantId, url, events, secret, now, maxPerTenant));
  }

  /** {@link #subscribe} in a transaction of the caller's on which {@code tenantId} is set already. */
  public Subscription subscribe(Handle h, String tenantId, String url, List<String> events, String secret,
      Instant now, int maxPerTenant) {
    String id = "whs_" + UUID.randomUUID().toString().replace("-", "");
    {
      // one subscriber at a time per tenant, so two concurrent requests cannot both pass the limit
      h.createQuery("select pg_advisory_xact_lock(hashtext('webhooks:' || :tenant))").bind("tenant", tenantId)
          .mapTo(String.class).one();
      int active = h.createQuery("select count(*) from webhooks.subscriptions where tenant_id = :tenant and active")
          .bind("tenant", tenantId).mapTo(Integer.class).one();
      if (active >= maxPerTenant) {
        throw new LimitReached("a tenant has at most " + maxPerTenant + " active subscriptions");
      }
      h.createUpdate("""
              insert into webhooks.subscriptions (tenant_id, subscription_id, url, events, secret, created_at)
              values (:tenant, :id, :url, :events, :secret, :now)""")
          .bind("tenant", tenantId).bind("id", id).bind("url", url).bind("events", events.toArray(String[]::new))
          .bind("secret", secret).bind("now", ts(now)).execute();
      return new Subscription(id, url, List.copyOf(events), true, now, null);
    }
  }

  public List<Subscription> subscriptions(String tenantId) {
    return inTenant(tenantId, h -> h.createQuery("""
            select subscription_id, url, events, active, created_at, disabled_at from webhooks.subscriptions
            where tenant_id = :tenant order by created_at desc, subscription_id limit 1000""")
        .bind("tenant", tenantId).map((rs, ctx) -> subscription(rs)).list());
  }

  public Optional<Subscription> subscription(String tenantId, String subscriptionId) {
    return inTenant(tenantId, h -> h.createQuery("""
            select subscription_id, url, events, active, created_at, disabled_at from webhooks.subscriptions
            where tenant_id = :tenant and subscription_id = :id""")
        .bind("tenant", tenantId).bind("id", subscriptionId).map((rs, ctx) -> subscription(rs)).findOne());
  }

  /** Stops deliveries to a subscription: its pending ones are dropped (kept, FAILED, for the record). */
  public boolean disable(String tenantId, String subscriptionId, Instant now) {
    return inTenant(tenantId, h -> {
      int changed = h.createUpdate("""
              update webhooks.subscriptions set active = false, disabled_at = coalesce(disabled_at, :now)
              where tenant_id = :tenant and subscription_id = :id""")
          .bind("tenant", tenantId).bind("id", subscriptionId).bind("now", ts(now)).execute();
      h.createUpdate("""
              update webhooks.deliveries set status = 'FAILED'
              where tenant_id = :tenant and subscription_id = :id and status = 'PENDING'""")
          .bind("tenant", tenantId).bind("id", subscriptionId).execute();
      return changed == 1;
    });
  }

  /** The tenant's active subscriptions (the intake matches events against their types). */
  List<Target> activeTargets(Handle h, String tenantId) {
    return h.createQuery("""
            select subscription_id, url, secret, events from webhooks.subscriptions
            where tenant_id = :tenant and active""")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> new Target(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4))))
        .list();
  }

  /** Queues {@code event} for {@code subscriptionId}; an event queued before (consumed twice) is not. */
  private int schedule(Handle h, String subscriptionId, WebhookEvent event, Instant now) {
    return h.createUpdate("""
            insert into webhooks.deliveries (tenant_id, delivery_id, subscription_id, event_id, event_type, resource,
              occurred_at, payload, status, next_attempt_at, created_at)
            values (:tenant, :delivery, :subscription, :event, :type, :resource, :occurred, :payload, 'PENDING',
              :now, :now)
            on conflict (tenant_id, subscription_id, event_type, event_id) where replay_of is null do nothing""")
        .bind("tenant", event.tenantId()).bind("delivery", newDeliveryId()).bind("subscription", subscriptionId)
        .bind("event", event.eventId()).bind("type", event.type()).bind("resource", event.resource())
        .bind("occurred", ts(event.occurredAt())).bind("payload", event.json()).bind("now", ts(now)).execute();
  }

  /**
   * Queues each of {@code events} (all of {@code tenantId}) for every active subscription of the tenant
   * to its type, in the order given, in one transaction: the intake's unit of work before it commits
   * the events' offsets.
   *
   * @return how many deliveries were queued (events already queued not counted twice)
   */
  public int scheduleForSubscribers(String tenantId, List<WebhookEvent> events, Instant now) {
    return inTenant(tenantId, h -> {
      List<Target> targets = activeTargets(h, tenantId);
      int queued = 0;
      for (WebhookEvent event : events) {
        if (!event.tenantId().equals(tenantId)) {
          throw new IllegalArgumentException("event " + event.eventId() + " is not of tenant " + tenantId);
        }
        for (Target target : targets) {
          if (target.events().contains(event.type())) {
            queued += schedule(h, target.subscriptionId(), event, now);
          }
        }
      }
      return queued;
    });
  }

  /** The tenants with a delivery due by {@code now} (ids only: the worker then works tenant by tenant). */
  List<String> tenantsWithDueDeliveries(Instant now) {
    return jdbi.withHandle(h -> h.createQuery("select webhooks.tenants_with_due_deliveries(:now)")
        .bind("now", ts(now)).mapTo(String.class).list());
  }

  /**
   * Due deliveries that are first in line for their resource (no earlier pending delivery of the same
   * resource to the same subscription), locked for this transaction; rows another worker holds are skipped.
   */
  List<Due> lockDue(Handle h, String tenantId, Instant now, int limit) {
    return h.createQuery("""
            select d.delivery_id, d.subscription_id, s.url, s.secret, d.event_id, d.payload, d.attempts,
              (select min(a.attempted_at) from webhooks.delivery_attempts a
                where a.tenant_id = d.tenant_id and a.delivery_id = d.delivery_id) as first_attempt_at
            from webhooks.deliveries d
            join webhooks.subscriptions s on s.tenant_id = d.tenant_id and s.subscription_id = d.subscription_id
            where d.tenant_id = :tenant and d.status = 'PENDING' and d.next_attempt_at <= :now and s.active
              and not exists (
                select 1 from webhooks.deliveries e
                where e.tenant_id = d.tenant_id and e.subscription_id = d.subscription_id
                  and e.resource = d.resource and e.status = 'PENDING'
                  and (e.occurred_at, e.seq) < (d.occurred_at, d.seq))
            order by d.occurred_at, d.seq
            limit :limit
            for update of d skip locked""")
        .bind("tenant", tenantId).bind("now", ts(now)).bind("limit", limit)
        .map((rs, ctx) -> new Due(tenantId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getInt(7), instant(rs.getTimestamp(8))))
        .list();
  }

  /** Records one attempt and what follows it: DELIVERED, FAILED (retries over) or the next attempt's time. */
  void recordAttempt(Handle h, Due due, Instant at, Integer statusCode, String error, long durationMs, String status,
      Instant nextAttemptAt) {
    int attempt = due.attempts() + 1;
    h.createUpdate("""
            insert into webhooks.delivery_attempts (tenant_id, delivery_id, attempt, attempted_at, status_code, error,
              duration_ms, next_attempt_at)
            values (:tenant, :delivery, :attempt, :at, :code, :error, :duration, :next)""")
        .bind("tenant", due.tenantId()).bind("delivery", due.deliveryId()).bind("attempt", attempt)
        .bind("at", ts(at)).bind("code", statusCode).bind("error", error).bind("duration", durationMs)
        .bind("next", nextAttemptAt == null ? null : ts(nextAttemptAt)).execute();
    h.createUpdate("""
            update webhooks.deliveries set status = :status, attempts = :attempt,
              next_attempt_at = coalesce(:next, next_attempt_at)
            where tenant_id = :tenant and delivery_id = :delivery""")
        .bind("status", status).bind("attempt", attempt).bind("next", nextAttemptAt == null ? null : ts(nextAttemptAt))
        .bind("tenant", due.tenantId()).bind("delivery", due.deliveryId()).execute();
  }

  /** A subscription's deliveries, newest first, each with its attempts; empty when there is no such subscription. */
  public Optional<DeliveryPage> deliveries(String tenantId, String subscriptionId, Long beforeSeq, int limit) {
    return inTenant(tenantId, h -> {
      boolean exists = h.createQuery("""
              select count(*) from webhooks.subscriptions where tenant_id = :tenant and subscription_id = :id""")
          .bind("tenant", tenantId).bind("id", subscriptionId).mapTo(Integer.class).one() == 1;
      if (!exists) {
        return Optional.<DeliveryPage>empty();
      }
      List<Map.Entry<Long, Delivery>> rows = h.createQuery("""
              select seq, delivery_id, subscription_id, event_id, event_type, resource, status, attempts,
                next_attempt_at, created_at, replay_of
              from webhooks.deliveries
              where tenant_id = :tenant and subscription_id = :id and (:before::bigint is null or seq < :before)
              order by seq desc limit :limit""")
          .bind("tenant", tenantId).bind("id", subscriptionId).bind("before", beforeSeq).bind("limit", limit + 1)
          .map((rs, ctx) -> Map.entry(rs.getLong(1), new Delivery(rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), instant(rs.getTimestamp(9)),
              instant(rs.getTimestamp(10)), rs.getString(11), List.of())))
          .list();
      List<Map.Entry<Long, Delivery>> page = rows.subList(0, Math.min(limit, rows.size()));
      Map<String, List<Attempt>> attempts = attempts(h, tenantId, page.stream().map(e -> e.getValue().deliveryId()).toList());
      List<Delivery> items = page.stream().map(Map.Entry::getValue)
          .map(d -> new Delivery(d.deliveryId(), d.subscriptionId(), d.eventId(), d.eventType(), d.resource(),
              d.status(), d.attempts(), "PENDING".equals(d.status()) ? d.nextAttemptAt() : null, d.createdAt(),
              d.replayOf(), attempts.getOrDefault(d.deliveryId(), List.of())))
          .toList();
      String next = rows.size() > limit ? Long.toString(page.get(page.size() - 1).getKey()) : null;
      return Optional.of(new DeliveryPage(items, next));
    });
  }

  private static Map<String, List<Attempt>> attempts(Handle h, String tenantId, Collection<String> deliveryIds) {
    Map<String, List<Attempt>> byDelivery = new LinkedHashMap<>();
    if (deliveryIds.isEmpty()) {
      return byDelivery;
    }
    h.createQuery("""
            select delivery_id, attempt, attempted_at, status_code, error, duration_ms, next_attempt_at
            from webhooks.delivery_attempts
            where tenant_id = :tenant and delivery_id = any(:ids) order by delivery_id, attempt""")
        .bind("tenant", tenantId).bind("ids", deliveryIds.toArray(String[]::new))
        .map((rs, ctx) -> {
          Integer code = rs.getObject(4) == null ? null : rs.getInt(4);
          byDelivery.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Attempt(rs.getInt(2),
              instant(rs.getTimestamp(3)), code, rs.getString(5), rs.getLong(6), instant(rs.getTimestamp(7))));
          return 0;
        }).list();
    return byDelivery;
  }

  /**
   * Queues {@code deliveryId}'s event again, as a new delivery (its own attempts), behind what is
   * pending for the same resource. At most one replay of a delivery is pending at a time: while one is,
   * replaying again answers that one (so a caller repeating the request cannot queue the event without
   * bound). Empty when there is no such delivery or its subscription is disabled.
   */
  public Optional<String> replay(String tenantId, String deliveryId, Instant now) {
    return inTenant(tenantId, h -> {
      String id = newDeliveryId();
      int inserted = h.createUpdate("""
              insert into webhooks.deliveries (tenant_id, delivery_id, subscription_id, event_id, event_type, resource,
                occurred_at, payload, status, next_attempt_at, created_at, replay_of)
              select d.tenant_id, :id, d.subscription_id, d.event_id, d.event_type, d.resource, d.occurred_at,
                d.payload, 'PENDING', :now, :now, d.delivery_id
              from webhooks.deliveries d
              join webhooks.subscriptions s on s.tenant_id = d.tenant_id and s.subscription_id = d.subscription_id
              where d.tenant_id = :tenant and d.delivery_id = :delivery and s.active
              on conflict (tenant_id, replay_of) where status = 'PENDING' and replay_of is not null do nothing""")
          .bind("id", id).bind("now", ts(now)).bind("tenant", tenantId).bind("delivery", deliveryId).execute();
      if (inserted == 1) {
        return Optional.of(id);
      }
      return h.createQuery("""
              select r.delivery_id from webhooks.deliveries r
              join webhooks.subscriptions s on s.tenant_id = r.tenant_id and s.subscription_id = r.subscription_id
              where r.tenant_id = :tenant and r.replay_of = :delivery and r.status = 'PENDING' and s.active""")
          .bind("tenant", tenantId).bind("delivery", deliveryId).mapTo(String.class).findOne();
    });
  }

  /** Whether the tenant has this delivery at all (a replay of a disabled subscription's is a conflict, not 404). */
  public boolean deliveryExists(String tenantId, String deliveryId) {
    return inTenant(tenantId, h -> h.createQuery(
            "select count(*) from webhooks.deliveries where tenant_id = :tenant and delivery_id = :id")
        .bind("tenant", tenantId).bind("id", deliveryId).mapTo(Integer.class).one() == 1);
  }

  private static String newDeliveryId() {
    return "whd_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static Subscription subscription(ResultSet rs) throws SQLException {
    return new Subscription(rs.getString(1), rs.getString(2), strings(rs.getArray(3)), rs.getBoolean(4),
        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)));
  }

  private static List<String> strings(Array array) throws SQLException {
    return List.of((String[]) array.getArray());
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
