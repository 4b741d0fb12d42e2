package io.fusioncommerce.topologies.fraud;

/**
 * What one entity did in one minute bucket (or, summed, over a range of buckets): the value of the
 * windowed activity store.
 *
 * @param orders orders placed
 * @param amountMinor their totals, in minor units (summed across currencies only for the entity's own
 *     currency in practice: a customer, card or address orders in one currency)
 * @param failedPayments payments that failed
 */
public record ActivityCounts(long orders, long amountMinor, long failedPayments) {

  public static final ActivityCounts NONE = new ActivityCounts(0, 0, 0);

  public ActivityCounts plus(ActivityCounts other) {
    return new ActivityCounts(orders + other.orders, amountMinor + other.amountMinor, failedPayments + other.failedPayments);
  }
}
