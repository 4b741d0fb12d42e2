package io.fusioncommerce.ingress.inventory;

/** Answer of an accepted stock command (202). */
public record CommandAccepted(String commandId, String sku, String status) {}
