package io.fusioncommerce.topologies.shipping;

import io.fusioncommerce.schemas.envelope.EventIds;
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

  /**
   * The id of a shipment's label request (the carrier's idempotency key): a function of the shipment and
   * the attempt, so a retry asks anew while a repeated request of the same attempt buys nothing twice.
   * The first attempt keeps the id shipments had before retries existed.
   */
  public static String labelRequest(String tenantId, String shipmentId, int attempt) {
    String purpose = attempt <= 1 ? "label-request" : "label-request:" + attempt;
    return EventIds.derive(tenantId + "|" + shipmentId, purpose);
  }
}
