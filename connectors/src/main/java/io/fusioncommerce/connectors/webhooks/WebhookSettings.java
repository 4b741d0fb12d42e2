package io.fusioncommerce.connectors.webhooks;

import java.time.Duration;
import java.util.Map;

/**
 * How the webhook worker behaves. Defaults: 10 s per request, retries from 10 s doubling to 1 h (with
 * jitter) for 24 h, at most 25 subscriptions per tenant, 20 event types per subscription, 2,048-character
 * URLs.
 *
 * @param allowLoopback deliver to loopback receivers (embedded mode only, when its setting says so)
 */
public record WebhookSettings(boolean allowLoopback, Duration requestTimeout, Duration firstRetryDelay,
    Duration maxRetryDelay, Duration retryWindow, int maxSubscriptionsPerTenant, int maxEventsPerSubscription,
    int maxUrlLength, Duration pollInterval) {

  /** Embedded mode's setting: loopback receivers are allowed unless it says false. */
  public static final String ALLOW_LOOPBACK = "FUSION_WEBHOOKS_ALLOW_LOOPBACK";

  public static WebhookSettings defaults(boolean allowLoopback) {
    return new WebhookSettings(allowLoopback, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofHours(1),
        Duration.ofHours(24), 25, 20, 2048, Duration.ofMillis(250));
  }

  /** Role mode: never loopback, whatever the environment says. */
  public static WebhookSettings roleMode() {
    return defaults(false);
  }

  /** Embedded mode: loopback allowed unless {@value #ALLOW_LOOPBACK} is {@code false}. */
  public static WebhookSettings embedded(Map<String, String> env) {
    String allow = env.getOrDefault(ALLOW_LOOPBACK, "true").trim();
    if (!allow.equals("true") && !allow.equals("false")) {
      throw new IllegalArgumentException(ALLOW_LOOPBACK + " must be true or false, not " + allow);
    }
    return defaults(Boolean.parseBoolean(allow));
  }

  public WebhookSettings withRetries(Duration first, Duration max, Duration window) {
    return new WebhookSettings(allowLoopback, requestTimeout, first, max, window, maxSubscriptionsPerTenant,
        maxEventsPerSubscription, maxUrlLength, pollInterval);
  }

  public WebhookSettings withPollInterval(Duration interval) {
    return new WebhookSettings(allowLoopback, requestTimeout, firstRetryDelay, maxRetryDelay, retryWindow,
        maxSubscriptionsPerTenant, maxEventsPerSubscription, maxUrlLength, interval);
  }

  public WebhookTargetPolicy targetPolicy() {
    return WebhookTargetPolicy.system(allowLoopback, maxUrlLength);
  }
}
