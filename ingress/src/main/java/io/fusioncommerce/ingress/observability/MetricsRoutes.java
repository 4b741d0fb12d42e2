package io.fusioncommerce.ingress.observability;

import io.fusioncommerce.ingress.auth.Access;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics} in the Prometheus text format. */
public final class MetricsRoutes {

  private final PrometheusMeterRegistry registry;

  public MetricsRoutes(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public void register(DocumentedRoutes routes) {
    routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()),
            Access.ANONYMOUS)
        .tag("Operations").summary("Prometheus metrics: JVM, HTTP, Kafka Streams, producers");
  }
}
