package io.fusioncommerce.ingress.auth;

import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.RequestContext;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.Set;

/**
 * Runs before every matched route: a route is public only when marked {@link Access#ANONYMOUS};
 * every other route needs a verified bearer token (401 otherwise) and, when the route names roles,
 * one of them (403 otherwise). A token whose claims contradict each other is refused on every route
 * with 403: a vendor token without the {@code vendor} claim names no vendor to scope by, and every
 * vendor rule ("its own products, stock, orders") would otherwise have nothing to compare with.
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
    requireConsistentClaims(principal);
    boolean allowed =
        routeRoles.isEmpty() || routeRoles.stream().anyMatch(r -> r instanceof Role role && principal.has(role));
    if (!allowed) {
      throw ApiException.forbidden("this operation needs one of the roles " + routeRoles);
    }
    RequestContext.authenticate(ctx, principal);
  }

  /**
   * A vendor token must say which vendor it acts for. Refused before any route runs, so no handler has to
   * remember that an empty vendor id would otherwise read as "no vendor filter" (the whole tenant).
   */
  static void requireConsistentClaims(Principal principal) {
    if (principal.has(Role.VENDOR) && principal.vendorId().filter(v -> !v.isBlank()).isEmpty()) {
      throw new ApiException(403, "vendor-claim-missing", "Vendor claim missing",
          "a token with the vendor role must carry the " + TokenClaims.VENDOR + " claim naming its vendor",
          List.of());
    }
  }

  /** Static assets (the API reference's scripts) are served by Javalin without an endpoint and are public. */
  private static boolean isStaticAsset(Context ctx) {
    return ctx.endpoint() == null || ctx.path().startsWith("/webjars/");
  }
}
