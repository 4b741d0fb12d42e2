package io.fusioncommerce.analytics.feed;

import java.util.List;

/**
 * The fact topics the analytics topology writes and Druid's Kafka indexing service reads: string keys,
 * one JSON fact per record. Their names are part of the contract with the Druid supervisor specs.
 */
public final class AnalyticsTopics {

  private AnalyticsTopics() {}

  public static final String ORDER_LINES = "analytics.order-lines";
  public static final String PAYMENTS = "analytics.payments";
  public static final String SHIPMENTS = "analytics.shipments";
  public static final String CAMPAIGNS = "analytics.campaigns";
  public static final String STOCK = "analytics.stock";

  /** Every fact topic, for creation at start-up. */
  public static final List<String> ALL = List.of(ORDER_LINES, PAYMENTS, SHIPMENTS, CAMPAIGNS, STOCK);
}
