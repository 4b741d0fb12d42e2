package io.fusioncommerce.ingress.catalog.media;

/** Answer of {@code POST /v1/products/{sku}/media}: where the stored image is served, its type and size. */
public record MediaUploaded(String url, String contentType, long bytes) {

  static MediaUploaded of(StoredMedia media) {
    return new MediaUploaded(media.url(), media.contentType(), media.bytes());
  }
}
