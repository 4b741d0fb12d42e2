package io.fusioncommerce.topologies.orders;

import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.AppliedPromotion;
import io.fusioncommerce.schemas.orders.CancelOrder;
import io.fusioncommerce.schemas.orders.CartPricedLine;
import io.fusioncommerce.schemas.orders.CartPricing;
import io.fusioncommerce.schemas.orders.MarkOrderPaid;
import io.fusioncommerce.schemas.orders.OrderRisk;
import io.fusioncommerce.schemas.orders.OrderShipment;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStateLine;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RecordShipmentProgress;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.schemas.orders.ReviewOrderRisk;
import io.fusioncommerce.schemas.orders.UpdateOrderPayment;
import io.fusioncommerce.topologies.catalog.ProductStatus;
import io.fusioncommerce.topologies.fraud.RiskDecision;
import io.fusioncommerce.topologies.inventory.ReservationStatus;
import io.fusioncommerce.topologies.inventory.StockLimits;
import io.fusioncommerce.topologies.orders.OrderEffect.TimerKind;
import io.fusioncommerce.topologies.shipping.ShipmentStatus;
import static io.fusioncommerce.topologies.inventory.ReservationStatus.COMMITTED;
import static io.fusioncommerce.topologies.inventory.ReservationStatus.INSUFFICIENT;
import static io.fusioncommerce.topologies.inventory.ReservationStatus.PENDING;
import static io.fusioncommerce.topologies.inventory.ReservationStatus.RELEASED;
import static io.fusioncommerce.topologies.inventory.ReservationStatus.RESERVED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of an order's life. Pure: the current state and an input in, the next state and its
 * effects out. The order topology applies them one record at a time on the partition that owns the
 * order; invalid transitions are refused here, not only at the HTTP edge.
 */
public final class OrderBook {

  /** How long the order waits for its reservation results (or results for the order itself). */
  public static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(60);
  /** How long a confirmed order's stock is held for payment when the tenant set nothing else. */
  public static final Duration DEFAULT_HOLD = Duration.ofMinutes(30);

  private OrderBook() {}

  /** The next state and what it causes. {@code next} is null when nothing changes. */
  public record Decision(OrderState next, List<OrderEffect> effects) {
    static Decision none() {
      return new Decision(null, List.of());
    }

    static Decision note(String type, String detail) {
      return new Decision(null, List.of(new OrderEffect.Note(type, detail)));
    }
  }

  /**
   * What the tenant decided for its orders: how long a confirmed order's stock is held for payment,
   * and its limits against hoarding (a shorter hold when a reservation left the stock scarce).
   */
  public record Policy(Duration hold, StockLimits limits) {
    public static final Policy DEFAULTS = new Policy(DEFAULT_HOLD, StockLimits.DEFAULTS);

    /** The hold of an order some of whose reservations left their SKU scarce, or not. */
    Duration holdFor(boolean scarce) {
      Duration normal = hold != null ? hold : DEFAULT_HOLD;
      return scarce && limits.scarceHold().compareTo(normal) < 0 ? limits.scarceHold() : normal;
    }
  }

  /** The catalog's product table, as the order topology sees it. */
  @FunctionalInterface
  public interface Catalog {
    Optional<Product> product(String tenantId, String sku);

    /**
     * What a line of {@code product} costs now when no campaign agreed a price: the SKU's current
     * dynamic price (pricing.current-prices) when it has one in the product's currency, else the
     * catalog price. The order keeps the price it was placed at.
     */
    default Money price(String tenantId, Product product) {
      return product.getPrice();
    }
  }

  /** Why an order was refused. */
  public static final class Reasons {
    public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
    public static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";
    public static final String TOTAL_TOO_LARGE = "TOTAL_TOO_LARGE";
    public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";
    public static final String RESERVATION_TIMEOUT = "RESERVATION_TIMEOUT";
    public static final String HOLD_EXPIRED = "HOLD_EXPIRED";
    public static final String ORDER_NOT_RECEIVED = "ORDER_NOT_RECEIVED";
    /** The fraud score (or an operator reviewing it) rejected the order. */
    public static final String FRAUD_SUSPECTED = "FRAUD_SUSPECTED";
    /** Every line was answered but the order's risk never arrived. */
    public static final String RISK_ASSESSMENT_TIMEOUT = "RISK_ASSESSMENT_TIMEOUT";
    public static final String QUANTITY_LIMIT_EXCEEDED = StockLimits.QUANTITY_LIMIT_EXCEEDED;
    public static final String CUSTOMER_LIMIT_EXCEEDED = StockLimits.CUSTOMER_LIMIT_EXCEEDED;
    /** A cart's pricing does not cover the order's lines (a checkout's PlaceOrder is built from one cart). */
    public static final String CART_PRICING_MISMATCH = "CART_PRICING_MISMATCH";
    /** A promotion the cart applied could not be redeemed (used up, ended, the customer's limit reached). */
    public static final String PROMOTION_UNAVAILABLE = "PROMOTION_UNAVAILABLE";

    private Reasons() {}
  }

  // ---------------------------------------------------------------- placing

  public static Decision place(OrderState current, String tenantId, PlaceOrder place, Catalog catalog, Instant at,
      String correlationId, Policy policy) {
    if (current != null && current.getPlaced()) {
      return current.getRequestHash().equals(place.getRequestHash())
          ? Decision.none() // the same order again (a retry): it exists, nothing changes
          : Decision.note("PlaceOrderRefused", "another order was already placed under this order id");
    }
    Map<String, OrderStateLine> earlyResults = new LinkedHashMap<>();
    if (current != null) {
      current.getLines().forEach(line -> earlyResults.put(line.getSku(), line));
    }
    List<OrderEffect> effects = new ArrayList<>();
    List<OrderStateLine> lines = new ArrayList<>();
    String refusal = null;
    Map<String, CartPricedLine> cartLines = cartLines(place.getCartPricing());
    for (RequestedLine requested : mergeBySku(place.getLines())) {
      Optional<Product> product = catalog.product(tenantId, requested.getSku())
          .filter(p -> tenantId.equals(p.getTenantId()) && ProductStatus.ACTIVE.is(p.getStatus()));
      OrderStateLine early = earlyResults.remove(requested.getSku());
      OrderStateLine.Builder line = OrderStateLine.newBuilder()
          .setSku(requested.getSku()).setQuantity(requested.getQuantity())
          .setReservation(early != null ? early.getReservation() : PENDING.name())
          .setAllocations(early != null ? early.getAllocations() : Map.of());
      if (requested.getQuantity() > policy.limits().maxPerOrder()) {
        // the inventory refuses to reserve it too; this names the reason even when the order arrives first
        refusal = refusal != null ? refusal : Reasons.QUANTITY_LIMIT_EXCEEDED;
      }
      if (product.isEmpty()) {
        refusal = refusal != null ? refusal : Reasons.UNKNOWN_SKU;
      } else {
        CartPricedLine priced = cartLines.get(requested.getSku());
        Money unitPrice = priced != null ? priced.getUnitPrice()
            : place.getAgreedUnitPrice() != null ? place.getAgreedUnitPrice()
            : catalog.price(tenantId, product.get());
        if (!unitPrice.getCurrency().equals(place.getCurrency())) {
          refusal = refusal != null ? refusal : Reasons.CURRENCY_MISMATCH;
        }
        if (place.getCartPricing() != null && (priced == null || priced.getQuantity() != requested.getQuantity())) {
          refusal = refusal != null ? refusal : Reasons.CART_PRICING_MISMATCH;
        }
        line.setUnitPrice(unitPrice).setVendorId(product.get().getVendorId()).setName(product.get().getName());
        if (priced != null) { // a cart priced the line: the order keeps its discount, tax and total
          line.setDiscount(priced.getDiscount()).setTax(priced.getTax()).setLineTotal(priced.getLineTotal());
        }
      }
      lines.add(line.build());
    }
    // results for SKUs the order does not contain are given back at once
    earlyResults.values().stream().filter(l -> reservation(l) == RESERVED)
        .forEach(l -> effects.add(new OrderEffect.ReleaseStock(l.getSku(), "NOT_IN_ORDER")));

    Money total = null;
    if (refusal == null) {
      try {
        total = total(lines, place.getCurrency());
      } catch (ArithmeticException overflow) {
        refusal = Reasons.TOTAL_TOO_LARGE;
      }
    }
    OrderState.Builder next = OrderState.newBuilder()
        .setTenantId(tenantId).setOrderId(place.getOrderId()).setPlaced(true)
        .setCustomerId(place.getCustomerId()).setCurrency(place.getCurrency())
        .setShippingAddress(place.getShippingAddress())
        .setOrganizationId(place.getOrganizationId()).setPurchaseOrderNumber(place.getPurchaseOrderNumber())
        .setCampaignId(place.getCampaignId())
        .setEmail(place.getEmail())
        .setRequestHash(place.getRequestHash())
        .setRiskRequested(place.getRiskAssessmentRequested())
        .setRisk(current != null ? current.getRisk() : null) // the risk may have overtaken the order
        .setCartId(place.getCartPricing() == null ? null : place.getCartPricing().getCartId())
        .setDiscounts(place.getCartPricing() == null ? null : place.getCartPricing().getDiscounts())
        .setTax(place.getCartPricing() == null ? null : place.getCartPricing().getTax())
        .setPromotions(promotionsOf(place, current))
        .setTotal(total)
        .setCreatedAt(at).setUpdatedAt(at)
        .setCorrelationId(correlationId)
        .setVersion(current == null ? 1 : current.getVersion() + 1);
    if (refusal != null) {
      next.setStatus(OrderStatus.REJECTED.name()).setRejectionReason(refusal).setLines(releaseHeld(lines, "ORDER_REJECTED", effects))
          .setPromotions(releaseRedemptions(promotionsOf(place, current), "ORDER_REJECTED", effects));
      effects.add(new OrderEffect.StatusChanged(null, OrderStatus.REJECTED, refusal));
      return new Decision(next.build(), effects);
    }
    next.setStatus(OrderStatus.CREATED.name()).setLines(lines);
    effects.add(new OrderEffect.Created());
    effects.add(new OrderEffect.StatusChanged(null, OrderStatus.CREATED, null));
    effects.add(new OrderEffect.Timer(at.plus(RESERVATION_TIMEOUT), TimerKind.RESERVATION_TIMEOUT));
    return settle(next.build(), effects, at, policy);
  }

  // ---------------------------------------------------------------- reservation results

  public static Decision reserved(OrderState current, String tenantId, String orderId, String sku,
      Map<String, Long> allocations, long remainingAvailable, Instant at, String correlationId, Policy policy) {
    return result(current, tenantId, orderId, sku, new Outcome(RESERVED, allocations, remainingAvailable, null),
        at, correlationId, policy);
  }

  /** {@code reason}: why the inventory refused (null: INSUFFICIENT_STOCK, as before limits existed). */
  public static Decision insufficient(OrderState current, String tenantId, String orderId, String sku, String reason,
      Instant at, String correlationId, Policy policy) {
    return result(current, tenantId, orderId, sku,
        new Outcome(INSUFFICIENT, Map.of(), null, reason != null ? reason : Reasons.INSUFFICIENT_STOCK),
        at, correlationId, policy);
  }

  /** A reservation result for one line. */
  private record Outcome(ReservationStatus reservation, Map<String, Long> allocations, Long remainingAvailable, String refusalReason) {
    OrderStateLine.Builder applyTo(OrderStateLine.Builder line) {
      return line.setReservation(reservation.name()).setAllocations(allocations).setRemainingAvailable(remainingAvailable)
          .setRefusalReason(refusalReason);
    }
  }

  private static Decision result(OrderState current, String tenantId, String orderId, String sku, Outcome result,
      Instant at, String correlationId, Policy policy) {
    ReservationStatus outcome = result.reservation();
    Map<String, Long> allocations = result.allocations();
    List<OrderEffect> effects = new ArrayList<>();
    if (current == null) {
      // The result overtook the order (they travel on different partitions): keep it until the order arrives.
      OrderState pending = OrderState.newBuilder()
          .setTenantId(tenantId).setOrderId(orderId).setPlaced(false)
          .setStatus(OrderStatus.PENDING.name())
          .setLines(List.of(result.applyTo(OrderStateLine.newBuilder().setSku(sku).setQuantity(0)).build()))
          .setCreatedAt(at).setUpdatedAt(at).setCorrelationId(correlationId).setVersion(1).build();
      effects.add(new OrderEffect.Timer(at.plus(RESERVATION_TIMEOUT), TimerKind.RESERVATION_TIMEOUT));
      return new Decision(pending, effects);
    }
    List<OrderStateLine> lines = new ArrayList<>(current.getLines());
    int index = indexOf(lines, sku);
    if (index < 0) {
      if (!current.getPlaced()) {
        lines.add(result.applyTo(OrderStateLine.newBuilder().setSku(sku).setQuantity(0)).build());
        return new Decision(touch(current, at).setLines(lines).build(), effects);
      }
      if (outcome == RESERVED) {
        effects.add(new OrderEffect.ReleaseStock(sku, "NOT_IN_ORDER"));
      }
      effects.add(new OrderEffect.Note("UnexpectedReservation", sku + " is not part of this order"));
      return new Decision(null, effects);
    }
    OrderStateLine line = lines.get(index);
    if (reservation(line) != PENDING) {
      return Decision.none(); // a repeated result
    }
    OrderStatus status = OrderStatus.valueOf(current.getStatus());
    if (outcome == RESERVED && (status == OrderStatus.REJECTED || status == OrderStatus.CANCELLED)) {
      // the order gave up before this SKU was held: give it back straight away
      effects.add(new OrderEffect.ReleaseStock(sku, "ORDER_" + status.name()));
      lines.set(index, OrderStateLine.newBuilder(line).setReservation(RELEASED.name()).setAllocations(allocations).build());
      return new Decision(touch(current, at).setLines(lines).build(), effects);
    }
    lines.set(index, result.applyTo(OrderStateLine.newBuilder(line)).build());
    OrderState next = touch(current, at).setLines(lines).build();
    return current.getPlaced() ? settle(next, effects, at, policy) : new Decision(next, effects);
  }

  /**
   * A created order is settled once every SKU has an answer and, when its placement asked for one, its
   * risk arrived (either may come first). A REJECT risk rejects it as FRAUD_SUSPECTED; otherwise, with every
   * line held, it is CONFIRMED (ACCEPT, or no risk asked for) or HELD for an operator's review (REVIEW, its
   * stock still reserved and its hold expiry running as for a confirmed order); with a line not held it is
   * rejected for that line's reason. Whatever was held is released when the order is rejected.
   */
  private static Decision settle(OrderState state, List<OrderEffect> effects, Instant at, Policy policy) {
    if (!OrderStatus.CREATED.name().equals(state.getStatus())
        || state.getLines().stream().anyMatch(l -> reservation(l) == PENDING)
        || (state.getRiskRequested() && state.getRisk() == null)
        || state.getPromotions().stream().anyMatch(p -> PENDING.name().equals(p.getRedemption()))) {
      return new Decision(state, effects);
    }
    RiskDecision risk = state.getRisk() == null ? RiskDecision.ACCEPT : RiskDecision.valueOf(state.getRisk().getDecision());
    if (risk == RiskDecision.REJECT) {
      return reject(state, OrderStatus.CREATED, Reasons.FRAUD_SUSPECTED, effects);
    }
    if (state.getPromotions().stream().anyMatch(p -> REFUSED.equals(p.getRedemption()))) {
      // a promotion the cart priced with is not the order's to have (used up, ended): the order is not
      // placed at a price nobody offers any more
      return reject(state, OrderStatus.CREATED, Reasons.PROMOTION_UNAVAILABLE, effects);
    }
    boolean allHeld = state.getLines().stream().allMatch(l -> reservation(l) == RESERVED);
    if (allHeld) {
      OrderStatus to = risk == RiskDecision.REVIEW ? OrderStatus.HELD : OrderStatus.CONFIRMED;
      Instant expires = holdExpiry(state, at, policy);
      effects.add(new OrderEffect.StatusChanged(OrderStatus.CREATED, to, null));
      effects.add(new OrderEffect.Timer(expires, TimerKind.HOLD_EXPIRY));
      return new Decision(OrderState.newBuilder(state).setStatus(to.name()).setHoldExpiresAt(expires).build(), effects);
    }
    String reason = state.getLines().stream().filter(l -> reservation(l) != RESERVED)
        .map(OrderStateLine::getRefusalReason).filter(java.util.Objects::nonNull).findFirst()
        .orElse(Reasons.INSUFFICIENT_STOCK);
    return reject(state, OrderStatus.CREATED, reason, effects);
  }

  /** When the stock of an order held from {@code at} is given back unless it is paid. */
  private static Instant holdExpiry(OrderState state, Instant at, Policy policy) {
    // stock a reservation left scarce is held for a shorter time: hoarding it costs more renewals
    boolean scarce = state.getLines().stream().anyMatch(l -> l.getRemainingAvailable() != null
        && policy.limits().scarce(l.getRemainingAvailable()));
    return at.plus(policy.holdFor(scarce));
  }

  /** The order is rejected for {@code reason}; what it held is released. */
  private static Decision reject(OrderState state, OrderStatus from, String reason, List<OrderEffect> effects) {
    List<OrderStateLine> lines = releaseHeld(state.getLines(), "ORDER_REJECTED", effects);
    List<AppliedPromotion> promotions = releaseRedemptions(state.getPromotions(), "ORDER_REJECTED", effects);
    effects.add(new OrderEffect.StatusChanged(from, OrderStatus.REJECTED, reason));
    return new Decision(OrderState.newBuilder(state).setStatus(OrderStatus.REJECTED.name())
        .setRejectionReason(reason).setHoldExpiresAt(null).setLines(lines).setPromotions(promotions).build(), effects);
  }

  // ---------------------------------------------------------------- promotion redemptions

  private static final String REDEEMED = "REDEEMED";
  private static final String REFUSED = "REFUSED";
  private static final String RELEASED_REDEMPTION = "RELEASED";

  /**
   * A promotion's answer to the order's redemption (promotion.redemptions, keyed by the order like the
   * reservation outcomes), handled as they are: it may overtake the order; a repeat changes nothing; a
   * redemption that arrives after the order gave up is given back at once; the order settles once every
   * line, its risk and every promotion answered, and is rejected (PROMOTION_UNAVAILABLE) when one was refused.
   */
  public static Decision promotionRedeemed(OrderState current, String tenantId, String orderId, String promotionId,
      boolean redeemed, String reason, Instant at, String correlationId, Policy policy) {
    String outcome = redeemed ? REDEEMED : REFUSED;
    AppliedPromotion answered = AppliedPromotion.newBuilder().setPromotionId(promotionId)
        .setAmount(new Money(0L, current == null ? "" : current.getCurrency())).setRedemption(outcome)
        .setRefusalReason(redeemed ? null : reason).build();
    if (current == null) {
      OrderState pending = OrderState.newBuilder()
          .setTenantId(tenantId).setOrderId(orderId).setPlaced(false).setStatus(OrderStatus.PENDING.name())
          .setPromotions(List.of(answered)).setCreatedAt(at).setUpdatedAt(at).setCorrelationId(correlationId)
          .setVersion(1).build();
      return new Decision(pending, List.of(new OrderEffect.Timer(at.plus(RESERVATION_TIMEOUT), TimerKind.RESERVATION_TIMEOUT)));
    }
    List<AppliedPromotion> promotions = new ArrayList<>(current.getPromotions());
    int index = -1;
    for (int i = 0; i < promotions.size(); i++) {
      if (promotions.get(i).getPromotionId().equals(promotionId)) {
        index = i;
      }
    }
    List<OrderEffect> effects = new ArrayList<>();
    if (index < 0) {
      if (!current.getPlaced()) {
        promotions.add(answered);
        return new Decision(touch(current, at).setPromotions(promotions).build(), effects);
      }
      if (redeemed) {
        effects.add(new OrderEffect.ReleaseRedemption(promotionId, "NOT_IN_ORDER"));
      }
      effects.add(new OrderEffect.Note("UnexpectedRedemption", promotionId + " is not a promotion of this order"));
      return new Decision(null, effects);
    }
    AppliedPromotion known = promotions.get(index);
    if (!PENDING.name().equals(known.getRedemption())) {
      return Decision.none(); // a repeated answer
    }
    OrderStatus status = OrderStatus.valueOf(current.getStatus());
    if (redeemed && (status == OrderStatus.REJECTED || status == OrderStatus.CANCELLED)) {
      effects.add(new OrderEffect.ReleaseRedemption(promotionId, "ORDER_" + status.name()));
      promotions.set(index, AppliedPromotion.newBuilder(known).setRedemption(RELEASED_REDEMPTION).build());
      return new Decision(touch(current, at).setPromotions(promotions).build(), effects);
    }
    promotions.set(index, AppliedPromotion.newBuilder(known).setRedemption(outcome)
        .setRefusalReason(redeemed ? null : reason).build());
    OrderState next = touch(current, at).setPromotions(promotions).build();
    return current.getPlaced() ? settle(next, effects, at, policy) : new Decision(next, effects);
  }

  /** The promotions a checkout applied, with the answers that overtook the order already in. */
  private static List<AppliedPromotion> promotionsOf(PlaceOrder place, OrderState current) {
    if (place.getCartPricing() == null) {
      return List.of();
    }
    Map<String, AppliedPromotion> early = new LinkedHashMap<>();
    if (current != null) {
      current.getPromotions().forEach(p -> early.put(p.getPromotionId(), p));
    }
    List<AppliedPromotion> promotions = new ArrayList<>();
    for (AppliedPromotion applied : place.getCartPricing().getPromotions()) {
      AppliedPromotion answer = early.get(applied.getPromotionId());
      promotions.add(answer == null ? AppliedPromotion.newBuilder(applied).setRedemption(PENDING.name()).build()
          : AppliedPromotion.newBuilder(applied).setRedemption(answer.getRedemption())
              .setRefusalReason(answer.getRefusalReason()).build());
    }
    return promotions;
  }

  /**
   * Gives back what the order holds of its promotions: redeemed ones, and pending ones too (the promotion
   * topology remembers the release, so a late redemption takes nothing).
   */
  private static List<AppliedPromotion> releaseRedemptions(List<AppliedPromotion> promotions, String reason,
      List<OrderEffect> effects) {
    List<AppliedPromotion> next = new ArrayList<>();
    for (AppliedPromotion promotion : promotions) {
      if (REDEEMED.equals(promotion.getRedemption()) || PENDING.name().equals(promotion.getRedemption())) {
        effects.add(new OrderEffect.ReleaseRedemption(promotion.getPromotionId(), reason));
        next.add(AppliedPromotion.newBuilder(promotion).setRedemption(RELEASED_REDEMPTION).build());
      } else {
        next.add(promotion);
      }
    }
    return next;
  }

  // ---------------------------------------------------------------- fraud risk

  /**
   * The order's risk arrived from the fraud topology. It may overtake the order (another partition, another
   * application): then it is kept, as an early reservation answer is, until the order arrives. A repeat
   * (a retried AssessOrderRisk answered again) changes nothing.
   */
  public static Decision riskAssessed(OrderState current, String tenantId, String orderId, OrderRisk risk, Instant at,
      String correlationId, Policy policy) {
    if (current == null) {
      OrderState pending = OrderState.newBuilder()
          .setTenantId(tenantId).setOrderId(orderId).setPlaced(false).setStatus(OrderStatus.PENDING.name())
          .setRisk(risk).setCreatedAt(at).setUpdatedAt(at).setCorrelationId(correlationId).setVersion(1).build();
      return new Decision(pending, List.of(new OrderEffect.Timer(at.plus(RESERVATION_TIMEOUT), TimerKind.RESERVATION_TIMEOUT)));
    }
    if (current.getRisk() != null) {
      return Decision.none();
    }
    OrderState next = touch(current, at).setRisk(risk).build();
    if (!current.getPlaced()) {
      return new Decision(next, List.of());
    }
    if (!OrderStatus.CREATED.name().equals(current.getStatus())) {
      // it settled without waiting (an order that asked for no risk, or one already refused): shown, nothing more
      return new Decision(next, List.of(new OrderEffect.Note("RiskAssessed",
          risk.getDecision() + " after the order was " + current.getStatus())));
    }
    return settle(next, new ArrayList<>(), at, policy);
  }

  /** The two decisions an operator can take on a HELD order. */
  public enum ReviewDecision { APPROVE, REJECT }

  /**
   * An operator's decision on a HELD order: APPROVE confirms it (its stock is held for payment afresh from
   * now, as for any confirmed order), REJECT rejects it as FRAUD_SUSPECTED and releases its stock. Refused
   * for an order that is not HELD.
   */
  public static Decision riskReviewed(OrderState current, ReviewOrderRisk review, String reviewer, Instant at,
      Policy policy) {
    if (current == null || !current.getPlaced()) {
      return Decision.note("RiskReviewRefused", "no such order");
    }
    OrderStatus status = OrderStatus.valueOf(current.getStatus());
    if (status != OrderStatus.HELD) {
      return Decision.note("RiskReviewRefused", "an order that is " + status + " is not held for review");
    }
    ReviewDecision decision;
    try {
      decision = ReviewDecision.valueOf(review.getDecision());
    } catch (IllegalArgumentException e) {
      return Decision.note("RiskReviewRefused", "the decision must be APPROVE or REJECT");
    }
    OrderRisk risk = current.getRisk() == null ? null : OrderRisk.newBuilder(current.getRisk())
        .setReviewDecision(decision.name()).setReviewedBy(reviewer).setReviewedAt(at).build();
    OrderState reviewed = touch(current, at).setRisk(risk).build();
    List<OrderEffect> effects = new ArrayList<>();
    if (decision == ReviewDecision.REJECT) {
      return reject(reviewed, OrderStatus.HELD, Reasons.FRAUD_SUSPECTED, effects);
    }
    Instant expires = holdExpiry(reviewed, at, policy);
    effects.add(new OrderEffect.StatusChanged(OrderStatus.HELD, OrderStatus.CONFIRMED, "APPROVED"));
    effects.add(new OrderEffect.Timer(expires, TimerKind.HOLD_EXPIRY));
    return new Decision(OrderState.newBuilder(reviewed).setStatus(OrderStatus.CONFIRMED.name())
        .setHoldExpiresAt(expires).build(), effects);
  }

  // ---------------------------------------------------------------- lifecycle commands

  public static Decision cancel(OrderState current, CancelOrder cancel, Instant at) {
    if (current == null || !current.getPlaced()) {
      return Decision.note("CancelRefused", "no such order");
    }
    OrderStatus status = OrderStatus.valueOf(current.getStatus());
    if (!OrderStatus.CANCELLABLE.contains(status)) {
      return Decision.note("CancelRefused", "an order that is " + status + " cannot be cancelled");
    }
    List<OrderEffect> effects = new ArrayList<>();
    List<OrderStateLine> lines = new ArrayList<>();
    for (OrderStateLine line : current.getLines()) {
      if (reservation(line) == RESERVED || reservation(line) == PENDING) {
        // PENDING too: the inventory remembers the release, so a late reservation takes nothing
        effects.add(new OrderEffect.ReleaseStock(line.getSku(), "ORDER_CANCELLED"));
        lines.add(OrderStateLine.newBuilder(line).setReservation(RELEASED.name()).build());
      } else {
        lines.add(line);
      }
    }
    if (status == OrderStatus.PAID) {
      effects.add(new OrderEffect.Note("RefundRequested", "the order was paid; its payment is refunded"));
    }
    List<AppliedPromotion> promotions = releaseRedemptions(current.getPromotions(), "ORDER_CANCELLED", effects);
    effects.add(new OrderEffect.StatusChanged(status, OrderStatus.CANCELLED, cancel.getReason()));
    return new Decision(touch(current, at).setStatus(OrderStatus.CANCELLED.name())
        .setCancellationReason(cancel.getReason()).setHoldExpiresAt(null).setLines(lines).setPromotions(promotions).build(),
        effects);
  }

  public static Decision paid(OrderState current, MarkOrderPaid paid, Instant at) {
    if (current == null || !OrderStatus.CONFIRMED.name().equals(current.getStatus())) {
      return Decision.note("PaymentRefused",
          "payment " + paid.getPaymentId() + " arrived for an order that is " + (current == null ? "unknown" : current.getStatus()));
    }
    List<OrderEffect> effects = new ArrayList<>();
    effects.add(new OrderEffect.StatusChanged(OrderStatus.CONFIRMED, OrderStatus.PAID, null));
    return new Decision(touch(current, at).setStatus(OrderStatus.PAID.name()).setPaymentId(paid.getPaymentId())
        .setHoldExpiresAt(null).build(), effects);
  }

  // ---------------------------------------------------------------- shipping

  /**
   * A shipment moved. The order keeps one summary entry per shipment and is SHIPPED once every vendor
   * of the order has a shipment that left, DELIVERED once every one arrived (through SHIPPED, so the
   * trail shows both). Refused for an order that is not PAID or SHIPPED, and for a vendor the order does
   * not have; a report older than what the order knows (they may overtake each other) is ignored.
   */
  public static Decision shipmentProgressed(OrderState current, RecordShipmentProgress progress, Instant at) {
    if (current == null || !current.getPlaced()) {
      return Decision.note("ShipmentRefused", "shipment " + progress.getShipmentId() + " for an unknown order");
    }
    OrderStatus status = OrderStatus.valueOf(current.getStatus());
    if (status != OrderStatus.PAID && status != OrderStatus.SHIPPED) {
      return Decision.note("ShipmentRefused",
          "shipment " + progress.getShipmentId() + " reported " + progress.getStatus() + " for an order that is " + status);
    }
    if (current.getLines().stream().noneMatch(line -> progress.getVendorId().equals(line.getVendorId()))) {
      return Decision.note("ShipmentRefused", "vendor " + progress.getVendorId() + " has no line in this order");
    }
    ShipmentStatus reported = ShipmentStatus.valueOf(progress.getStatus());
    List<OrderShipment> shipments = new ArrayList<>(current.getShipments());
    int index = -1;
    for (int i = 0; i < shipments.size(); i++) {
      if (shipments.get(i).getShipmentId().equals(progress.getShipmentId())) {
        index = i;
      }
    }
    ShipmentStatus known = index >= 0 ? ShipmentStatus.valueOf(shipments.get(index).getStatus()) : null;
    if (known != null && (known == reported || known.isAfter(reported))) {
      return Decision.none(); // nothing newer than what the order knows
    }
    OrderShipment entry = OrderShipment.newBuilder().setShipmentId(progress.getShipmentId())
        .setVendorId(progress.getVendorId()).setStatus(reported.name()).setCarrier(progress.getCarrier())
        .setTrackingNumber(progress.getTrackingNumber()).setLabelUrl(progress.getLabelUrl()).build();
    if (index >= 0) {
      shipments.set(index, entry);
    } else {
      shipments.add(entry);
    }
    List<OrderEffect> effects = new ArrayList<>();
    OrderStatus next = status;
    List<OrderStateLine> lines = current.getLines();
    if (next == OrderStatus.PAID && everyVendor(current, shipments, ShipmentStatus::hasLeft)) {
      effects.add(new OrderEffect.StatusChanged(OrderStatus.PAID, OrderStatus.SHIPPED, null));
      next = OrderStatus.SHIPPED;
      // the goods left: their reservations settle (reserved stock goes down for good), so the inventory
      // can drop them after its retention instead of holding them for ever
      lines = new ArrayList<>();
      for (OrderStateLine line : current.getLines()) {
        if (reservation(line) == RESERVED) {
          effects.add(new OrderEffect.CommitStock(line.getSku()));
          lines.add(OrderStateLine.newBuilder(line).setReservation(COMMITTED.name()).build());
        } else {
          lines.add(line);
        }
      }
    }
    if (next == OrderStatus.SHIPPED && everyVendor(current, shipments, s -> s == ShipmentStatus.DELIVERED)) {
      effects.add(new OrderEffect.StatusChanged(OrderStatus.SHIPPED, OrderStatus.DELIVERED, null));
      next = OrderStatus.DELIVERED;
    }
    return new Decision(touch(current, at).setShipments(shipments).setLines(lines).setStatus(next.name()).build(), effects);
  }

  /** Whether every vendor of the order has a shipment whose status passes {@code test}. */
  private static boolean everyVendor(OrderState order, List<OrderShipment> shipments,
      java.util.function.Predicate<ShipmentStatus> test) {
    return order.getLines().stream().map(OrderStateLine::getVendorId).filter(java.util.Objects::nonNull).distinct()
        .allMatch(vendor -> shipments.stream().anyMatch(s -> s.getVendorId().equals(vendor)
            && test.test(ShipmentStatus.valueOf(s.getStatus()))));
  }

  /** The payment topology's view of the order's payment, shown on the order; the status is not touched. */
  public static Decision paymentUpdated(OrderState current, UpdateOrderPayment update, Instant at) {
    if (current == null || !current.getPlaced()) {
      return Decision.note("PaymentUpdateIgnored", "payment " + update.getPayment().getPaymentId() + " for an unknown order");
    }
    if (update.getPayment().equals(current.getPayment())) {
      return Decision.none(); // a repeat
    }
    return new Decision(touch(current, at).setPayment(update.getPayment()).build(),
        List.of(new OrderEffect.Note("PaymentUpdated", update.getPayment().getPaymentId() + " " + update.getPayment().getStatus())));
  }

  // ---------------------------------------------------------------- timers

  public static Decision timerFired(OrderState current, TimerKind kind, Instant now) {
    if (current == null) {
      return Decision.none();
    }
    OrderStatus status = OrderStatus.valueOf(current.getStatus());
    List<OrderEffect> effects = new ArrayList<>();
    switch (kind) {
      case HOLD_EXPIRY -> {
        // a HELD order's stock is held as a confirmed order's: an unreviewed order gives it back in time
        if ((status != OrderStatus.CONFIRMED && status != OrderStatus.HELD) || current.getHoldExpiresAt() == null
            || current.getHoldExpiresAt().isAfter(now)) {
          return Decision.none();
        }
        List<OrderStateLine> lines = releaseHeld(current.getLines(), "HOLD_EXPIRED", effects);
        List<AppliedPromotion> promotions = releaseRedemptions(current.getPromotions(), "HOLD_EXPIRED", effects);
        effects.add(new OrderEffect.StatusChanged(status, OrderStatus.CANCELLED, Reasons.HOLD_EXPIRED));
        return new Decision(touch(current, now).setStatus(OrderStatus.CANCELLED.name())
            .setCancellationReason(Reasons.HOLD_EXPIRED).setHoldExpiresAt(null).setLines(lines).setPromotions(promotions)
            .build(), effects);
      }
      case RESERVATION_TIMEOUT -> {
        if (!current.getPlaced()) {
          List<OrderStateLine> lines = releaseHeld(current.getLines(), Reasons.ORDER_NOT_RECEIVED, effects);
          List<AppliedPromotion> promotions = releaseRedemptions(current.getPromotions(), Reasons.ORDER_NOT_RECEIVED, effects);
          effects.add(new OrderEffect.Note("OrderNotReceived", "reservation results arrived but the order did not"));
          return new Decision(touch(current, now).setStatus(OrderStatus.REJECTED.name())
              .setRejectionReason(Reasons.ORDER_NOT_RECEIVED).setLines(lines).setPromotions(promotions).build(), effects);
        }
        if (status != OrderStatus.CREATED) {
          return Decision.none();
        }
        List<OrderStateLine> lines = new ArrayList<>();
        for (OrderStateLine line : current.getLines()) {
          if (reservation(line) == RESERVED || reservation(line) == PENDING) {
            effects.add(new OrderEffect.ReleaseStock(line.getSku(), Reasons.RESERVATION_TIMEOUT));
            lines.add(OrderStateLine.newBuilder(line).setReservation(RELEASED.name()).build());
          } else {
            lines.add(line);
          }
        }
        // every line answered: what kept the order waiting was its risk
        String reason = current.getLines().stream().noneMatch(l -> reservation(l) == PENDING)
            && current.getRiskRequested() && current.getRisk() == null
            ? Reasons.RISK_ASSESSMENT_TIMEOUT : Reasons.RESERVATION_TIMEOUT;
        List<AppliedPromotion> promotions = releaseRedemptions(current.getPromotions(), Reasons.RESERVATION_TIMEOUT, effects);
        effects.add(new OrderEffect.StatusChanged(status, OrderStatus.REJECTED, reason));
        return new Decision(touch(current, now).setStatus(OrderStatus.REJECTED.name())
            .setRejectionReason(reason).setLines(lines).setPromotions(promotions).build(), effects);
      }
      case PURGE -> throw new IllegalStateException("retention is the processor's, not a rule of the order");
      default -> throw new IllegalStateException("unknown timer " + kind);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** How the line's reservation stands (stored as its name). */
  private static ReservationStatus reservation(OrderStateLine line) {
    return ReservationStatus.of(line.getReservation());
  }

  /** A cart's priced lines by SKU (a cart has one line per SKU); empty for orders placed without a cart. */
  private static Map<String, CartPricedLine> cartLines(CartPricing pricing) {
    Map<String, CartPricedLine> bySku = new LinkedHashMap<>();
    if (pricing != null) {
      pricing.getLines().forEach(line -> bySku.putIfAbsent(line.getSku(), line));
    }
    return bySku;
  }

  /** Lines of the same SKU become one line (one reservation per SKU and order). */
  static List<RequestedLine> mergeBySku(List<RequestedLine> lines) {
    Map<String, Long> bySku = new LinkedHashMap<>();
    lines.forEach(line -> bySku.merge(line.getSku(), line.getQuantity(), Math::addExact));
    return bySku.entrySet().stream().map(e -> new RequestedLine(e.getKey(), e.getValue())).toList();
  }

  /** What the order costs: each line's total when a cart priced it (after discounts, tax included), else units × price. */
  static Money total(List<OrderStateLine> lines, String currency) {
    long amount = 0;
    for (OrderStateLine line : lines) {
      amount = Math.addExact(amount, line.getLineTotal() != null ? line.getLineTotal().getAmount()
          : Math.multiplyExact(line.getUnitPrice().getAmount(), line.getQuantity()));
    }
    return new Money(amount, currency);
  }

  private static List<OrderStateLine> releaseHeld(List<OrderStateLine> lines, String reason, List<OrderEffect> effects) {
    List<OrderStateLine> next = new ArrayList<>();
    for (OrderStateLine line : lines) {
      if (reservation(line) == RESERVED) {
        effects.add(new OrderEffect.ReleaseStock(line.getSku(), reason));
        next.add(OrderStateLine.newBuilder(line).setReservation(RELEASED.name()).build());
      } else {
        next.add(line);
      }
    }
    return next;
  }

  private static int indexOf(List<OrderStateLine> lines, String sku) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).getSku().equals(sku)) {
        return i;
      }
    }
    return -1;
  }

  private static OrderState.Builder touch(OrderState current, Instant at) {
    return OrderState.newBuilder(current).setUpdatedAt(at).setVersion(current.getVersion() + 1);
  }
}
