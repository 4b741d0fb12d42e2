package io.fusioncommerce.runtime.launcher;

import io.fusioncommerce.analytics.druid.DruidSupervisors;
import io.fusioncommerce.runtime.analytics.DruidEndpoints;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --role analytics}: submits the analytics supervisors and retention rules to the Druid named by
 * {@code DRUID_ROUTER_URL}, reading from {@code KAFKA_BOOTSTRAP_SERVERS}, and exits (a one-shot job, like
 * a migration; run it on every deployment: an unchanged spec changes nothing). Druid may still be
 * starting, so it retries for up to {@code FUSION_ANALYTICS_SUBMIT_TIMEOUT_SECONDS} (default 600).
 */
final class AnalyticsRole {

  private static final Duration RETRY = Duration.ofSeconds(5);

  private AnalyticsRole() {}

  static int run(Map<String, String> env) throws InterruptedException {
    String router = DruidEndpoints.router(env).orElseThrow(() ->
        new IllegalArgumentException("--role analytics needs " + DruidEndpoints.ROUTER));
    String kafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
    if (kafka == null || kafka.isBlank()) {
      throw new IllegalArgumentException("--role analytics needs KAFKA_BOOTSTRAP_SERVERS");
    }
    Duration timeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("FUSION_ANALYTICS_SUBMIT_TIMEOUT_SECONDS", "600")));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (DruidSupervisors supervisors = new DruidSupervisors(router)) {
        System.out.println("Druid supervisors: " + supervisors.submitAll(kafka));
        return 0;
      } catch (IllegalStateException e) {
        if (System.nanoTime() > deadline) {
          System.err.println("Druid at " + router + " did not take the supervisors within " + timeout + ": "
              + e.getMessage());
          return 1;
        }
        Thread.sleep(RETRY.toMillis());
      }
    }
  }
}
