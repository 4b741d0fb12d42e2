package io.fusioncommerce.ingress.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The gauges the FusionNotReady and FusionReadinessCheckDown alerts read follow the last readiness
 * evaluation: a required check down makes the node not ready, an optional one only shows as down.
 */
class HealthRoutesMetricsTest {

  private final AtomicBoolean brokerUp = new AtomicBoolean(true);
  private final AtomicBoolean analyticsUp = new AtomicBoolean(true);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HealthRoutes health = new HealthRoutes(List.of(
      check("kafka", true, brokerUp), check("analytics", false, analyticsUp))).bindTo(registry);

  @Test
  void theGaugesFollowTheLastEvaluation() {
    assertThat(ready()).as("nothing evaluated yet").isZero();

    health.evaluate();
    assertThat(ready()).isEqualTo(1);
    assertThat(checkUp("kafka", "true")).isEqualTo(1);
    assertThat(checkUp("analytics", "false")).isEqualTo(1);

    analyticsUp.set(false);
    health.evaluate();
    assertThat(ready()).as("an optional check does not decide readiness").isEqualTo(1);
    assertThat(checkUp("analytics", "false")).isZero();

    brokerUp.set(false);
    health.evaluate();
    assertThat(ready()).isZero();
    assertThat(checkUp("kafka", "true")).isZero();

    brokerUp.set(true);
    analyticsUp.set(true);
    health.evaluate();
    assertThat(ready()).isEqualTo(1);
    assertThat(checkUp("kafka", "true")).isEqualTo(1);
  }

  private double ready() {
    return registry.get("fusion.health.ready").gauge().value();
  }

  private double checkUp(String name, String required) {
    return registry.get("fusion.health.check").tag("check", name).tag("required", required).gauge().value();
  }

  private static HealthCheck check(String name, boolean required, AtomicBoolean up) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Status check() {
        return up.get() ? Status.up("ok") : Status.down("down");
      }

      @Override
      public boolean required() {
        return required;
      }
    };
  }
}
