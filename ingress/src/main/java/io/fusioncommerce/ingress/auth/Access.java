package io.fusioncommerce.ingress.auth;

import io.javalin.security.RouteRole;

/** Route markers beside the roles: a route marked {@link #ANONYMOUS} needs no token. */
public enum Access implements RouteRole {
  ANONYMOUS
}
