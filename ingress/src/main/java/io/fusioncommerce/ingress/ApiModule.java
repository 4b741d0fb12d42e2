package io.fusioncommerce.ingress;

import io.fusioncommerce.ingress.openapi.DocumentedRoutes;

/** One bounded context's routes. The ingress registers every module it is given. */
@FunctionalInterface
public interface ApiModule {
  void register(DocumentedRoutes routes, ApiContext context);
}
