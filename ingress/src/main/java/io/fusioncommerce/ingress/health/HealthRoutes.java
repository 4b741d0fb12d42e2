package io.fusioncommerce.ingress.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

import io.fusioncommerce.ingress.auth.Access;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: every dependency and every
 * topology is up; 503 with the failing checks otherwise, so load balancers keep traffic away. Optional
 * parts (analytics) are listed with their status but do not decide readiness.
 */
public final class HealthRoutes {

  /** Readiness answer: overall status and each check's status. */
  public record Readiness(String status, Map<String, CheckView> checks) {}

  public record CheckView(String status, String detail) {}

  private final List<HealthCheck> readiness;
  /** The outcome of the last evaluation (1 up, 0 down): overall, and per check. */
  private final AtomicInteger ready = new AtomicInteger();
  private final Map<String, AtomicInteger> checkUp = new LinkedHashMap<>();

  public HealthRoutes(List<HealthCheck> readiness) {
    this.readiness = List.copyOf(readiness);
    this.readiness.forEach(check -> checkUp.put(check.name(), new AtomicInteger()));
  }

  /**
   * {@code fusion_health_ready} (1 when the last {@code /health/ready} answered 200) and
   * {@code fusion_health_check{check, required}} (1 when that check was up), as of the last readiness call:
   * the load balancer's or kubelet's probe keeps them fresh.
   */
  public HealthRoutes bindTo(MeterRegistry registry) {
    Gauge.builder("fusion.health.ready", ready, AtomicInteger::get)
        .description("1 when the last readiness evaluation was UP").register(registry);
    for (HealthCheck check : readiness) {
      Gauge.builder("fusion.health.check", checkUp.get(check.name()), AtomicInteger::get)
          .description("1 when this readiness check was up at the last evaluation")
          .tag("check", check.name()).tag("required", Boolean.toString(check.required()))
          .register(registry);
    }
    return this;
  }

  public void register(DocumentedRoutes routes) {
    routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")), Access.ANONYMOUS)
        .tag("Operations").summary("Liveness: the process answers");
    routes.get("/health/ready", this::ready, Access.ANONYMOUS)
        .tag("Operations").summary("Readiness: broker, Postgres, registry, Connect and every topology are up")
        .response(200, Readiness.class, "Ready").response(503, Readiness.class, "Not ready");
  }

  public Readiness evaluate() {
    Map<String, CheckView> checks = new LinkedHashMap<>();
    boolean allUp = true;
    for (HealthCheck check : readiness) {
      HealthCheck.Status status;
      try {
        status = check.check();
      } catch (RuntimeException e) {
        status = HealthCheck.Status.down(e.toString());
      }
      allUp &= status.up() || !check.required();
      checks.put(check.name(), new CheckView(status.up() ? "UP" : "DOWN", status.detail()));
      checkUp.get(check.name()).set(status.up() ? 1 : 0);
    }
    ready.set(allUp ? 1 : 0);
    return new Readiness(allUp ? "UP" : "DOWN", checks);
  }

  private void ready(Context ctx) {
    Readiness readiness = evaluate();
    ctx.status("UP".equals(readiness.status()) ? 200 : 503).json(readiness);
  }
}
