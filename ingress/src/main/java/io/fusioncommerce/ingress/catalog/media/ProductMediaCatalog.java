package io.fusioncommerce.ingress.catalog.media;

import io.fusioncommerce.ingress.auth.Principal;

/**
 * What the media routes need from the product catalog, which lives in Postgres and belongs to the
 * catalog context. Implementations scope everything by {@link Principal#tenantId()}.
 *
 * <p>An upload calls {@link #requireEditable} before it reads the file, stores the object, then calls
 * {@link #attach}. If {@code attach} throws, the object just stored is deleted again and the exception
 * answers the request, so nothing refers to a missing object and no stored object is left unreferenced.
 */
public interface ProductMediaCatalog {

  /**
   * Returns when {@code principal} may add media to product {@code sku} of its tenant; otherwise throws
   * the {@link io.fusioncommerce.ingress.http.ApiException} the caller deserves:
   * {@code ApiException.notFound} when the tenant has no such product (also when it belongs to another
   * tenant: never reveal that it exists), {@code ApiException.forbidden} when the caller may not edit it
   * (for instance a vendor and another vendor's product).
   */
  void requireEditable(Principal principal, String sku);

  /**
   * Records {@code media} as an image of product {@code sku}, after its bytes are stored. Must be
   * idempotent per {@link StoredMedia#key()}: a request repeated with the same {@code Idempotency-Key}
   * attaches the same key again, which must not add a second entry.
   */
  void attach(Principal principal, String sku, StoredMedia media);

  /**
   * Whether {@code key} is an image of product {@code sku} of {@code tenantId} that anyone may see: the
   * product is ACTIVE (sold) and the key is one of its media. Asked for requests without a token, so it
   * decides alone; anything unknown is not public.
   */
  default boolean isPublic(String tenantId, String sku, String key) {
    return false;
  }
}
