package io.fusioncommerce.analytics.live;

import java.time.Instant;

/** A SKU whose available stock fell to or below its low-stock threshold, as last reported. */
public record LowStockSku(String sku, String vendorId, long available, long threshold, Instant since) {}
