package io.fusioncommerce.topologies.fraud;

import java.time.Instant;
import java.util.Objects;

/**
 * One placed order as the fraud features see it: who, paying how, from where, shipping where, how much.
 * The fraud topology builds it from the order command and the catalog; the offline generator builds it
 * from simulated traffic. No tenant id: the {@link FraudFeatureBook} is always called with one.
 *
 * @param customerId the customer placing the order
 * @param paymentFingerprint a stable token of the payment method (card fingerprint or similar), null if unknown
 * @param clientAddress the client's IP address or device id, null if unknown
 * @param shippingAddressKey a normalised hash of the shipping address, null if unknown
 * @param shippingCountry ISO country of the shipping address
 * @param billingCountry ISO country of the billing address, null if unknown
 * @param currency the order's currency
 * @param totalMinor the order's total in minor units of {@code currency}
 * @param units units in the order
 * @param distinctSkus SKUs in the order
 * @param highRiskUnits units in the tenant's high-risk categories (≤ units)
 * @param at when the order was placed (the record timestamp in the topology)
 */
public record OrderObservation(
    String customerId, String paymentFingerprint, String clientAddress, String shippingAddressKey,
    String shippingCountry, String billingCountry, String currency,
    long totalMinor, long units, long distinctSkus, long highRiskUnits, Instant at) {

  public OrderObservation {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(at, "at");
    if (totalMinor < 0 || units < 0 || distinctSkus < 0 || highRiskUnits < 0 || highRiskUnits > units) {
      throw new IllegalArgumentException("amounts and counts must be non-negative, highRiskUnits ≤ units");
    }
  }
}
