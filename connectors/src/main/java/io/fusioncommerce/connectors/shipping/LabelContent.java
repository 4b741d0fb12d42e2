package io.fusioncommerce.connectors.shipping;

/** What a shipping label shows. */
public record LabelContent(String carrier, String service, String trackingNumber, PostalAddress shipFrom,
    PostalAddress shipTo, String orderId, String shipmentId, long units, long weightGrams) {}
