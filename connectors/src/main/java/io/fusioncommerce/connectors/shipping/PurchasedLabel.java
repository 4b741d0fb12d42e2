package io.fusioncommerce.connectors.shipping;

/** A label a carrier sold: its tracking number and what it cost (minor units of {@code currency}). */
public record PurchasedLabel(String carrier, String service, String trackingNumber, long amount, String currency) {}
