package io.fusioncommerce.analytics.query;

import java.time.Instant;

/**
 * One bucket of a sales series: orders, units and revenue (minor units of {@code currency}) of the
 * confirmed order lines whose confirmation fell in the bucket. {@code group} is null without a groupBy.
 */
public record SalesPoint(Instant time, String group, long orders, long units, long revenueAmount, String currency) {}
