package io.fusioncommerce.ingress.analytics;

import io.fusioncommerce.analytics.query.CampaignPoint;
import io.fusioncommerce.analytics.query.SalesPoint;
import io.fusioncommerce.analytics.query.TopProduct;
import java.time.Instant;
import java.util.List;

/** The JSON answers of the analytics routes. Money is minor units and an ISO currency code, as everywhere. */
final class AnalyticsViews {

  private AnalyticsViews() {}

  public record Revenue(long amount, String currency) {}

  /** One bucket (and group, null without groupBy) of a sales series, in one currency. */
  public record SalesPointView(Instant time, String group, long orders, long units, Revenue revenue) {
    static SalesPointView of(SalesPoint point) {
      return new SalesPointView(point.time(), point.group(), point.orders(), point.units(),
          new Revenue(point.revenueAmount(), point.currency()));
    }
  }

  /** {@code GET /v1/analytics/sales}: the series, and the range and buckets it answers for. */
  public record SalesResponse(Instant from, Instant to, String granularity, String groupBy, String vendor,
      List<SalesPointView> series) {}

  public record TopProductView(String sku, String vendorId, long orders, long units, Revenue revenue) {
    static TopProductView of(TopProduct product) {
      return new TopProductView(product.sku(), product.vendorId(), product.orders(), product.units(),
          new Revenue(product.revenueAmount(), product.currency()));
    }
  }

  /** {@code GET /v1/analytics/top-products}: best sellers by units, one item per SKU and currency. */
  public record TopProductsResponse(Instant from, Instant to, String vendor, List<TopProductView> items) {}

  public record CampaignPointView(Instant time, long joins, long units, long ordersPlaced) {
    static CampaignPointView of(CampaignPoint point) {
      return new CampaignPointView(point.time(), point.joins(), point.units(), point.ordersPlaced());
    }
  }

  /** {@code GET /v1/analytics/campaigns/{campaignId}}: the campaign's joins per bucket. */
  public record CampaignResponse(String campaignId, Instant from, Instant to, String granularity,
      List<CampaignPointView> series) {}
}
