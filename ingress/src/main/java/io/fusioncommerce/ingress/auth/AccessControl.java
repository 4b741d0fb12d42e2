package io.fusioncommerce.ingress.auth;

import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.RequestContext;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * Runs before every matched route: a route is public only when marked {@link Access#ANONYMOUS};
 * every other route needs a verified bearer token (401 otherwise) and, when the route names roles,
 * one of them (403 otherwise).
 */
public final class AccessControl {

  private static final String BEARER = "Bearer ";

  private final TokenVerifier verifier;

  public AccessControl(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  public void check(Context ctx) {
    Set<RouteRole> routeRoles = ctx.routeRoles();
    if (routeRoles.contains(Access.ANONYMOUS) || isStaticAsset(ctx)) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new AuthenticationException("a bearer token is required");
    }
    Principal principal = verifier.verify(header.substring(BEARER.length()).trim());
    boolean allowed =
        routeRoles.isEmpty() || routeRoles.stream().anyMatch(r -> r instanceof Role role && principal.has(role));
    if (!allowed) {
      throw ApiException.forbidden("this operation needs one of the roles " + routeRoles);
    }
    RequestContext.authenticate(ctx, principal);
  }

  /** Static assets (the API reference's scripts) are served by Javalin without an endpoint and are public. */
  private static boolean isStaticAsset(Context ctx) {
    return ctx.endpoint() == null || ctx.path().startsWith("/webjars/");
  }
}
