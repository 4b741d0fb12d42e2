package io.fusioncommerce.ingress.catalog;

/** An image of a product in object storage. */
public record MediaItem(String url, String contentType, long bytes) {}
