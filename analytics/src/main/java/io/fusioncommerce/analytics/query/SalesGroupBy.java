package io.fusioncommerce.analytics.query;

/** The dimension a sales series is split by. */
public enum SalesGroupBy {
  VENDOR, SKU, CATEGORY, CURRENCY
}
