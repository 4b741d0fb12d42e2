package io.fusioncommerce.ingress.catalog;

/** An image of a product in object storage: its object key, the URL the API serves it at, its type and size. */
public record MediaItem(String key, String url, String contentType, long bytes) {}
