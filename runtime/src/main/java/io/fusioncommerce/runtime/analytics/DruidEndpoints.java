package io.fusioncommerce.runtime.analytics;

import io.fusioncommerce.analytics.query.DruidAnalyticsQueries;
import java.util.Map;
import java.util.Optional;

/**
 * Role mode's Druid, from the environment: {@code DRUID_ROUTER_URL} (supervisors, rules, and queries
 * when no broker is named) and {@code DRUID_BROKER_URL} (queries).
 */
public final class DruidEndpoints {

  public static final String ROUTER = "DRUID_ROUTER_URL";
  public static final String BROKER = "DRUID_BROKER_URL";

  private DruidEndpoints() {}

  /** Where supervisors and retention rules go: the router (which forwards to the overlord/coordinator). */
  public static Optional<String> router(Map<String, String> env) {
    return value(env, ROUTER);
  }

  /** The analytics queries of a role that serves the analytics routes; empty when no Druid is configured. */
  public static Optional<DruidAnalyticsQueries> queries(Map<String, String> env) {
    return value(env, BROKER).or(() -> value(env, ROUTER)).map(DruidAnalyticsQueries::new);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
