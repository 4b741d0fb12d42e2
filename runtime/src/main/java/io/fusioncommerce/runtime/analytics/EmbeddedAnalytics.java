package io.fusioncommerce.runtime.analytics;

import io.fusioncommerce.analytics.druid.DruidDistribution;
import io.fusioncommerce.analytics.druid.DruidSupervisors;
import io.fusioncommerce.analytics.druid.EmbeddedDruid;
import io.fusioncommerce.analytics.query.AnalyticsQueries;
import io.fusioncommerce.analytics.query.AnalyticsUnavailableException;
import io.fusioncommerce.analytics.query.CampaignPoint;
import io.fusioncommerce.analytics.query.CampaignQuery;
import io.fusioncommerce.analytics.query.DruidAnalyticsQueries;
import io.fusioncommerce.analytics.query.SalesPoint;
import io.fusioncommerce.analytics.query.SalesQuery;
import io.fusioncommerce.analytics.query.TopProduct;
import io.fusioncommerce.analytics.query.TopProductsQuery;
import io.fusioncommerce.ingress.health.HealthCheck;
import io.fusioncommerce.runtime.embedded.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded platform's analytics: Apache Druid started in the background once the core is ready (so
 * the core's start does not wait for it), the supervisors submitted, and the analytics queries answered
 * by Druid once it is up. Until then, and while Druid is down or switched off, every query is
 * {@link AnalyticsUnavailableException} (the routes answer 503) and readiness lists analytics as an
 * optional component that never makes the node not ready.
 */
public final class EmbeddedAnalytics implements AnalyticsQueries, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAnalytics.class);
  /** Five supervisors of one task each, twice over: a task handing off never blocks its successor. */
  static final int WORKER_CAPACITY = 2 * DruidSupervisors.DATASOURCES.size();
  private static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(5);

  /**
   * @param enabled false for {@code --analytics off}
   * @param druidDir where Druid keeps everything (under the platform's data dir)
   * @param distribution where the build put Druid (looked up only when analytics starts)
   */
  public record Settings(boolean enabled, Path druidDir, Supplier<DruidDistribution> distribution) {}

  private final Settings settings;
  private final Object lock = new Object();
  private volatile String state;
  private volatile DruidAnalyticsQueries queries;
  private EmbeddedDruid druid;
  private Thread starter;
  private boolean closed;

  public EmbeddedAnalytics(Settings settings) {
    this.settings = settings;
    this.state = settings.enabled() ? "waiting for the core platform" : "switched off (--analytics off)";
  }

  /** Starts Druid and submits the supervisors (reading from {@code bootstrapServers}) in the background. */
  public void startInBackground(String bootstrapServers) {
    if (!settings.enabled()) {
      return;
    }
    synchronized (lock) {
      if (closed || starter != null) {
        return;
      }
      starter = Thread.ofPlatform().name("analytics-start").daemon().start(() -> start(bootstrapServers));
    }
  }

  private void start(String bootstrapServers) {
    long begin = System.nanoTime();
    try {
      state = "starting Druid";
      EmbeddedDruid started = EmbeddedDruid.start(new EmbeddedDruid.Settings(settings.distribution().get(),
          settings.druidDir(), WORKER_CAPACITY, Ports::free));
      synchronized (lock) {
        druid = started;
        if (closed) {
          return;
        }
      }
      started.awaitHealthy(HEALTHY_TIMEOUT);
      state = "submitting supervisors";
      try (DruidSupervisors supervisors = new DruidSupervisors(started.overlordUrl())) {
        supervisors.submitAll(bootstrapServers);
      }
      queries = new DruidAnalyticsQueries(started.brokerUrl());
      state = "up";
      LOG.atInfo().addKeyValue("ms", (System.nanoTime() - begin) / 1_000_000).addKeyValue("broker", started.brokerUrl())
          .log("analytics ready");
    } catch (RuntimeException e) {
      if (!isClosed()) {
        state = "failed: " + e.getMessage();
        LOG.error("analytics did not start; the core platform runs on without it", e);
      }
    }
  }

  /** The broker's URL once Druid runs. */
  public Optional<String> brokerUrl() {
    synchronized (lock) {
      return Optional.ofNullable(druid).map(EmbeddedDruid::brokerUrl);
    }
  }

  /** Readiness's "analytics" entry: optional, so the core stays ready whatever Druid does. */
  public HealthCheck health() {
    return new HealthCheck() {
      @Override
      public String name() {
        return "analytics";
      }

      @Override
      public Status check() {
        EmbeddedDruid current;
        synchronized (lock) {
          current = druid;
        }
        if (queries == null || current == null) {
          return Status.down(state);
        }
        return current.healthy() ? Status.up("Druid broker " + current.brokerUrl()) : Status.down("Druid not healthy");
      }

      @Override
      public boolean required() {
        return false;
      }
    };
  }

  @Override
  public boolean available() {
    DruidAnalyticsQueries current = queries;
    return current != null && current.available();
  }

  @Override
  public List<SalesPoint> sales(SalesQuery query) throws AnalyticsUnavailableException {
    return ready().sales(query);
  }

  @Override
  public List<TopProduct> topProducts(TopProductsQuery query) throws AnalyticsUnavailableException {
    return ready().topProducts(query);
  }

  @Override
  public List<CampaignPoint> campaign(CampaignQuery query) throws AnalyticsUnavailableException {
    return ready().campaign(query);
  }

  private DruidAnalyticsQueries ready() throws AnalyticsUnavailableException {
    DruidAnalyticsQueries current = queries;
    if (current == null) {
      throw new AnalyticsUnavailableException("analytics is not available: " + state);
    }
    return current;
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** Stops Druid, then ZooKeeper (a start still in progress is abandoned and what it started stopped). */
  @Override
  public void close() {
    Thread pending;
    synchronized (lock) {
      closed = true;
      pending = starter;
    }
    state = "stopped";
    if (pending != null) {
      pending.interrupt();
      try {
        pending.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    DruidAnalyticsQueries current = queries;
    queries = null;
    if (current != null) {
      current.close();
    }
    EmbeddedDruid started;
    synchronized (lock) {
      started = druid;
      druid = null;
    }
    if (started != null) {
      started.close();
    }
  }
}
