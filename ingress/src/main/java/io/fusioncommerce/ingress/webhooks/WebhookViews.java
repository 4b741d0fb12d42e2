package io.fusioncommerce.ingress.webhooks;

import io.fusioncommerce.connectors.webhooks.WebhookStore;
import java.time.Instant;
import java.util.List;

/** What the webhook routes answer. The secret is in {@link Created} only: it is shown once. */
final class WebhookViews {

  private WebhookViews() {}

  /** 201 of a new subscription: keep the secret, it verifies the Fusion-Signature of every delivery. */
  record Created(String subscriptionId, String secret, String url, List<String> events, boolean active,
      Instant createdAt) {}

  record Subscriptions(List<WebhookStore.Subscription> items) {}

  record Replayed(String deliveryId, String replayOf, String status) {}
}
