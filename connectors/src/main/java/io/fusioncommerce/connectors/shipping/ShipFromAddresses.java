package io.fusioncommerce.connectors.shipping;

import java.util.Map;

/**
 * Where a vendor's parcels leave from. Vendors have no address in the catalog yet, so every vendor of
 * a deployment ships from one configured dispatch address, under the vendor's name.
 */
@FunctionalInterface
public interface ShipFromAddresses {

  PostalAddress of(String tenantId, String vendorId);

  /**
   * From {@code FUSION_SHIP_FROM_LINE1}, {@code _CITY}, {@code _POSTAL_CODE}, {@code _COUNTRY}, with an
   * embedded-mode default.
   */
  static ShipFromAddresses fromEnvironment(Map<String, String> env) {
    String line1 = env.getOrDefault("FUSION_SHIP_FROM_LINE1", "1 Dispatch Way");
    String city = env.getOrDefault("FUSION_SHIP_FROM_CITY", "Springfield");
    String postalCode = env.getOrDefault("FUSION_SHIP_FROM_POSTAL_CODE", "12345");
    String country = env.getOrDefault("FUSION_SHIP_FROM_COUNTRY", "US");
    return (tenantId, vendorId) -> new PostalAddress("Vendor " + vendorId, line1, null, city, null, postalCode, country);
  }
}
