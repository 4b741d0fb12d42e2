package io.fusioncommerce.e2e.evaluation.pricing;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.pricing.PricingState;
import io.fusioncommerce.schemas.pricing.SetPricingPolicy;
import io.fusioncommerce.topologies.pricing.PricingBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Dynamic pricing over a generated week ({@link DemandCurve}), run through the same {@link PricingBook}
 * the pricing topology runs: every hour the units ordered go in as demand, the stock left as stock, and
 * the window closes with the book's decision. The same week is sold at the list price for comparison.
 * Prints revenue both ways, the number of price changes, and the lowest and highest price against the
 * bounds; the largest step is checked against the policy's.
 *
 * <p>{@code e2e/run-evaluation pricing [seed] [runs]}
 */
public final class PricingSimulation {

  /** A product, its stock for the week and its vendor's policy. */
  record Scenario(String name, long list, String currency, long stock, DemandCurve demand, long floor, long ceiling,
      int maxStepPercent) {}

  /** One run of the week. */
  record Result(long revenue, long unitsSold, long unitsDemanded, int changes, long minPrice, long maxPrice,
      long largestStepBasisPoints, int soldOutHour) {}

  private PricingSimulation() {}

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 13;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    DemandCurve curve = new DemandCurve(6.0, 1.5, 3, 18, 4, 4.0);
    List<Scenario> scenarios = List.of(
        new Scenario("limited stock (USD)", 5000, "USD", 700, curve, 4000, 7000, 5),
        new Scenario("ample stock (USD)", 5000, "USD", 5000, curve, 4000, 7000, 5),
        new Scenario("limited stock (JPY)", 1980, "JPY", 700, curve, 1500, 2800, 5));
    System.out.printf("Dynamic pricing simulation: one week (%d hourly windows), seed %d; demand %.1f units/h at list "
        + "price, elasticity %.1f, evening peak, weekend x1.35, promotion x%.0f on day %d %02d:00-%02d:00%n",
        DemandCurve.HOURS, seed, curve.baseUnitsPerHour(), curve.elasticity(), curve.promotionLift(),
        curve.promotionDay(), curve.promotionFromHour(), curve.promotionFromHour() + curve.promotionHours());
    for (Scenario scenario : scenarios) {
      double[] uniforms = uniforms(seed);
      Result fixed = run(scenario, uniforms, false);
      Result dynamic = run(scenario, uniforms, true);
      System.out.printf("%n%s: list %d %s, stock %d, policy floor %d ceiling %d step <= %d%% interval 1 h%n",
          scenario.name(), scenario.list(), scenario.currency(), scenario.stock(), scenario.floor(), scenario.ceiling(),
          scenario.maxStepPercent());
      print("  list price     ", fixed, scenario);
      print("  dynamic policy ", dynamic, scenario);
      System.out.printf("  revenue change %+.1f %%; price changes %d; price range [%d, %d] within [%d, %d]: %s; "
          + "largest step %.2f %% (allowed %d %%)%n",
          100.0 * (dynamic.revenue() - fixed.revenue()) / fixed.revenue(), dynamic.changes(), dynamic.minPrice(),
          dynamic.maxPrice(), scenario.floor(), scenario.ceiling(),
          dynamic.minPrice() >= scenario.floor() && dynamic.maxPrice() <= scenario.ceiling() ? "yes" : "NO",
          dynamic.largestStepBasisPoints() / 100.0, scenario.maxStepPercent());
      // the same scenario over many generated weeks: how often, and by how much, the policy wins
      SplittableRandom seeds = new SplittableRandom(seed);
      long wins = 0;
      double sumChange = 0;
      boolean allInBounds = true;
      for (int i = 0; i < runs; i++) {
        double[] week = uniforms(seeds.nextLong());
        Result f = run(scenario, week, false);
        Result d = run(scenario, week, true);
        wins += d.revenue() > f.revenue() ? 1 : 0;
        sumChange += 100.0 * (d.revenue() - f.revenue()) / f.revenue();
        allInBounds &= d.minPrice() >= scenario.floor() && d.maxPrice() <= scenario.ceiling()
            && d.largestStepBasisPoints() <= scenario.maxStepPercent() * 100L;
      }
      System.out.printf("  over %d generated weeks: mean revenue change %+.1f %%, policy ahead in %d; every price "
          + "within bounds and every step within the largest step: %s%n", runs, sumChange / runs, wins,
          allInBounds ? "yes" : "NO");
    }
  }

  private static void print(String label, Result result, Scenario scenario) {
    System.out.printf("%s revenue %,d %s (minor units), sold %d of %d demanded, sold out %s%n", label, result.revenue(),
        scenario.currency(), result.unitsSold(), result.unitsDemanded(),
        result.soldOutHour() < 0 ? "never" : "in hour " + result.soldOutHour());
  }

  private static double[] uniforms(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] u = new double[DemandCurve.HOURS];
    for (int i = 0; i < u.length; i++) {
      u[i] = random.nextDouble();
    }
    return u;
  }

  /** Sells the week at the list price ({@code dynamic} false) or under the book's policy. */
  static Result run(Scenario scenario, double[] uniforms, boolean dynamic) {
    Instant now = Instant.parse("2026-11-30T00:00:00Z"); // a Monday
    Money list = new Money(scenario.list(), scenario.currency());
    PricingState state = null;
    if (dynamic) {
      SetPricingPolicy policy = SetPricingPolicy.newBuilder().setEnabled(true)
          .setFloor(new Money(scenario.floor(), scenario.currency()))
          .setCeiling(new Money(scenario.ceiling(), scenario.currency()))
          .setMaxStepPercent(scenario.maxStepPercent()).setIntervalSeconds(3600).build();
      PricingBook.Outcome set = PricingBook.policy(null, "sim", "SKU", policy, list, now);
      if (set.refusal() != null) {
        throw new IllegalStateException(set.refusal());
      }
      state = set.next();
      state = orElse(PricingBook.stock(state, scenario.stock(), now), state);
    }
    long stock = scenario.stock();
    long revenue = 0;
    long sold = 0;
    long demanded = 0;
    int changes = 0;
    long minPrice = Long.MAX_VALUE;
    long maxPrice = Long.MIN_VALUE;
    long largestStep = 0;
    int soldOut = -1;
    List<Long> prices = new ArrayList<>();
    for (int hour = 0; hour < DemandCurve.HOURS; hour++) {
      long price = dynamic ? state.getCurrentPrice().getAmount() : scenario.list();
      prices.add(price);
      minPrice = Math.min(minPrice, price);
      maxPrice = Math.max(maxPrice, price);
      long units = DemandCurve.poisson(scenario.demand().mean(hour, price, scenario.list()), uniforms[hour]);
      long sell = Math.min(units, stock);
      stock -= sell;
      sold += sell;
      demanded += units;
      revenue = Math.addExact(revenue, Math.multiplyExact(sell, price));
      if (stock == 0 && soldOut < 0) {
        soldOut = hour;
      }
      now = now.plusSeconds(3600);
      if (dynamic) {
        // every order is demand, sold or not (order.created precedes the reservation), as in the topology
        state = orElse(PricingBook.ordered(state, units, now), state);
        state = orElse(PricingBook.stock(state, stock, now), state);
        PricingBook.Outcome outcome = PricingBook.evaluate(state, list, now);
        if (outcome.change() != null) {
          changes++;
          long before = outcome.change().previous().getAmount();
          long after = outcome.change().next().getAmount();
          largestStep = Math.max(largestStep, Math.abs(after - before) * 10_000 / before);
        }
        state = orElse(outcome.next(), state);
      }
    }
    return new Result(revenue, sold, demanded, changes, minPrice, maxPrice, largestStep, soldOut);
  }

  private static PricingState orElse(PricingState next, PricingState current) {
    return next != null ? next : current;
  }
}
