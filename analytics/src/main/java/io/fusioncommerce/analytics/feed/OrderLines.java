package io.fusioncommerce.analytics.feed;

import java.util.List;

/**
 * What the feed remembers of one order (store {@value AnalyticsTopology#ORDER_STORE}, keyed by the order):
 * its lines as placed, with vendor and category resolved once at placement so every later fact of the
 * order carries the same ones, and when it was placed (for the confirmation latency).
 *
 * @param lastChangeAt the time of the last event applied: retention counts from it
 * @param status the last order status seen (CREATED after placement)
 */
public record OrderLines(String tenantId, String orderId, String customerId, String currency, long placedAt,
    String campaignId, List<Line> lines, String status, long lastChangeAt) {

  public OrderLines {
    lines = List.copyOf(lines);
  }

  /** One line of the order as placed. */
  public record Line(String sku, long quantity, long unitPrice, String vendorId, String category, String categoryPath) {

    long amount() {
      return Math.multiplyExact(quantity, unitPrice);
    }
  }

  /** The statuses after which nothing but a refund happens to an order. */
  public boolean closed() {
    return switch (status) {
      case "REJECTED", "CANCELLED", "DELIVERED" -> true;
      default -> false;
    };
  }

  OrderLines moved(String newStatus, String newCampaignId, long at) {
    return new OrderLines(tenantId, orderId, customerId, currency, placedAt,
        campaignId != null ? campaignId : newCampaignId, lines, newStatus, Math.max(lastChangeAt, at));
  }
}
