package io.fusioncommerce.ingress.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Places for long-lived work (an import, an open event stream): at most {@code maxTotal} on the node and
 * {@code maxPerTenant} per tenant. A request past either cap is refused at once rather than queued, so one
 * tenant cannot take every place and a refused client learns it before it sends or waits for anything.
 */
public final class TenantSlots {

  /** A taken place; closing it (once or more) frees the place. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  private final int maxPerTenant;
  private final Semaphore node;
  private final Supplier<ApiException> tenantFull;
  private final Supplier<ApiException> nodeFull;
  /** Places taken per tenant; a tenant with none has no entry, so this holds only active tenants. */
  private final ConcurrentHashMap<String, Integer> tenants = new ConcurrentHashMap<>();

  /**
   * @param tenantFull the refusal when the tenant holds {@code maxPerTenant} places (typically 429)
   * @param nodeFull the refusal when the node holds {@code maxTotal} places (typically 503)
   */
  public TenantSlots(int maxTotal, int maxPerTenant, Supplier<ApiException> tenantFull,
      Supplier<ApiException> nodeFull) {
    if (maxTotal < 1 || maxPerTenant < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
    this.maxPerTenant = maxPerTenant;
    this.node = new Semaphore(maxTotal);
    this.tenantFull = tenantFull;
    this.nodeFull = nodeFull;
  }

  /** A place for {@code tenant}, or the tenant's or the node's refusal thrown. */
  public Slot acquire(String tenant) {
    boolean[] admitted = {false};
    tenants.compute(tenant, (t, taken) -> {
      int count = taken == null ? 0 : taken;
      if (count >= maxPerTenant) {
        return taken;
      }
      admitted[0] = true;
      return count + 1;
    });
    if (!admitted[0]) {
      throw tenantFull.get();
    }
    if (!node.tryAcquire()) {
      release(tenant);
      throw nodeFull.get();
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        node.release();
        release(tenant);
      }
    };
  }

  /** Places {@code tenant} holds now. */
  public int taken(String tenant) {
    return tenants.getOrDefault(tenant, 0);
  }

  private void release(String tenant) {
    tenants.computeIfPresent(tenant, (t, taken) -> taken <= 1 ? null : taken - 1);
  }
}
