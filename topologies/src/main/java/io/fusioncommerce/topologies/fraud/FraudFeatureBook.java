package io.fusioncommerce.topologies.fraud;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The fraud features' rules, pure over {@link FeatureStores}: the features of an order are read BEFORE the
 * order is recorded (so no feature counts the order it describes), then the order is recorded. The topology
 * and the offline generator call it the same way: {@code features(...)}, then {@code record(...)}.
 *
 * <p>Every store key is {@code <tenant>|<kind>|<value>} with tenant and value URL-encoded, so one tenant's
 * activity never reaches another tenant's keys. Windows are whole {@linkplain FeatureStores#BUCKET minute
 * buckets}: "the last N minutes" is the order's own bucket and the N-1 before it.
 */
public final class FraudFeatureBook {

  /** The kinds of entity the stores keep state for. */
  public enum Entity {
    CUSTOMER("customer"), PAYMENT("payment"), CLIENT("client"), ADDRESS("address"), TENANT_CURRENCY("tenant-currency");

    private final String code;

    Entity(String code) {
      this.code = code;
    }
  }

  static final Duration MINUTE = Duration.ofMinutes(1);
  static final Duration HOUR = Duration.ofHours(1);
  static final Duration DAY = Duration.ofHours(24);

  private final FeatureStores stores;

  public FraudFeatureBook(FeatureStores stores) {
    this.stores = Objects.requireNonNull(stores, "stores");
  }

  /** The store key of an entity of a tenant. */
  public static String key(String tenantId, Entity kind, String value) {
    return URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "|" + kind.code + "|" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The features of {@code order} from what the tenant's stores hold before it. */
  public FraudFeatures features(String tenantId, OrderObservation order) {
    Instant at = order.at();
    String customer = key(tenantId, Entity.CUSTOMER, order.customerId());
    Optional<EntityProfile> customerProfile = stores.profile(customer);
    Optional<EntityProfile> paymentProfile = profile(tenantId, Entity.PAYMENT, order.paymentFingerprint());
    Optional<EntityProfile> clientProfile = profile(tenantId, Entity.CLIENT, order.clientAddress());
    Optional<EntityProfile> addressProfile = profile(tenantId, Entity.ADDRESS, order.shippingAddressKey());
    Optional<EntityProfile> tenantProfile = stores.profile(key(tenantId, Entity.TENANT_CURRENCY, order.currency()));
    Instant dayAgo = at.minus(DAY);

    ActivityCounts customer24h = window(customer, at, DAY);
    long priorOrders = customerProfile.map(EntityProfile::orders).orElse(0L);
    return new FraudFeatures(
        window(customer, at, MINUTE).orders(),
        window(customer, at, HOUR).orders(),
        customer24h.orders(),
        window(tenantId, Entity.PAYMENT, order.paymentFingerprint(), at, HOUR).orders(),
        paymentProfile.map(p -> p.membersSince(dayAgo)).orElse(0L),
        window(tenantId, Entity.CLIENT, order.clientAddress(), at, MINUTE).orders(),
        window(tenantId, Entity.CLIENT, order.clientAddress(), at, HOUR).orders(),
        clientProfile.map(p -> p.membersSince(dayAgo)).orElse(0L),
        window(tenantId, Entity.ADDRESS, order.shippingAddressKey(), at, DAY).orders(),
        addressProfile.map(p -> p.membersSince(dayAgo)).orElse(0L),
        customer24h.failedPayments(),
        window(tenantId, Entity.PAYMENT, order.paymentFingerprint(), at, DAY).failedPayments(),
        priorOrders,
        customerProfile.map(p -> Math.max(0, Duration.between(p.firstSeen(), at).toMillis()) / 3_600_000.0).orElse(0.0),
        ratioToMean(order.totalMinor(), customerProfile),
        ratioToMean(order.totalMinor(), tenantProfile),
        order.shippingAddressKey() != null && priorOrders > 0
            && !customerProfile.get().remembers(order.shippingAddressKey()),
        order.billingCountry() != null && order.shippingCountry() != null
            && !order.billingCountry().equalsIgnoreCase(order.shippingCountry()),
        order.units() == 0 ? 0.0 : (double) order.highRiskUnits() / order.units(),
        order.units(),
        order.distinctSkus());
  }

  /** Records {@code order} in the tenant's stores: its activity and every profile it touches. */
  public void record(String tenantId, OrderObservation order) {
    Instant at = order.at();
    ActivityCounts one = new ActivityCounts(1, order.totalMinor(), 0);
    recordOrder(tenantId, Entity.CUSTOMER, order.customerId(), order, one, order.shippingAddressKey());
    recordOrder(tenantId, Entity.PAYMENT, order.paymentFingerprint(), order, one, order.customerId());
    recordOrder(tenantId, Entity.CLIENT, order.clientAddress(), order, one, order.paymentFingerprint());
    recordOrder(tenantId, Entity.ADDRESS, order.shippingAddressKey(), order, one, order.customerId());
    String tenant = key(tenantId, Entity.TENANT_CURRENCY, order.currency());
    stores.putProfile(tenant, stores.profile(tenant).orElseGet(() -> EntityProfile.first(at)).withOrder(at, order.totalMinor(), null));
  }

  /** Records a failed payment of the customer (with the payment method, if known) at {@code at}. */
  public void recordFailedPayment(String tenantId, String customerId, String paymentFingerprint, Instant at) {
    ActivityCounts failed = new ActivityCounts(0, 0, 1);
    stores.addActivity(key(tenantId, Entity.CUSTOMER, customerId), at, failed);
    if (paymentFingerprint != null) {
      stores.addActivity(key(tenantId, Entity.PAYMENT, paymentFingerprint), at, failed);
    }
  }

  private void recordOrder(String tenantId, Entity kind, String value, OrderObservation order, ActivityCounts one, String member) {
    if (value == null) {
      return;
    }
    String key = key(tenantId, kind, value);
    stores.addActivity(key, order.at(), one);
    EntityProfile before = stores.profile(key).orElseGet(() -> EntityProfile.first(order.at()));
    stores.putProfile(key, before.withOrder(order.at(), order.totalMinor(), member));
  }

  private Optional<EntityProfile> profile(String tenantId, Entity kind, String value) {
    return value == null ? Optional.empty() : stores.profile(key(tenantId, kind, value));
  }

  private ActivityCounts window(String tenantId, Entity kind, String value, Instant at, Duration length) {
    return value == null ? ActivityCounts.NONE : window(key(tenantId, kind, value), at, length);
  }

  /** The entity's activity in the window of {@code length} that ends with {@code at}'s bucket. */
  private ActivityCounts window(String key, Instant at, Duration length) {
    Instant end = FeatureStores.bucketStart(at).plus(FeatureStores.BUCKET);
    return stores.activity(key, end.minus(length), end);
  }

  /** The total over the profile's mean order total; 1 with no history (nothing to compare with). */
  private static double ratioToMean(long totalMinor, Optional<EntityProfile> profile) {
    return profile.filter(p -> p.orders() > 0 && p.amountMinor() > 0)
        .map(p -> totalMinor * (double) p.orders() / p.amountMinor())
        .orElse(1.0);
  }
}
