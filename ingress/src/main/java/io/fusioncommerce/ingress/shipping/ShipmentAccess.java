package io.fusioncommerce.ingress.shipping;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.schemas.shipping.ShipmentState;

/**
 * Who may see a shipment: staff, the customer of its order, and the vendor who sends it; anyone else
 * is told it does not exist. Who may report tracking: staff (admin, operator) and that vendor.
 */
final class ShipmentAccess {

  private ShipmentAccess() {}

  static boolean sees(Principal principal, ShipmentState shipment) {
    return principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST)
        || (principal.has(Role.CUSTOMER) && principal.subject().equals(shipment.getCustomerId()))
        || isVendor(principal, shipment);
  }

  static boolean tracks(Principal principal, ShipmentState shipment) {
    return principal.hasAny(Role.ADMIN, Role.OPERATOR) || isVendor(principal, shipment);
  }

  private static boolean isVendor(Principal principal, ShipmentState shipment) {
    return principal.has(Role.VENDOR) && principal.vendorId().filter(shipment.getVendorId()::equals).isPresent();
  }
}
