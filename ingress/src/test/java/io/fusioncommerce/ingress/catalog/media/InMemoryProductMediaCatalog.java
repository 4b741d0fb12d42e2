package io.fusioncommerce.ingress.catalog.media;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A catalog of products in memory, standing in for the Postgres catalog in the media routes' tests. */
final class InMemoryProductMediaCatalog implements ProductMediaCatalog {

  private record ProductKey(String tenant, String sku) {}

  private final Map<ProductKey, String> vendorOf = new ConcurrentHashMap<>();
  private final Map<ProductKey, List<StoredMedia>> media = new ConcurrentHashMap<>();
  private final AtomicReference<RuntimeException> failNextAttach = new AtomicReference<>();
  private final Map<ProductKey, Boolean> active = new ConcurrentHashMap<>();

  /** Whether the product is ACTIVE (sold): only then are its images public. New products are not. */
  void setActive(String tenant, String sku, boolean isActive) {
    active.put(new ProductKey(tenant, sku), isActive);
  }

  @Override
  public boolean isPublic(String tenantId, String sku, String key) {
    ProductKey product = new ProductKey(tenantId, sku);
    return active.getOrDefault(product, false)
        && media.getOrDefault(product, List.of()).stream().anyMatch(stored -> stored.key().equals(key));
  }

  void addProduct(String tenant, String sku, String vendorId) {
    vendorOf.put(new ProductKey(tenant, sku), vendorId);
  }

  List<StoredMedia> media(String tenant, String sku) {
    return List.copyOf(media.getOrDefault(new ProductKey(tenant, sku), List.of()));
  }

  void failNextAttach(RuntimeException failure) {
    failNextAttach.set(failure);
  }

  @Override
  public void requireEditable(Principal principal, String sku) {
    String vendor = vendorOf.get(new ProductKey(principal.tenantId(), sku));
    if (vendor == null) {
      throw ApiException.notFound("no product " + sku);
    }
    boolean admin = principal.hasAny(Role.ADMIN, Role.OPERATOR);
    if (!admin && !Optional.of(vendor).equals(principal.vendorId())) {
      throw ApiException.forbidden("product " + sku + " belongs to another vendor");
    }
  }

  @Override
  public void attach(Principal principal, String sku, StoredMedia stored) {
    RuntimeException failure = failNextAttach.getAndSet(null);
    if (failure != null) {
      throw failure;
    }
    List<StoredMedia> list = media.computeIfAbsent(new ProductKey(principal.tenantId(), sku),
        k -> new CopyOnWriteArrayList<>());
    if (list.stream().noneMatch(existing -> existing.key().equals(stored.key()))) {
      list.add(stored);
    }
  }
}
