package io.fusioncommerce.analytics.query;

import java.util.List;

/**
 * The questions the analytics API and the dashboard's history charts ask of the analytics store
 * (Druid SQL). Every query is scoped by the caller's {@link Scope}, which the server builds from the
 * token, never from the request.
 */
public interface AnalyticsQueries {

  /** True when the analytics store answers queries now. */
  boolean available();

  /** Sales of confirmed order lines per time bucket (and group), one point per currency. */
  List<SalesPoint> sales(SalesQuery query) throws AnalyticsUnavailableException;

  /** The best-selling products of a period, by units. */
  List<TopProduct> topProducts(TopProductsQuery query) throws AnalyticsUnavailableException;

  /** A campaign's joins per time bucket. */
  List<CampaignPoint> campaign(CampaignQuery query) throws AnalyticsUnavailableException;
}
