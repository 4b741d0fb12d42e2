package io.fusioncommerce.topologies.promotions;

import io.fusioncommerce.schemas.promotions.Promotion;
import io.fusioncommerce.schemas.promotions.PromotionState;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a promotion is worth to a cart, and whether it may be created. Pure: the cart topology and the
 * ingress price carts with it, the promotion topology and the ingress check new promotions with it.
 *
 * <p>A line is eligible when it matches every part of the promotion's scope that is set: its SKU is one of
 * {@code skus}, one of its categories is one of {@code categories}, its vendor is {@code vendorId}.
 * PERCENT_OFF takes the percent of the eligible lines' amount (rounded down to the minor unit), AMOUNT_OFF
 * its value (at most the eligible amount); both are split over the eligible lines by {@link DiscountAllocation}.
 * BUY_X_GET_Y makes {@code getQuantity} of every {@code buyQuantity + getQuantity} units of an eligible line
 * free. FREE_SHIPPING takes nothing off the lines: the platform charges no shipping yet, so it is recorded
 * (and redeemed) at zero. Discounts apply on what earlier promotions left of each line, so they never take
 * a line below zero.
 */
public final class PromotionRules {

  public enum Type { PERCENT_OFF, AMOUNT_OFF, BUY_X_GET_Y, FREE_SHIPPING }

  /** Why a redemption (or a coupon) was refused. */
  public static final class Reasons {
    /** Unknown, not started yet, or ended. */
    public static final String PROMOTION_UNAVAILABLE = "PROMOTION_UNAVAILABLE";
    public static final String USAGE_LIMIT_REACHED = "USAGE_LIMIT_REACHED";
    public static final String CUSTOMER_LIMIT_REACHED = "CUSTOMER_LIMIT_REACHED";

    private Reasons() {}
  }

  public static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{2,31}");
  public static final int MAX_SCOPE_ENTRIES = 100;

  private PromotionRules() {}

  /** A cart line as a promotion sees it; {@code remaining}: its amount left after earlier promotions. */
  public record Line(String sku, long quantity, long unitPrice, long remaining, String vendorId, List<String> categoryIds) {}

  /** What the promotion takes off, and its share per SKU. */
  public record Discount(long amount, Map<String, Long> bySku) {}

  /** A problem with a new promotion: the field and what is wrong. */
  public record Problem(String field, String message) {}

  /** Whether the promotion runs at {@code at}: after its start, before its end. */
  public static boolean running(Promotion promotion, Instant at) {
    return (promotion.getStartsAt() == null || !at.isBefore(promotion.getStartsAt()))
        && (promotion.getEndsAt() == null || at.isBefore(promotion.getEndsAt()));
  }

  /** Whether its redemptions reached its usage limit, as far as this copy of the state knows. */
  public static boolean usedUp(PromotionState state) {
    Long limit = state.getPromotion().getUsageLimit();
    return limit != null && state.getRedemptions() >= limit;
  }

  /** The promotion's discount on these lines, or none (nothing eligible, another currency, under the minimum). */
  public static Discount discount(Promotion promotion, String currency, long subtotal, List<Line> lines) {
    if (!promotion.getCurrency().equals(currency) || (promotion.getMinSubtotal() != null
        && (!promotion.getMinSubtotal().getCurrency().equals(currency) || subtotal < promotion.getMinSubtotal().getAmount()))) {
      return new Discount(0, Map.of());
    }
    List<Line> eligible = lines.stream().filter(line -> eligible(promotion, line)).toList();
    if (eligible.isEmpty()) {
      return new Discount(0, Map.of());
    }
    long base = eligible.stream().mapToLong(Line::remaining).sum();
    Type type = Type.valueOf(promotion.getType());
    return switch (type) {
      case PERCENT_OFF -> spread(BigInteger.valueOf(base).multiply(BigInteger.valueOf(promotion.getValue()))
          .divide(BigInteger.valueOf(100)).longValueExact(), eligible);
      case AMOUNT_OFF -> spread(Math.min(base, promotion.getValue()), eligible);
      case BUY_X_GET_Y -> {
        Map<String, Long> bySku = new LinkedHashMap<>();
        long amount = 0;
        int buy = promotion.getBuyQuantity();
        int get = promotion.getGetQuantity();
        for (Line line : eligible) {
          long free = line.quantity() / (buy + get) * get;
          long share = Math.min(line.remaining(), Math.multiplyExact(free, line.unitPrice()));
          if (share > 0) {
            bySku.put(line.sku(), share);
            amount += share;
          }
        }
        yield new Discount(amount, bySku);
      }
      case FREE_SHIPPING -> new Discount(0, Map.of());
    };
  }

  /** Whether the promotion applies at all to a cart with these lines (FREE_SHIPPING applies at zero). */
  public static boolean applies(Promotion promotion, String currency, long subtotal, List<Line> lines) {
    if (!promotion.getCurrency().equals(currency) || (promotion.getMinSubtotal() != null
        && (!promotion.getMinSubtotal().getCurrency().equals(currency) || subtotal < promotion.getMinSubtotal().getAmount()))) {
      return false;
    }
    return lines.stream().anyMatch(line -> eligible(promotion, line));
  }

  private static Discount spread(long amount, List<Line> eligible) {
    List<Long> shares = DiscountAllocation.allocate(amount, eligible.stream().map(Line::remaining).toList());
    Map<String, Long> bySku = new LinkedHashMap<>();
    for (int i = 0; i < eligible.size(); i++) {
      if (shares.get(i) > 0) {
        bySku.put(eligible.get(i).sku(), shares.get(i));
      }
    }
    return new Discount(amount, bySku);
  }

  static boolean eligible(Promotion promotion, Line line) {
    var scope = promotion.getAppliesTo();
    return (scope.getSkus().isEmpty() || scope.getSkus().contains(line.sku()))
        && (scope.getCategories().isEmpty() || line.categoryIds().stream().anyMatch(scope.getCategories()::contains))
        && (scope.getVendorId() == null || scope.getVendorId().equals(line.vendorId()));
  }

  /** What is wrong with a new promotion (an empty list: nothing). */
  public static List<Problem> check(Promotion promotion) {
    List<Problem> problems = new ArrayList<>();
    Type type;
    try {
      type = Type.valueOf(promotion.getType());
    } catch (IllegalArgumentException e) {
      return List.of(new Problem("type", "PERCENT_OFF, AMOUNT_OFF, BUY_X_GET_Y or FREE_SHIPPING"));
    }
    if (promotion.getCode() != null && !CODE.matcher(promotion.getCode()).matches()) {
      problems.add(new Problem("code", "3 to 32 capital letters, digits, - or _ (or null for an automatic promotion)"));
    }
    try {
      Currency.getInstance(promotion.getCurrency());
    } catch (IllegalArgumentException | NullPointerException e) {
      problems.add(new Problem("currency", "not an ISO-4217 currency"));
    }
    switch (type) {
      case PERCENT_OFF -> {
        if (promotion.getValue() < 1 || promotion.getValue() > 100) {
          problems.add(new Problem("value", "a percent between 1 and 100"));
        }
      }
      case AMOUNT_OFF -> {
        if (promotion.getValue() < 1) {
          problems.add(new Problem("value", "a positive amount in minor units"));
        }
      }
      case BUY_X_GET_Y -> {
        if (promotion.getBuyQuantity() == null || promotion.getBuyQuantity() < 1 || promotion.getBuyQuantity() > 100) {
          problems.add(new Problem("buyQuantity", "between 1 and 100"));
        }
        if (promotion.getGetQuantity() == null || promotion.getGetQuantity() < 1 || promotion.getGetQuantity() > 100) {
          problems.add(new Problem("getQuantity", "between 1 and 100"));
        }
      }
      case FREE_SHIPPING -> { }
    }
    var scope = promotion.getAppliesTo();
    if (scope.getSkus().size() > MAX_SCOPE_ENTRIES) {
      problems.add(new Problem("appliesTo.skus", "at most " + MAX_SCOPE_ENTRIES));
    }
    if (scope.getCategories().size() > MAX_SCOPE_ENTRIES) {
      problems.add(new Problem("appliesTo.categories", "at most " + MAX_SCOPE_ENTRIES));
    }
    if (promotion.getMinSubtotal() != null && (promotion.getMinSubtotal().getAmount() < 0
        || !promotion.getMinSubtotal().getCurrency().equals(promotion.getCurrency()))) {
      problems.add(new Problem("minSubtotal", "a non-negative amount in the promotion's currency"));
    }
    if (promotion.getStartsAt() != null && promotion.getEndsAt() != null
        && !promotion.getEndsAt().isAfter(promotion.getStartsAt())) {
      problems.add(new Problem("endsAt", "after startsAt"));
    }
    if (promotion.getUsageLimit() != null && promotion.getUsageLimit() < 1) {
      problems.add(new Problem("usageLimit", "at least 1 (or null for no limit)"));
    }
    if (promotion.getPerCustomerLimit() != null && promotion.getPerCustomerLimit() < 1) {
      problems.add(new Problem("perCustomerLimit", "at least 1 (or null for no limit)"));
    }
    return problems;
  }
}
