package io.fusioncommerce.topologies.fraud;

import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.fraud.AssessOrderRisk;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.schemas.orders.ShippingAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An AssessOrderRisk as the fraud features see it: its lines priced as the order topology prices them
 * (the agreed unit price of a group order, else the catalog's), its units in the tenant's high-risk
 * categories counted, its shipping address reduced to a normalised hash. Pure.
 */
final class OrderObservations {

  private OrderObservations() {}

  /** The observation of {@code assess} at {@code at}; a SKU the catalog does not know adds units but no amount. */
  static OrderObservation of(AssessOrderRisk assess, Function<String, Optional<Product>> catalog,
      Set<String> highRiskCategories, Instant at) {
    Map<String, Long> bySku = new LinkedHashMap<>();
    for (RequestedLine line : assess.getLines()) {
      bySku.merge(line.getSku(), Math.max(0, line.getQuantity()), OrderObservations::saturatedAdd);
    }
    long total = 0;
    long units = 0;
    long highRisk = 0;
    for (Map.Entry<String, Long> line : bySku.entrySet()) {
      long quantity = line.getValue();
      units = saturatedAdd(units, quantity);
      Optional<Product> product = catalog.apply(line.getKey());
      Money unitPrice = assess.getAgreedUnitPrice() != null ? assess.getAgreedUnitPrice()
          : product.map(Product::getPrice).orElse(null);
      if (unitPrice != null && unitPrice.getCurrency().equals(assess.getCurrency()) && unitPrice.getAmount() > 0) {
        total = saturatedAdd(total, saturatedMultiply(unitPrice.getAmount(), quantity));
      }
      if (product.isPresent() && product.get().getCategoryIds().stream().anyMatch(highRiskCategories::contains)) {
        highRisk = saturatedAdd(highRisk, quantity);
      }
    }
    ShippingAddress address = assess.getShippingAddress();
    return new OrderObservation(assess.getCustomerId(), blankToNull(assess.getPaymentFingerprint()),
        blankToNull(assess.getClientAddress()), addressKey(address),
        address == null ? null : address.getCountry(), blankToNull(assess.getBillingCountry()), assess.getCurrency(),
        total, units, bySku.size(), highRisk, at);
  }

  /**
   * A normalised hash of a shipping address: case, spacing and punctuation do not make a new address. Not
   * the address itself, so the stores hold no address text.
   */
  static String addressKey(ShippingAddress address) {
    if (address == null) {
      return null;
    }
    String canonical = String.join("|", normalise(address.getLine1()), normalise(address.getLine2()),
        normalise(address.getCity()), normalise(address.getPostalCode()), normalise(address.getCountry()));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String normalise(String part) {
    return part == null ? "" : part.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
  }
}
