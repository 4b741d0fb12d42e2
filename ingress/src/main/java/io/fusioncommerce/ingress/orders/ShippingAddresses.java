package io.fusioncommerce.ingress.orders;

import io.fusioncommerce.schemas.orders.ShippingAddress;

/** The ship-to address of a request (an order, a campaign join) as the commands carry it. */
public final class ShippingAddresses {

  private ShippingAddresses() {}

  /** The command's address, or null when the request gave none. */
  public static ShippingAddress address(PlaceOrderRequest.Address address) {
    if (address == null) {
      return null;
    }
    return ShippingAddress.newBuilder().setName(address.name()).setLine1(address.line1()).setLine2(address.line2())
        .setCity(address.city()).setRegion(address.region()).setPostalCode(address.postalCode())
        .setCountry(address.country()).setLatitude(address.latitude()).setLongitude(address.longitude()).build();
  }
}
