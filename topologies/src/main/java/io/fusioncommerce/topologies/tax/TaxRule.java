package io.fusioncommerce.topologies.tax;

import io.fusioncommerce.schemas.tax.TaxRates;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's tax for one country: the country's rate, whether prices include it, and regions whose own
 * rate replaces the country's (a US state's sales tax). Rates are decimals, never floating point.
 */
public record TaxRule(String country, BigDecimal rate, boolean inclusive, Map<String, BigDecimal> regions) {

  /** The largest rate accepted (100 %): a rate is a fraction of the price. */
  public static final BigDecimal MAX_RATE = BigDecimal.ONE;
  public static final int MAX_REGIONS = 100;
  public static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  public static final Pattern REGION = Pattern.compile("[A-Z0-9]{1,3}");
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,3}(\\.\\d{1,6})?");

  public TaxRule {
    regions = Map.copyOf(regions);
  }

  /** The rate for an address in {@code region} (null or unknown: the country's rate). */
  public BigDecimal rateFor(String region) {
    return region == null ? rate : regions.getOrDefault(region, rate);
  }

  /** The rule a stored TaxRates record says. */
  public static TaxRule of(TaxRates rates) {
    Map<String, BigDecimal> regions = new LinkedHashMap<>();
    rates.getRegions().forEach((region, rate) -> regions.put(region, new BigDecimal(rate)));
    return new TaxRule(rates.getCountry(), new BigDecimal(rates.getRate()), rates.getInclusive(), regions);
  }

  /** A problem with a rate as a client gave it: the field and what is wrong. */
  public record Problem(String field, String message) {}

  /** What is wrong with a rate given as text (an empty list: nothing). */
  public static List<Problem> check(String field, String rate) {
    return parse(rate).isPresent() ? List.of()
        : List.of(new Problem(field, "a decimal rate between 0 and 1 with at most 6 decimals, e.g. \"0.19\""));
  }

  /** The rate a text says, if it is a decimal between 0 and {@link #MAX_RATE}. */
  public static Optional<BigDecimal> parse(String rate) {
    if (rate == null || !DECIMAL.matcher(rate).matches()) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(rate);
    return value.compareTo(MAX_RATE) > 0 ? Optional.empty() : Optional.of(value);
  }
}
