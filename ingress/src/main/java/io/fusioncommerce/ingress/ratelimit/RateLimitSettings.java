package io.fusioncommerce.ingress.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ingress's request rate limits, read from the environment the way the other FUSION_* settings are.
 *
 * <p>Per-tenant overrides live here, keyed by tenant id, and not in the tenant's settings in Postgres on
 * purpose: the limit protects the platform (and the other tenants) from a tenant, so it is the operator's
 * to set, not something a tenant admin may raise with {@code PUT /v1/tenant/settings}; and the limiter runs
 * before every request, where a database look-up would cost more than the limit saves.
 *
 * @param enabled false turns every limit off (benchmarks of the platform without the limiter)
 * @param perCaller each caller's bucket: a token's subject within its tenant, or the client address on
 *     anonymous routes
 * @param perTenant the bucket all callers of one tenant share
 * @param tenants per-tenant overrides of both
 * @param maxTrackedCallers buckets kept in memory at most (least recently used ones are dropped first)
 */
public record RateLimitSettings(boolean enabled, RateLimit perCaller, RateLimit perTenant,
    Map<String, TenantLimits> tenants, long maxTrackedCallers) {

  public static final String ENABLED_VARIABLE = "FUSION_RATE_LIMIT_ENABLED";
  public static final String CALLER_VARIABLE = "FUSION_RATE_LIMIT_CALLER";
  public static final String TENANT_VARIABLE = "FUSION_RATE_LIMIT_TENANT";
  public static final String TENANTS_VARIABLE = "FUSION_RATE_LIMIT_TENANTS";
  public static final String MAX_CALLERS_VARIABLE = "FUSION_RATE_LIMIT_MAX_CALLERS";

  /** Generous: well above what a person or a well-behaved integration sends, and above every IT. */
  public static final RateLimit DEFAULT_PER_CALLER = new RateLimit(200, 400);
  public static final RateLimit DEFAULT_PER_TENANT = new RateLimit(2_000, 6_000);
  public static final long DEFAULT_MAX_TRACKED_CALLERS = 100_000;

  /** One tenant's limits. */
  public record TenantLimits(RateLimit perTenant, RateLimit perCaller) {}

  public RateLimitSettings {
    tenants = Map.copyOf(tenants);
    if (maxTrackedCallers < 1) {
      throw new IllegalArgumentException(MAX_CALLERS_VARIABLE + " must be at least 1");
    }
  }

  public static RateLimitSettings defaults() {
    return new RateLimitSettings(true, DEFAULT_PER_CALLER, DEFAULT_PER_TENANT, Map.of(), DEFAULT_MAX_TRACKED_CALLERS);
  }

  public static RateLimitSettings disabled() {
    return new RateLimitSettings(false, DEFAULT_PER_CALLER, DEFAULT_PER_TENANT, Map.of(), DEFAULT_MAX_TRACKED_CALLERS);
  }

  /**
   * <ul>
   *   <li>{@value #ENABLED_VARIABLE}: {@code false} turns the limiter off (default {@code true})
   *   <li>{@value #CALLER_VARIABLE}: {@code PER_SECOND[:BURST]} per caller (default 200:400)
   *   <li>{@value #TENANT_VARIABLE}: {@code PER_SECOND[:BURST]} per tenant (default 2000:6000)
   *   <li>{@value #TENANTS_VARIABLE}: overrides, {@code tenant=TENANT_LIMIT[/CALLER_LIMIT];...}, e.g.
   *       {@code acme=5000:10000/500:1000;globex=100}
   *   <li>{@value #MAX_CALLERS_VARIABLE}: buckets kept in memory (default 100,000)
   * </ul>
   * A malformed value stops the start with a message naming the variable.
   */
  public static RateLimitSettings fromEnvironment(Map<String, String> env) {
    RateLimitSettings defaults = defaults();
    try {
      boolean enabled = !"false".equalsIgnoreCase(value(env, ENABLED_VARIABLE, "true"));
      RateLimit caller = limit(env, CALLER_VARIABLE, defaults.perCaller());
      RateLimit tenant = limit(env, TENANT_VARIABLE, defaults.perTenant());
      long maxCallers = Long.parseLong(value(env, MAX_CALLERS_VARIABLE, Long.toString(DEFAULT_MAX_TRACKED_CALLERS)));
      return new RateLimitSettings(enabled, caller, tenant, tenants(value(env, TENANTS_VARIABLE, ""), tenant, caller),
          maxCallers);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rate limit settings (" + String.join(", ", CALLER_VARIABLE, TENANT_VARIABLE,
          TENANTS_VARIABLE, MAX_CALLERS_VARIABLE) + "): " + e.getMessage(), e);
    }
  }

  /** The limits that apply to {@code tenantId}. */
  public TenantLimits limitsOf(String tenantId) {
    TenantLimits override = tenantId == null ? null : tenants.get(tenantId);
    return override != null ? override : new TenantLimits(perTenant, perCaller);
  }

  private static Map<String, TenantLimits> tenants(String text, RateLimit tenantDefault, RateLimit callerDefault) {
    Map<String, TenantLimits> tenants = new LinkedHashMap<>();
    for (String entry : text.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("an override is tenant=TENANT_LIMIT[/CALLER_LIMIT], not " + entry.trim());
      }
      String[] limits = entry.substring(equals + 1).split("/");
      tenants.put(entry.substring(0, equals).trim(), new TenantLimits(
          limits[0].isBlank() ? tenantDefault : RateLimit.parse(limits[0]),
          limits.length > 1 ? RateLimit.parse(limits[1]) : callerDefault));
    }
    return tenants;
  }

  private static RateLimit limit(Map<String, String> env, String variable, RateLimit fallback) {
    String text = env.get(variable);
    return text == null || text.isBlank() ? fallback : RateLimit.parse(text);
  }

  private static String value(Map<String, String> env, String variable, String fallback) {
    String text = env.get(variable);
    return text == null || text.isBlank() ? fallback : text.trim();
  }
}
