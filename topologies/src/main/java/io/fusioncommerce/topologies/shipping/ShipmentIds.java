package io.fusioncommerce.topologies.shipping;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Shipment ids are a function of the tenant, the order and the vendor: a replayed "paid" event, or the
 * same order paid twice, names the same shipments, so the shipment store never holds two for one vendor.
 */
public final class ShipmentIds {

  private ShipmentIds() {}

  public static String of(String tenantId, String orderId, String vendorId) {
    return "shp-" + UUID.nameUUIDFromBytes((tenantId + "|" + orderId + "|" + vendorId).getBytes(StandardCharsets.UTF_8));
  }
}
