package io.fusioncommerce.e2e.evaluation.pricing;

/**
 * A generated week of demand for one product, hour by hour: a base rate shaped by the time of day
 * (quiet nights, an evening peak), the day of the week (busier weekends) and a promotion spike, and
 * price-elastic (constant elasticity: demand × (price / list)^-elasticity). Doubles here are the
 * model of customers, never money.
 *
 * @param baseUnitsPerHour mean units an hour at the list price on an average hour
 * @param elasticity how strongly demand falls as the price rises (1.5: 10 % dearer, ~13 % fewer units)
 * @param promotionDay the day (0..6) of the promotion
 * @param promotionFromHour the promotion's first hour of that day
 * @param promotionHours how long the promotion lasts
 * @param promotionLift the promotion's multiplier of demand
 */
record DemandCurve(double baseUnitsPerHour, double elasticity, int promotionDay, int promotionFromHour,
    int promotionHours, double promotionLift) {

  static final int HOURS = 7 * 24;

  /** Mean units demanded in hour {@code hour} (0 = Monday 00:00) at {@code price} against {@code list}. */
  double mean(int hour, long price, long list) {
    int day = hour / 24;
    int hourOfDay = hour % 24;
    // lowest around 04:00, highest around 20:00
    double daily = 1.0 + 0.8 * Math.sin(2 * Math.PI * (hourOfDay - 14) / 24.0);
    double weekly = day >= 5 ? 1.35 : 1.0;
    boolean promotion = day == promotionDay && hourOfDay >= promotionFromHour && hourOfDay < promotionFromHour + promotionHours;
    double lift = promotion ? promotionLift : 1.0;
    double priceEffect = Math.pow((double) price / list, -elasticity);
    return Math.max(0, baseUnitsPerHour * daily * weekly * lift * priceEffect);
  }

  /**
   * A Poisson draw of mean {@code mean} by inverting its distribution at {@code u}: both runs (with and
   * without the policy) use the same {@code u} per hour, so they differ by the price, not by luck.
   */
  static long poisson(double mean, double u) {
    double p = Math.exp(-mean);
    double cumulative = p;
    long k = 0;
    while (u > cumulative && k < 100_000) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }
}
