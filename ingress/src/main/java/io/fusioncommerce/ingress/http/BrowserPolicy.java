package io.fusioncommerce.ingress.http;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What browsers need from the API: CORS for the origins an operator lists in {@code FUSION_CORS_ORIGINS}
 * (comma-separated {@code scheme://host[:port]}; none when unset, so a page on another origin can call
 * nothing), answered by Javalin's CORS plugin (preflights included); and security headers on every answer:
 * no MIME sniffing, no framing by other sites, no full URLs leaked as referrers, and HSTS on answers that went
 * over TLS (a plain-HTTP answer must not pin a host to HTTPS it may not serve).
 */
public final class BrowserPolicy implements ApiModule {

  public static final String ORIGINS_VARIABLE = "FUSION_CORS_ORIGINS";
  static final String CONTENT_SECURITY_POLICY = "frame-ancestors 'none'";
  static final String REFERRER_POLICY = "strict-origin-when-cross-origin";
  static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
  /** Headers a cross-origin page may read besides the safelisted ones: where a created resource is, how to poll. */
  static final List<String> EXPOSED_HEADERS = List.of("Location", "ETag", "Retry-After");

  private final List<String> origins;

  /** @param origins the origins allowed to call the API from a browser; empty allows none */
  public BrowserPolicy(List<String> origins) {
    origins.forEach(BrowserPolicy::requireOrigin);
    this.origins = List.copyOf(origins);
  }

  public static BrowserPolicy fromEnvironment(Map<String, String> env) {
    String value = env.getOrDefault(ORIGINS_VARIABLE, "").trim();
    return new BrowserPolicy(value.isEmpty() ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).filter(origin -> !origin.isEmpty()).toList());
  }

  public List<String> origins() {
    return origins;
  }

  @Override
  public void configure(JavalinConfig config) {
    if (!origins.isEmpty()) {
      config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
        rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
        EXPOSED_HEADERS.forEach(rule::exposeHeader);
        rule.maxAge = 600;
      }));
    }
    // the plugin answers a preflight's methods and headers whatever the origin (without allowing it); an origin
    // that is not ours gets no CORS header at all, so nothing about the API's surface is offered to it
    config.routes.after(this::dropCorsHeadersOfOtherOrigins);
    config.routes.before(BrowserPolicy::securityHeaders);
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext context) {
    // headers and CORS only (see configure)
  }

  private void dropCorsHeadersOfOtherOrigins(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origins.contains(origin)) {
      return;
    }
    for (String name : List.copyOf(ctx.res().getHeaderNames())) {
      if (name.regionMatches(true, 0, "Access-Control-", 0, "Access-Control-".length())) {
        ctx.res().setHeader(name, null);
      }
    }
  }

  static void securityHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", REFERRER_POLICY);
    if (ctx.req().isSecure()) {
      ctx.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }
  }

  /** An origin is {@code http(s)://host[:port]}, nothing more: a typo must fail the start, not open the API. */
  private static void requireOrigin(String origin) {
    URI uri;
    try {
      uri = URI.create(origin);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ORIGINS_VARIABLE + ": not an origin: " + origin, e);
    }
    boolean plain = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
        && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
        && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (!plain) {
      throw new IllegalArgumentException(ORIGINS_VARIABLE + ": not an origin (scheme://host[:port]): " + origin);
    }
  }
}
