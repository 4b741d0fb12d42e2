package io.fusioncommerce.ingress.analytics;

import io.fusioncommerce.analytics.live.LiveFigures;
import io.fusioncommerce.analytics.live.LiveFiguresSource;
import io.fusioncommerce.analytics.query.AnalyticsQueries;
import io.fusioncommerce.analytics.query.AnalyticsUnavailableException;
import io.fusioncommerce.analytics.query.CampaignPoint;
import io.fusioncommerce.analytics.query.CampaignQuery;
import io.fusioncommerce.analytics.query.SalesPoint;
import io.fusioncommerce.analytics.query.SalesQuery;
import io.fusioncommerce.analytics.query.TopProduct;
import io.fusioncommerce.analytics.query.TopProductsQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The analytics store and the live figures as the routes see them, for tests: answers set by the test,
 * every query remembered (so a test sees the scope the server built), availability switchable.
 */
public final class FakeAnalytics implements AnalyticsQueries, LiveFiguresSource {

  public volatile boolean available = true;
  public volatile boolean failing;
  public volatile List<SalesPoint> sales = List.of();
  /** When set, the sales of a granularity (else {@link #sales}). */
  public final Map<io.fusioncommerce.analytics.query.Granularity, List<SalesPoint>> salesByGranularity =
      new ConcurrentHashMap<>();
  public volatile List<TopProduct> topProducts = List.of();
  public volatile List<CampaignPoint> campaign = List.of();
  public final List<Object> asked = new CopyOnWriteArrayList<>();
  public final Map<String, LiveFigures> live = new ConcurrentHashMap<>();
  public final AtomicInteger liveReads = new AtomicInteger();

  @Override
  public boolean available() {
    return available;
  }

  /** When set, every query waits until it opens (a slow store, for tests of queries in flight). */
  public volatile java.util.concurrent.CountDownLatch slow;

  private void check() throws AnalyticsUnavailableException {
    java.util.concurrent.CountDownLatch gate = slow;
    if (gate != null) {
      try {
        gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failing) {
      throw new AnalyticsUnavailableException("broker at druid-7.internal:8082 refused");
    }
  }

  @Override
  public List<SalesPoint> sales(SalesQuery query) throws AnalyticsUnavailableException {
    asked.add(query);
    check();
    return salesByGranularity.getOrDefault(query.granularity(), sales);
  }

  @Override
  public List<TopProduct> topProducts(TopProductsQuery query) throws AnalyticsUnavailableException {
    asked.add(query);
    check();
    return topProducts;
  }

  @Override
  public List<CampaignPoint> campaign(CampaignQuery query) throws AnalyticsUnavailableException {
    asked.add(query);
    check();
    return campaign;
  }

  @Override
  public Optional<LiveFigures> figures(String tenantId) {
    liveReads.incrementAndGet();
    return Optional.ofNullable(live.get(tenantId));
  }
}
