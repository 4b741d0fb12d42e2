package io.fusioncommerce.topologies.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The tax of a line, in minor units of its currency (so JPY, which has none, is taxed in whole yen).
 *
 * <p>Rounding rule: tax is computed per line, on the line's amount after its discounts, and rounded half-up
 * to the minor unit; the order's tax is the sum of its lines' taxes (so the lines always add up to it).
 * Exclusive (US sales tax): {@code tax = amount × rate}, and the customer pays {@code amount + tax}.
 * Inclusive (EU VAT): the price contains the tax, {@code tax = amount × rate / (1 + rate)}, and the
 * customer pays {@code amount}. All arithmetic is BigDecimal: no floating point touches money or rates.
 */
public final class TaxCalculator {

  private TaxCalculator() {}

  /** A line's tax and what the customer pays for the line, both in minor units. */
  public record LineTax(long tax, long lineTotal) {}

  /** The tax of a line whose amount (after discounts, minor units) is {@code amount}. */
  public static LineTax line(long amount, BigDecimal rate, boolean inclusive) {
    if (amount < 0) {
      throw new IllegalArgumentException("a line's amount cannot be negative: " + amount);
    }
    if (rate.signum() < 0) {
      throw new IllegalArgumentException("a tax rate cannot be negative: " + rate);
    }
    BigDecimal base = BigDecimal.valueOf(amount);
    if (inclusive) {
      long tax = base.multiply(rate).divide(BigDecimal.ONE.add(rate), 0, RoundingMode.HALF_UP).longValueExact();
      return new LineTax(tax, amount);
    }
    long tax = base.multiply(rate).setScale(0, RoundingMode.HALF_UP).longValueExact();
    return new LineTax(tax, Math.addExact(amount, tax));
  }

  /** No tax: the line costs its amount. */
  public static LineTax none(long amount) {
    return new LineTax(0, amount);
  }
}
