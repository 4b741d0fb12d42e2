package io.fusioncommerce.ingress.ratelimit;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.PublicUrls;
import io.fusioncommerce.ingress.http.RequestContext;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * Runs after access control on every matched route: takes a token from the caller's and the tenant's
 * buckets, or answers 429 with {@code Retry-After} (whole seconds, rounded up) and the draft IETF
 * {@code RateLimit-*} headers.
 *
 * <p>Not limited: health and metrics (an orchestrator or Prometheus polling a busy node must not see it
 * as dead and restart it, turning load into an outage) and the Stripe and carrier webhooks (signed by the
 * provider, sent from a few provider addresses that a per-address limit would throttle for every tenant at
 * once, retried by the provider with back-off, and bounded by the platform's own payments and shipments).
 * Nor is the development token issuer, served in embedded mode only: whoever reaches it can mint any token
 * for any subject anyway (so it cannot be what bounds a caller; the tenant's bucket is), and test suites
 * mint thousands of tokens from one address.
 */
public final class RateLimitFilter {

  private static final List<String> EXEMPT_PREFIXES = List.of("/health/", "/metrics", "/v1/webhooks/", "/v1/auth/dev-token");

  private final RateLimiter limiter;

  public RateLimitFilter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  public void check(Context ctx) {
    if (!limiter.enabled() || ctx.endpoint() == null || exempt(ctx.path())) {
      return;
    }
    Principal principal = RequestContext.authenticated(ctx).orElse(null);
    RateLimiter.Decision decision = principal != null
        ? limiter.tryAcquire(Optional.of(principal.tenantId()), "sub:" + principal.subject())
        : limiter.tryAcquire(Optional.empty(), "addr:" + PublicUrls.clientAddress(ctx));
    ctx.header("RateLimit-Limit", Long.toString(decision.limit()));
    ctx.header("RateLimit-Remaining", Long.toString(decision.remaining()));
    if (!decision.allowed()) {
      String seconds = Long.toString(decision.retryAfterSeconds());
      ctx.header("Retry-After", seconds);
      ctx.header("RateLimit-Reset", seconds);
      throw ApiException.tooManyRequests("too many requests for this " + decision.scope()
          + (decision.scope().equals("tenant") ? " (shared by all its callers)" : "")
          + "; retry after " + seconds + " s");
    }
  }

  static boolean exempt(String path) {
    return EXEMPT_PREFIXES.stream().anyMatch(path::startsWith);
  }
}
