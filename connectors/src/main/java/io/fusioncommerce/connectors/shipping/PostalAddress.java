package io.fusioncommerce.connectors.shipping;

import io.fusioncommerce.schemas.orders.ShippingAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An address as a label prints it and a carrier rates it. */
public record PostalAddress(String name, String line1, String line2, String city, String region, String postalCode,
    String country) {

  public PostalAddress {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(line1, "line1");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(postalCode, "postalCode");
    Objects.requireNonNull(country, "country");
  }

  public static PostalAddress of(ShippingAddress address) {
    return new PostalAddress(address.getName(), address.getLine1(), address.getLine2(), address.getCity(),
        address.getRegion(), address.getPostalCode(), address.getCountry());
  }

  /** The lines of the address block, as on an envelope. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(name);
    lines.add(line1);
    if (line2 != null && !line2.isBlank()) {
      lines.add(line2);
    }
    lines.add(postalCode + " " + city + (region == null || region.isBlank() ? "" : ", " + region));
    lines.add(country);
    return lines;
  }
}
