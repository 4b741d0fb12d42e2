package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.analytics.query.AnalyticsQueries;
import io.fusioncommerce.analytics.query.AnalyticsUnavailableException;
import io.fusioncommerce.analytics.query.CampaignPoint;
import io.fusioncommerce.analytics.query.CampaignQuery;
import io.fusioncommerce.analytics.query.SalesPoint;
import io.fusioncommerce.analytics.query.SalesQuery;
import io.fusioncommerce.analytics.query.TopProduct;
import io.fusioncommerce.analytics.query.TopProductsQuery;
import java.util.List;

/**
 * The analytics queries of a role-mode node given no Druid (neither DRUID_BROKER_URL nor DRUID_ROUTER_URL):
 * every analytics route answers 503 with Retry-After; the rest of the API is unaffected.
 */
public final class AnalyticsOff implements AnalyticsQueries {

  private static final String REASON = "analytics is not running on this node";

  @Override
  public boolean available() {
    return false;
  }

  @Override
  public List<SalesPoint> sales(SalesQuery query) throws AnalyticsUnavailableException {
    throw new AnalyticsUnavailableException(REASON);
  }

  @Override
  public List<TopProduct> topProducts(TopProductsQuery query) throws AnalyticsUnavailableException {
    throw new AnalyticsUnavailableException(REASON);
  }

  @Override
  public List<CampaignPoint> campaign(CampaignQuery query) throws AnalyticsUnavailableException {
    throw new AnalyticsUnavailableException(REASON);
  }
}
