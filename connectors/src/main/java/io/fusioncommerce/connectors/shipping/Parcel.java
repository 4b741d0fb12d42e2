package io.fusioncommerce.connectors.shipping;

/**
 * What a carrier is asked to move: one shipment, from the vendor to the buyer.
 *
 * @param reference our id for it, {@code <tenant>/<shipmentId>}; carriers echo it in their webhooks
 * @param weightGrams estimated from the units it holds (the catalog has no weights yet)
 * @param currency the currency rates should be quoted in (the order's)
 */
public record Parcel(String reference, String tenantId, String shipmentId, String orderId, String vendorId,
    PostalAddress shipFrom, PostalAddress shipTo, long units, long weightGrams, String currency) {

  /** What one unit is taken to weigh until products carry their weight. */
  public static final long GRAMS_PER_UNIT = 500;

  public static String reference(String tenantId, String shipmentId) {
    return tenantId + "/" + shipmentId;
  }

  public boolean domestic() {
    return shipFrom.country().equalsIgnoreCase(shipTo.country());
  }
}
