package io.fusioncommerce.ingress.webhooks;

import java.util.List;

/**
 * Body of {@code POST /v1/webhooks/subscriptions}.
 *
 * @param url where the events are POSTed: http(s), a public address
 * @param events event type names (order.created, order.confirmed, inventory.low-stock, ...)
 */
public record SubscriptionRequest(String url, List<String> events) {}
