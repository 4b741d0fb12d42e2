package io.fusioncommerce.connectors.shipping;

/**
 * A carrier's price for moving a parcel, in minor units of {@code currency}.
 *
 * @param rateId the carrier's id for the quote, to buy the label with
 */
public record RateQuote(String carrier, String rateId, String service, long amount, String currency) {}
