package io.fusioncommerce.topologies.promotions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a discount over lines in proportion to their amounts without losing or inventing a minor unit
 * (largest remainder): each line first gets the floor of its exact share, then the units left over go one
 * each to the lines with the largest remainders (ties: the earlier line). The shares always add up to the
 * discount, and no line gets more than its amount when the discount is at most the lines' sum.
 */
public final class DiscountAllocation {

  private DiscountAllocation() {}

  /** {@code discount} split over lines weighing {@code amounts} (minor units, none negative). */
  public static List<Long> allocate(long discount, List<Long> amounts) {
    if (discount < 0) {
      throw new IllegalArgumentException("a discount cannot be negative: " + discount);
    }
    BigInteger total = BigInteger.ZERO;
    for (long amount : amounts) {
      if (amount < 0) {
        throw new IllegalArgumentException("a line's amount cannot be negative: " + amount);
      }
      total = total.add(BigInteger.valueOf(amount));
    }
    List<Long> shares = new ArrayList<>(amounts.size());
    if (amounts.isEmpty()) {
      if (discount != 0) {
        throw new IllegalArgumentException("a discount needs lines to allocate it to");
      }
      return shares;
    }
    if (total.signum() == 0) { // nothing to weigh by: equal shares, the first lines take the remainder
      long each = discount / amounts.size();
      long rest = discount % amounts.size();
      for (int i = 0; i < amounts.size(); i++) {
        shares.add(each + (i < rest ? 1 : 0));
      }
      return shares;
    }
    BigInteger big = BigInteger.valueOf(discount);
    List<BigInteger> remainders = new ArrayList<>(amounts.size());
    long given = 0;
    for (long amount : amounts) {
      BigInteger[] share = big.multiply(BigInteger.valueOf(amount)).divideAndRemainder(total);
      shares.add(share[0].longValueExact());
      remainders.add(share[1]);
      given += share[0].longValueExact();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < amounts.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.<Integer, BigInteger>comparing(remainders::get).reversed().thenComparing(i -> i));
    long left = discount - given; // fewer than the number of lines
    for (int i = 0; i < left; i++) {
      int line = order.get(i);
      shares.set(line, shares.get(line) + 1);
    }
    return shares;
  }
}
