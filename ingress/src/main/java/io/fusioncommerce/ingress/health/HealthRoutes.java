package io.fusioncommerce.ingress.health;

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

  public HealthRoutes(List<HealthCheck> readiness) {
    this.readiness = List.copyOf(readiness);
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
    }
    return new Readiness(allUp ? "UP" : "DOWN", checks);
  }

  private void ready(Context ctx) {
    Readiness readiness = evaluate();
    ctx.status("UP".equals(readiness.status()) ? 200 : 503).json(readiness);
  }
}
