package io.fusioncommerce.ingress.catalog.csv;

import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.TenantSlots;
import java.util.List;

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

  private final TenantSlots slots;

  public ImportSlots(ImportSettings settings) {
    this.slots = new TenantSlots(settings.maxConcurrent(), settings.maxConcurrentPerTenant(),
        () -> new ApiException(429, "import-running", "An import is running",
            "this tenant already runs " + settings.maxConcurrentPerTenant() + " import(s), the most it may at once; "
                + "retry when it has finished", List.of()),
        () -> new ApiException(503, "imports-busy", "Imports busy",
            "this node already runs " + settings.maxConcurrent() + " imports, the most it takes at once; retry later",
            List.of()));
  }

  /** A place for an import of {@code tenant}, or 429 (its tenant's imports) / 503 (the node's) refused. */
  public Slot acquire(String tenant) {
    return slots.acquire(tenant)::close;
  }
}
