package io.fusioncommerce.runtime.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.analytics.druid.DruidDistribution;
import io.fusioncommerce.analytics.query.AnalyticsUnavailableException;
import io.fusioncommerce.analytics.query.Granularity;
import io.fusioncommerce.analytics.query.SalesQuery;
import io.fusioncommerce.analytics.query.Scope;
import io.fusioncommerce.ingress.health.HealthCheck;
import io.fusioncommerce.ingress.health.HealthRoutes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedAnalyticsTest {

  @TempDir Path dir;

  private static final SalesQuery SALES = new SalesQuery(Scope.tenant("acme"), Instant.parse("2026-12-01T00:00:00Z"),
      Instant.parse("2026-12-02T00:00:00Z"), Granularity.HOUR, Optional.empty());

  @Test
  void switchedOffAnalyticsAnswersUnavailableAndNeverStartsDruid() {
    try (EmbeddedAnalytics analytics = new EmbeddedAnalytics(new EmbeddedAnalytics.Settings(false, dir,
        () -> { throw new AssertionError("Druid must not be looked up when analytics is off"); }))) {
      analytics.startInBackground("127.0.0.1:9092");

      assertThat(analytics.available()).isFalse();
      assertThatThrownBy(() -> analytics.sales(SALES)).isInstanceOf(AnalyticsUnavailableException.class)
          .hasMessageContaining("off");
      assertThat(analytics.health().check().up()).isFalse();
      assertThat(analytics.brokerUrl()).isEmpty();
    }
  }

  @Test
  void analyticsThatCannotStartLeavesTheCoreReadyAndSaysWhy() throws Exception {
    try (EmbeddedAnalytics analytics = new EmbeddedAnalytics(new EmbeddedAnalytics.Settings(true, dir,
        () -> DruidDistribution.at(dir.resolve("no-druid-here"))))) {
      assertThatThrownBy(() -> analytics.sales(SALES)).isInstanceOf(AnalyticsUnavailableException.class);
      analytics.startInBackground("127.0.0.1:9092");
      HealthCheck health = analytics.health();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!health.check().detail().startsWith("failed") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(health.check().detail()).startsWith("failed").contains("druid-distribution");
      HealthCheck core = new HealthCheck() {
        @Override
        public String name() {
          return "kafka";
        }

        @Override
        public Status check() {
          return Status.up("broker");
        }
      };
      HealthRoutes.Readiness readiness = new HealthRoutes(List.of(core, health)).evaluate();
      assertThat(readiness.status()).isEqualTo("UP");
      assertThat(readiness.checks().get("analytics").status()).isEqualTo("DOWN");
    }
  }
}
