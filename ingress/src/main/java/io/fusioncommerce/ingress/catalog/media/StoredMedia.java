package io.fusioncommerce.ingress.catalog.media;

import java.time.Instant;

/**
 * One stored image of a product.
 *
 * @param key the object key, {@code <tenant>/products/<sku>/<id>.<ext>}
 * @param url where the API serves it: {@code /v1/media/<key>}
 * @param contentType the type its bytes really are (image/jpeg, image/png, image/webp or image/gif)
 * @param bytes its length
 * @param uploadedAt when it was stored
 */
public record StoredMedia(String key, String url, String contentType, long bytes, Instant uploadedAt) {}
