package io.fusioncommerce.connectors.shipping;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The built-in courier: a flat table by destination (same country or not) and started kilogram, in
 * the order's currency's minor units. Its tracking numbers are derived from the shipment, so buying
 * twice for one shipment gives the same label.
 */
public final class LocalCourier implements Carrier {

  public static final String NAME = "local-courier";

  /** Base price and price per started kilogram, in minor units. */
  record Tariff(long base, long perKg) {}

  static final Tariff DOMESTIC = new Tariff(500, 100);
  static final Tariff INTERNATIONAL = new Tariff(1500, 400);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<RateQuote> quote(Parcel parcel) {
    Tariff tariff = parcel.domestic() ? DOMESTIC : INTERNATIONAL;
    long kilograms = Math.max(1, (parcel.weightGrams() + 999) / 1000);
    long amount = Math.addExact(tariff.base(), Math.multiplyExact(tariff.perKg(), kilograms));
    String service = parcel.domestic() ? "standard" : "international";
    return List.of(new RateQuote(NAME, service + ":" + parcel.reference(), service, amount, parcel.currency()));
  }

  @Override
  public PurchasedLabel buy(RateQuote quote, Parcel parcel, String idempotencyKey) {
    return new PurchasedLabel(NAME, quote.service(), trackingNumber(parcel), quote.amount(), quote.currency());
  }

  /** {@code LC} and 16 digits, a function of the parcel's reference. */
  static String trackingNumber(Parcel parcel) {
    UUID id = UUID.nameUUIDFromBytes(parcel.reference().getBytes(StandardCharsets.UTF_8));
    return "LC" + String.format("%016d", Math.floorMod(id.getMostSignificantBits(), 10_000_000_000_000_000L));
  }
}
