package io.fusioncommerce.topologies.pricing;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.pricing.PriceSignals;
import io.fusioncommerce.schemas.pricing.PricingState;
import io.fusioncommerce.schemas.pricing.SetPricingPolicy;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of dynamic pricing. Pure: a SKU's pricing state and an input in, the next state and what
 * it causes out. The pricing topology applies them on the partition that owns the SKU; the pricing
 * simulation ({@code e2e/run-evaluation pricing}) runs the very same methods over a generated week.
 *
 * <p>Money stays in integer minor units (JPY: whole yen, its minor unit): a step is {@code floor(price ×
 * percent / 100)} minor units computed exactly, so a price is always a whole amount of its currency,
 * never more than {@code maxStepPercent} away from the last one, and always within [floor, ceiling].
 */
public final class PricingBook {

  /** The largest step a vendor may allow: anything above is not a step but a new price. */
  public static final int MAX_STEP_PERCENT = 50;
  /** Below this a policy would move prices faster than customers can see them. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
  public static final Duration MAX_INTERVAL = Duration.ofDays(7);
  /** How many windows the expected demand averages over (a day of hourly windows). */
  static final int AVERAGE_WINDOWS = 24;
  /** Below this many days of stock at recent sales the stock is scarce: the price may go up. */
  static final long SCARCE_COVER_MILLI_DAYS = 3_000;
  /** Above this many days of stock (or stock and no sales at all) it is in excess: the price may go down. */
  static final long EXCESS_COVER_MILLI_DAYS = 30_000;

  private PricingBook() {}

  /** Why the price moved (the strongest signal behind a move), as on price.changed. */
  public static final class Reasons {
    public static final String POLICY_SET = "POLICY_SET";
    public static final String POLICY_OFF = "POLICY_OFF";
    public static final String HIGH_DEMAND = "HIGH_DEMAND";
    public static final String LOW_DEMAND = "LOW_DEMAND";
    public static final String LOW_STOCK_COVER = "LOW_STOCK_COVER";
    public static final String HIGH_STOCK_COVER = "HIGH_STOCK_COVER";
    public static final String CAMPAIGN_INTEREST = "CAMPAIGN_INTEREST";
    public static final String BACK_TO_LIST = "BACK_TO_LIST";
    public static final String STEADY = "STEADY";
    public static final String CURRENCY_CHANGED = "CURRENCY_CHANGED";

    private Reasons() {}
  }

  // ---------------------------------------------------------------- the policy

  /** A field of a policy that cannot be taken, named as in the HTTP body. */
  public record Problem(String field, String message) {}

  /** What is wrong with {@code policy} for a product priced in {@code productCurrency}; empty when nothing. */
  public static List<Problem> check(SetPricingPolicy policy, String productCurrency) {
    List<Problem> problems = new ArrayList<>();
    checkMoney(problems, "floor", policy.getFloor(), productCurrency);
    checkMoney(problems, "ceiling", policy.getCeiling(), productCurrency);
    if (problems.isEmpty() && policy.getFloor().getAmount() > policy.getCeiling().getAmount()) {
      problems.add(new Problem("floor", "must not be above the ceiling"));
    }
    if (policy.getMaxStepPercent() < 1 || policy.getMaxStepPercent() > MAX_STEP_PERCENT) {
      problems.add(new Problem("maxStepPercent", "must be between 1 and " + MAX_STEP_PERCENT));
    }
    if (policy.getIntervalSeconds() < MIN_INTERVAL.toSeconds() || policy.getIntervalSeconds() > MAX_INTERVAL.toSeconds()) {
      problems.add(new Problem("intervalSeconds",
          "must be between " + MIN_INTERVAL.toSeconds() + " and " + MAX_INTERVAL.toSeconds()));
    }
    return problems;
  }

  private static void checkMoney(List<Problem> problems, String field, Money money, String productCurrency) {
    if (money == null) {
      problems.add(new Problem(field, "is required"));
      return;
    }
    if (money.getAmount() < 0) {
      problems.add(new Problem(field + ".amount", "must not be negative"));
    }
    if (productCurrency != null && !productCurrency.equals(money.getCurrency())) {
      problems.add(new Problem(field + ".currency", "must be the product's currency, " + productCurrency));
    }
  }

  // ---------------------------------------------------------------- what a decision causes

  /** What happens to the compacted current-price topic. */
  public enum Publication { NONE, PUT, REMOVE }

  /** A move of the price a customer pays, for price.changed. */
  public record Change(Money previous, Money next, Money list, String reason, PriceSignals signals) {}

  /**
   * The next state (null: nothing changes), the price change it makes (null: none), what to publish,
   * and why a command was refused (null: it was not).
   */
  public record Outcome(PricingState next, Change change, Publication publication, String refusal) {
    static Outcome none() {
      return new Outcome(null, null, Publication.NONE, null);
    }

    static Outcome refused(String why) {
      return new Outcome(null, null, Publication.NONE, why);
    }
  }

  /**
   * A vendor set (or switched off) the policy. On: the price starts from the current dynamic price, or
   * the list price, held within the new bounds at once (a bound is the vendor's word, not a step); the
   * window restarts. Off: the dynamic price is withdrawn and the list price applies again.
   *
   * @param list the catalog price now; null when the product table does not know the SKU yet
   */
  public static Outcome policy(PricingState current, String tenantId, String sku, SetPricingPolicy policy, Money list,
      Instant at) {
    List<Problem> problems = check(policy, list != null ? list.getCurrency() : null);
    if (!problems.isEmpty()) {
      return Outcome.refused(problems.get(0).field() + " " + problems.get(0).message());
    }
    PricingState.Builder next = current != null ? PricingState.newBuilder(current)
        : PricingState.newBuilder().setTenantId(tenantId).setSku(sku).setVersion(0);
    next.setEnabled(policy.getEnabled()).setFloor(policy.getFloor()).setCeiling(policy.getCeiling())
        .setMaxStepPercent(policy.getMaxStepPercent()).setIntervalSeconds(policy.getIntervalSeconds())
        .setUpdatedAt(at).setVersion(next.getVersion() + 1);
    Money before = effective(current, list);
    if (!policy.getEnabled()) {
      next.setCurrentPrice(null).setReason(Reasons.POLICY_OFF).setValidFrom(at).setNextEvaluationAt(null);
      Change change = list != null && before != null && !before.equals(list)
          ? new Change(before, list, list, Reasons.POLICY_OFF, signals(next.build())) : null;
      return new Outcome(next.build(), change, current != null && current.getCurrentPrice() != null
          ? Publication.REMOVE : Publication.NONE, null);
    }
    next.setNextEvaluationAt(at.plusSeconds(policy.getIntervalSeconds()));
    if (list == null) {
      return new Outcome(next.setCurrentPrice(null).build(), null, Publication.NONE, null);
    }
    long start = current != null && current.getCurrentPrice() != null
        && current.getCurrentPrice().getCurrency().equals(list.getCurrency())
        ? current.getCurrentPrice().getAmount() : list.getAmount();
    Money price = new Money(clamp(start, policy.getFloor().getAmount(), policy.getCeiling().getAmount()), list.getCurrency());
    boolean moved = !price.equals(current != null ? current.getCurrentPrice() : null);
    if (moved) {
      next.setCurrentPrice(price).setReason(Reasons.POLICY_SET).setValidFrom(at);
    }
    PricingState state = next.build();
    Change change = moved && !price.equals(before) ? new Change(before, price, list, Reasons.POLICY_SET, signals(state)) : null;
    return new Outcome(state, change, moved ? Publication.PUT : Publication.NONE, null);
  }

  /** What a customer pays now: the dynamic price when there is one, else the list price. */
  static Money effective(PricingState state, Money list) {
    return state != null && state.getCurrentPrice() != null ? state.getCurrentPrice() : list;
  }

  // ---------------------------------------------------------------- signals

  /** Units of the SKU were ordered. Only SKUs with a policy keep signals (the store holds opted-in SKUs only). */
  public static PricingState ordered(PricingState state, long units, Instant at) {
    if (state == null || units <= 0) {
      return null;
    }
    return PricingState.newBuilder(state).setUnitsInWindow(Math.addExact(state.getUnitsInWindow(), units))
        .setUpdatedAt(at).build();
  }

  /** The SKU's total available stock moved. */
  public static PricingState stock(PricingState state, long available, Instant at) {
    if (state == null || (state.getAvailableStock() != null && state.getAvailableStock() == available)) {
      return null;
    }
    return PricingState.newBuilder(state).setAvailableStock(available).setUpdatedAt(at).build();
  }

  /** A campaign for the SKU now has {@code participants}; the joins since the last count are demand. */
  public static PricingState campaign(PricingState state, String campaignId, int participants, boolean open, Instant at) {
    if (state == null) {
      return null;
    }
    Map<String, Integer> counts = new HashMap<>(state.getCampaignParticipants());
    Integer before = counts.get(campaignId);
    long joins = Math.max(0, participants - (before != null ? before : 0));
    if (open) {
      counts.put(campaignId, participants);
    } else {
      counts.remove(campaignId); // closed campaigns are forgotten: the map holds open ones only
    }
    return PricingState.newBuilder(state).setCampaignParticipants(counts)
        .setCampaignJoinsInWindow(state.getCampaignJoinsInWindow() + joins).setUpdatedAt(at).build();
  }

  /** The signals of the window that is closing. */
  static PriceSignals signals(PricingState state) {
    // daily sales at the expected rate, thousandths of a unit per day
    long expected = Math.max(state.getExpectedUnitsMilli(), state.getUnitsInWindow() * 1000);
    long dailyMilli = BigInteger.valueOf(expected).multiply(BigInteger.valueOf(86_400))
        .divide(BigInteger.valueOf(Math.max(1, state.getIntervalSeconds()))).longValue();
    Long cover = null;
    if (state.getAvailableStock() != null) {
      long available = Math.max(0, state.getAvailableStock());
      if (dailyMilli > 0) {
        cover = BigInteger.valueOf(available).multiply(BigInteger.valueOf(1_000_000)).divide(BigInteger.valueOf(dailyMilli))
            .min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
      } else if (available == 0) {
        cover = 0L;
      } else if (state.getWindowsSeen() > 0) {
        cover = Long.MAX_VALUE; // stock and no sales for a whole window or more: excess
      } // no sales yet in a policy's first window says nothing about cover
    }
    return PriceSignals.newBuilder().setUnitsInWindow(state.getUnitsInWindow())
        .setExpectedUnitsMilli(state.getExpectedUnitsMilli()).setAvailableStock(state.getAvailableStock())
        .setStockCoverMilliDays(cover).setCampaignJoins(state.getCampaignJoinsInWindow())
        // carts arrive with issue 14; their adds will be one more vote here
        .setCartAdds(null).build();
  }

  // ---------------------------------------------------------------- the decision

  /** A decided price: the amount (maybe unchanged) and the reason. */
  public record Move(long amount, String reason) {}

  /**
   * The next price from the signals. Each signal votes: demand well above (≥ 1.5×) what is expected, a
   * scarce stock cover and campaign joins vote up; demand well below (≤ 0.5×) and an excess cover vote
   * down. Two or more net votes move a whole {@code maxStepPercent}, one vote half of it; no net vote
   * walks the price back toward the list price. The result never leaves [floor, ceiling] and is never
   * more than {@code maxStepPercent} of the current price away from it.
   */
  public static Move decide(long current, long list, long floor, long ceiling, int maxStepPercent, PriceSignals signals) {
    int score = 0;
    String up = null;
    String down = null;
    long units = signals.getUnitsInWindow();
    long expected = signals.getExpectedUnitsMilli();
    if (units > 0 && units * 2000 >= expected * 3) {
      score++;
      up = Reasons.HIGH_DEMAND;
    } else if (expected > 0 && units * 2000 <= expected) {
      score--;
      down = Reasons.LOW_DEMAND;
    }
    Long cover = signals.getStockCoverMilliDays();
    if (cover != null && cover < SCARCE_COVER_MILLI_DAYS) {
      score++;
      up = up != null ? up : Reasons.LOW_STOCK_COVER;
    } else if (cover != null && cover > EXCESS_COVER_MILLI_DAYS) {
      score--;
      down = down != null ? down : Reasons.HIGH_STOCK_COVER;
    }
    if (signals.getCampaignJoins() > 0) {
      score++;
      up = up != null ? up : Reasons.CAMPAIGN_INTEREST;
    }
    long inBounds = clamp(current, floor, ceiling);
    if (score == 0) {
      long target = clamp(list, floor, ceiling);
      if (target == inBounds) {
        return new Move(inBounds, Reasons.STEADY);
      }
      long most = stepOf(inBounds, maxStepPercent);
      long next = target > inBounds ? Math.min(target, inBounds + most) : Math.max(target, inBounds - most);
      return new Move(next, Reasons.BACK_TO_LIST);
    }
    int percent = Math.abs(score) >= 2 ? maxStepPercent : Math.max(1, maxStepPercent / 2);
    long step = stepOf(inBounds, percent);
    long next = score > 0 ? inBounds + step : inBounds - step;
    return new Move(clamp(next, floor, ceiling), score > 0 ? up : down);
  }

  /** {@code floor(price × percent / 100)}, exactly: never more than the percent, never a fraction of a minor unit. */
  static long stepOf(long price, int percent) {
    return BigInteger.valueOf(price).multiply(BigInteger.valueOf(percent)).divide(BigInteger.valueOf(100)).longValueExact();
  }

  static long clamp(long amount, long floor, long ceiling) {
    return Math.max(floor, Math.min(ceiling, amount));
  }

  /**
   * The window closed at {@code now}: decide the price from its signals (at most one move per interval),
   * fold its demand into the expected demand and open the next window.
   *
   * @param list the catalog price now; null when the product table does not know the SKU
   */
  public static Outcome evaluate(PricingState state, Money list, Instant now) {
    if (state == null || !state.getEnabled()) {
      return Outcome.none();
    }
    PricingState.Builder next = PricingState.newBuilder(state)
        .setNextEvaluationAt(now.plusSeconds(state.getIntervalSeconds())).setUpdatedAt(now)
        .setVersion(state.getVersion() + 1);
    if (list == null) {
      return new Outcome(next.build(), null, Publication.NONE, null);
    }
    if (!list.getCurrency().equals(state.getFloor().getCurrency())) {
      // the product's currency changed under the policy: its bounds mean nothing now, the list price applies
      next.setCurrentPrice(null).setReason(Reasons.CURRENCY_CHANGED).setValidFrom(now).setEnabled(false)
          .setNextEvaluationAt(null);
      return new Outcome(next.build(), null,
          state.getCurrentPrice() != null ? Publication.REMOVE : Publication.NONE, null);
    }
    PriceSignals signals = signals(state);
    Money before = effective(state, list);
    boolean due = state.getLastChangeAt() == null
        || !now.isBefore(state.getLastChangeAt().plusSeconds(state.getIntervalSeconds()));
    Move move = due ? decide(before.getAmount(), list.getAmount(), state.getFloor().getAmount(),
        state.getCeiling().getAmount(), state.getMaxStepPercent(), signals) : new Move(before.getAmount(), Reasons.STEADY);
    int seen = Math.min(state.getWindowsSeen() + 1, AVERAGE_WINDOWS);
    long expected = state.getExpectedUnitsMilli() + (state.getUnitsInWindow() * 1000 - state.getExpectedUnitsMilli()) / seen;
    next.setExpectedUnitsMilli(expected).setWindowsSeen(seen).setUnitsInWindow(0).setCampaignJoinsInWindow(0);
    Money price = new Money(move.amount(), list.getCurrency());
    if (price.equals(state.getCurrentPrice())) {
      return new Outcome(next.build(), null, Publication.NONE, null);
    }
    next.setCurrentPrice(price).setValidFrom(now);
    Change change = null;
    if (!price.equals(before)) {
      next.setReason(move.reason()).setLastChangeAt(now);
      change = new Change(before, price, list, move.reason(), signals);
    }
    return new Outcome(next.build(), change, Publication.PUT, null);
  }
}
