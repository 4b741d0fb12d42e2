package io.fusioncommerce.ingress;

import io.fusioncommerce.ingress.openapi.DocumentedRoutes;

/** One bounded context's routes. The ingress registers every module it is given. */
@FunctionalInterface
public interface ApiModule {
  void register(DocumentedRoutes routes, ApiContext context);

  /**
   * Server-wide settings a module needs besides its routes (plugins, filters on every request), applied
   * before any route is registered. Most modules need none.
   */
  default void configure(io.javalin.config.JavalinConfig config) {}
}
