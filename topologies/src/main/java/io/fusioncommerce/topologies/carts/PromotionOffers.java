package io.fusioncommerce.topologies.carts;

import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.promotions.Promotion;
import io.fusioncommerce.schemas.promotions.PromotionState;
import io.fusioncommerce.topologies.orders.OrderBook;
import io.fusioncommerce.topologies.promotions.PromotionRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The promotions a cart gets: every running automatic promotion of its tenant and the running promotions of
 * the coupon codes it carries, in that order (each by id), each on what the earlier ones left of the lines.
 * A promotion this copy of the counts shows as used up is left out; the exact limit is the order saga's
 * redemption (PromotionBook), which this view cannot overrule.
 *
 * @param promotionsOf the tenant's promotions (the cart topology's copy of promotions.definitions)
 */
public record PromotionOffers(Function<String, List<PromotionState>> promotionsOf, OrderBook.Catalog catalog)
    implements CartPromotions {

  /** The running, not used-up promotion of a tenant with this coupon code. */
  public static Optional<PromotionState> byCode(List<PromotionState> promotions, String code, Instant at) {
    return promotions.stream().filter(p -> code.equals(p.getPromotion().getCode()))
        .filter(p -> PromotionRules.running(p.getPromotion(), at) && !PromotionRules.usedUp(p)).findFirst();
  }

  @Override
  public List<CartDiscount> discounts(CartState cart, List<PricedCart.Line> undiscounted, Instant at) {
    List<PromotionState> tenant = promotionsOf.apply(cart.getTenantId());
    List<Promotion> candidates = new ArrayList<>();
    tenant.stream().filter(p -> p.getPromotion().getCode() == null)
        .filter(p -> PromotionRules.running(p.getPromotion(), at) && !PromotionRules.usedUp(p))
        .map(PromotionState::getPromotion).sorted(Comparator.comparing(Promotion::getPromotionId)).forEach(candidates::add);
    for (String code : cart.getCouponCodes()) {
      byCode(tenant, code, at).map(PromotionState::getPromotion)
          .filter(p -> candidates.stream().noneMatch(c -> c.getPromotionId().equals(p.getPromotionId())))
          .ifPresent(candidates::add);
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    long subtotal = undiscounted.stream().mapToLong(PricedCart.Line::amount).sum();
    Map<String, Long> taken = new HashMap<>();
    List<CartDiscount> discounts = new ArrayList<>();
    for (Promotion promotion : candidates) {
      List<PromotionRules.Line> lines = undiscounted.stream().filter(line -> line.unitPrice() != null).map(line -> {
        Product product = catalog.product(cart.getTenantId(), line.sku()).orElse(null);
        return new PromotionRules.Line(line.sku(), line.quantity(), line.unitPrice(),
            line.amount() - taken.getOrDefault(line.sku(), 0L), product == null ? null : product.getVendorId(),
            product == null ? List.of() : product.getCategoryIds());
      }).toList();
      if (!PromotionRules.applies(promotion, cart.getCurrency(), subtotal, lines)) {
        continue;
      }
      PromotionRules.Discount discount = PromotionRules.discount(promotion, cart.getCurrency(), subtotal, lines);
      if (discount.amount() == 0 && !PromotionRules.Type.FREE_SHIPPING.name().equals(promotion.getType())) {
        continue;
      }
      discount.bySku().forEach((sku, share) -> taken.merge(sku, share, Math::addExact));
      discounts.add(new CartDiscount(promotion.getPromotionId(), promotion.getCode(), discount.amount(), discount.bySku()));
    }
    return discounts;
  }
}
