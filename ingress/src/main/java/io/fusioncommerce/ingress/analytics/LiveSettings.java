package io.fusioncommerce.ingress.analytics;

import io.fusioncommerce.ingress.http.EnvironmentSettings;
import java.time.Duration;
import java.util.Map;

/**
 * Limits and pace of the live figures' event streams ({@code GET /v1/live}). Each open stream holds a
 * connection and, while it writes, a virtual thread; the caps bound both, whoever opens streams.
 *
 * @param maxStreams open streams on this node at most (503 beyond)
 * @param maxStreamsPerTenant open streams of one tenant at most (429 beyond): a dashboard opens one per tab
 * @param refresh how often the figures are read and pushed when they changed (at most twice a second)
 * @param heartbeat how often an idle stream gets a comment, so proxies keep it open and a gone client is noticed
 */
public record LiveSettings(int maxStreams, int maxStreamsPerTenant, Duration refresh, Duration heartbeat) {

  public static final String MAX_STREAMS_VARIABLE = "FUSION_LIVE_MAX_STREAMS";
  public static final String MAX_STREAMS_PER_TENANT_VARIABLE = "FUSION_LIVE_MAX_STREAMS_PER_TENANT";
  public static final int DEFAULT_MAX_STREAMS = 500;
  public static final int DEFAULT_MAX_STREAMS_PER_TENANT = 20;
  /** Pushes at most twice a second: a tile changing faster than that is not read by anyone. */
  public static final Duration DEFAULT_REFRESH = Duration.ofMillis(500);
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

  public LiveSettings {
    if (maxStreams < 1 || maxStreamsPerTenant < 1) {
      throw new IllegalArgumentException(MAX_STREAMS_VARIABLE + " and " + MAX_STREAMS_PER_TENANT_VARIABLE
          + " must be at least 1");
    }
    if (refresh.compareTo(DEFAULT_REFRESH) < 0 || heartbeat.compareTo(refresh) < 0) {
      throw new IllegalArgumentException("refresh must be at least 500 ms and heartbeat at least refresh");
    }
  }

  public static LiveSettings defaults() {
    return new LiveSettings(DEFAULT_MAX_STREAMS, DEFAULT_MAX_STREAMS_PER_TENANT, DEFAULT_REFRESH, DEFAULT_HEARTBEAT);
  }

  /** {@value #MAX_STREAMS_VARIABLE} (default 500) and {@value #MAX_STREAMS_PER_TENANT_VARIABLE} (default 20). */
  public static LiveSettings fromEnvironment(Map<String, String> env) {
    return new LiveSettings(EnvironmentSettings.wholeNumber(env, MAX_STREAMS_VARIABLE, DEFAULT_MAX_STREAMS),
        EnvironmentSettings.wholeNumber(env, MAX_STREAMS_PER_TENANT_VARIABLE, DEFAULT_MAX_STREAMS_PER_TENANT), DEFAULT_REFRESH,
        DEFAULT_HEARTBEAT);
  }

}
