package io.fusioncommerce.ingress.http;

/** One wrong field of a request: its JSON path (e.g. {@code items[0].quantity}) and what is wrong. */
public record FieldError(String field, String message) {}
