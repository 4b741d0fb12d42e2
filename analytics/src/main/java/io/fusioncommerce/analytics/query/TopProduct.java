package io.fusioncommerce.analytics.query;

/** A SKU's confirmed sales over a period, revenue in minor units of {@code currency}. */
public record TopProduct(String sku, String vendorId, long orders, long units, long revenueAmount, String currency) {}
