package io.fusioncommerce.ingress.catalog.csv;

import io.fusioncommerce.ingress.http.ApiException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The running imports: at most {@link ImportSettings#maxConcurrent()} on the node and
 * {@link ImportSettings#maxConcurrentPerTenant()} per tenant. A refused import is told so at once (it does
 * not queue: a queued upload would hold its connection and its body anyway).
 */
public final class ImportSlots {

  /** Seconds a refused client is told to wait: a large import takes a minute or so. */
  public static final int RETRY_AFTER_SECONDS = 30;

  /** A running import's place; closing it frees the place. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  private final ImportSettings settings;
  private final Semaphore node;
  /** Running imports per tenant; a tenant with none has no entry, so this holds only running tenants. */
  private final ConcurrentHashMap<String, Integer> tenants = new ConcurrentHashMap<>();

  public ImportSlots(ImportSettings settings) {
    this.settings = settings;
    this.node = new Semaphore(settings.maxConcurrent());
  }

  /** A place for an import of {@code tenant}, or 429 (its tenant's imports) / 503 (the node's) refused. */
  public Slot acquire(String tenant) {
    boolean[] admitted = {false};
    tenants.compute(tenant, (t, running) -> {
      int count = running == null ? 0 : running;
      if (count >= settings.maxConcurrentPerTenant()) {
        return running;
      }
      admitted[0] = true;
      return count + 1;
    });
    if (!admitted[0]) {
      throw new ApiException(429, "import-running", "An import is running",
          "this tenant already runs " + settings.maxConcurrentPerTenant() + " import(s), the most it may at once; "
              + "retry when it has finished", List.of());
    }
    if (!node.tryAcquire()) {
      release(tenant);
      throw new ApiException(503, "imports-busy", "Imports busy",
          "this node already runs " + settings.maxConcurrent() + " imports, the most it takes at once; retry later",
          List.of());
    }
    java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        node.release();
        release(tenant);
      }
    };
  }

  private void release(String tenant) {
    tenants.computeIfPresent(tenant, (t, running) -> running <= 1 ? null : running - 1);
  }
}
