package io.fusioncommerce.topologies.promotions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStateLine;
import io.fusioncommerce.schemas.promotions.Promotion;
import io.fusioncommerce.schemas.promotions.PromotionScope;
import io.fusioncommerce.topologies.carts.CartTestAccess;
import io.fusioncommerce.topologies.orders.OrderBook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotions redeemed inside the order saga, beside the cart topology: a coupon's usage limit is exact under
 * a race of checkouts, a cancelled order gives its redemption back, per-customer limits hold, and the order
 * keeps the discount split over its lines.
 */
class PromotionTopologyTest {

  static final String ACME = "acme";

  @TempDir Path dir;
  CartTestAccess carts;

  @BeforeEach
  void start() {
    carts = CartTestAccess.start(dir);
    carts.product(ACME, "KETTLE", 5000, "USD", "v1");
    carts.product(ACME, "MUG", 999, "USD", "v2");
    carts.stock(ACME, "KETTLE", 5000);
    carts.stock(ACME, "MUG", 5000);
  }

  @AfterEach
  void stop() {
    carts.close();
  }

  static Promotion.Builder promotion(String id, String code, String type, long value) {
    return Promotion.newBuilder().setTenantId(ACME).setPromotionId(id).setCode(code).setType(type).setValue(value)
        .setAppliesTo(new PromotionScope(List.of(), List.of(), null)).setCurrency("USD")
        .setStartsAt(CartTestAccess.T0.minusSeconds(60)).setEndsAt(CartTestAccess.T0.plus(Duration.ofDays(7)))
        .setCreatedBy("admin").setCreatedAt(CartTestAccess.T0);
  }

  @Test
  void aThousandConcurrentCheckoutsAgainstALimitOfAHundredRedeemExactlyAHundredAndCancellationsGiveThemBack() {
    carts.promotion(promotion("p-welcome", "WELCOME10", "PERCENT_OFF", 10).setUsageLimit(100L).build());
    carts.withoutRiskAssessment();
    int buyers = 1000;
    for (int i = 0; i < buyers; i++) {
      carts.as("buyer-" + i);
      carts.pipeFilledCart(ACME, "cart-" + i, "MUG", "WELCOME10");
    }
    carts.relay();
    assertThat(carts.couponCodes(ACME, "cart-999")).containsExactly("WELCOME10");
    // every cart still sees the coupon as available: they all check out at once
    for (int i = 0; i < buyers; i++) {
      carts.as("buyer-" + i);
      carts.pipeCheckout(ACME, "cart-" + i, "order-" + i);
    }
    carts.relay();

    List<OrderState> orders = IntStream.range(0, buyers).mapToObj(i -> carts.order(ACME, "order-" + i)).toList();
    List<OrderState> confirmed = orders.stream().filter(o -> "CONFIRMED".equals(o.getStatus())).toList();
    List<OrderState> rejected = orders.stream().filter(o -> "REJECTED".equals(o.getStatus())).toList();
    assertThat(confirmed).hasSize(100);
    assertThat(rejected).hasSize(900).allMatch(o -> OrderBook.Reasons.PROMOTION_UNAVAILABLE.equals(o.getRejectionReason()));
    assertThat(carts.redemptions(ACME, "p-welcome")).isEqualTo(100);
    // every confirmed order has the 10 % off its mug, and the rejected ones gave their stock back
    assertThat(confirmed).allMatch(o -> o.getDiscounts().equals(new Money(99L, "USD")) // 10 % of 9.99, rounded down
        && o.getTotal().equals(new Money(900L, "USD")));
    assertThat(carts.reserved(ACME, "MUG")).isEqualTo(100);

    // ten buyers cancel: their redemptions come back, and ten more can be redeemed
    confirmed.stream().limit(10).forEach(o -> carts.cancel(ACME, o.getOrderId()));
    assertThat(carts.redemptions(ACME, "p-welcome")).isEqualTo(90);
    carts.as("late-buyer");
    carts.create(ACME, "cart-late", "USD");
    carts.set(ACME, "cart-late", "MUG", 1);
    carts.coupon(ACME, "cart-late", "WELCOME10");
    carts.checkout(ACME, "cart-late", "order-late");
    assertThat(carts.order(ACME, "order-late").getStatus()).isEqualTo("CONFIRMED");
    assertThat(carts.redemptions(ACME, "p-welcome")).isEqualTo(91);
  }

  @Test
  void aCustomerRedeemsAtMostItsLimitAndARejectedOrderGivesItsRedemptionBack() {
    carts.promotion(promotion("p-once", "ONCE", "AMOUNT_OFF", 500).setPerCustomerLimit(1L).build());
    carts.as("ada");
    carts.create(ACME, "cart-1", "USD");
    carts.set(ACME, "cart-1", "KETTLE", 1);
    carts.coupon(ACME, "cart-1", "ONCE");
    carts.checkout(ACME, "cart-1", "order-1");
    assertThat(carts.order(ACME, "order-1").getStatus()).isEqualTo("CONFIRMED");
    assertThat(carts.order(ACME, "order-1").getTotal()).isEqualTo(new Money(4500L, "USD"));

    carts.create(ACME, "cart-2", "USD");
    carts.set(ACME, "cart-2", "KETTLE", 1);
    carts.coupon(ACME, "cart-2", "ONCE");
    carts.checkout(ACME, "cart-2", "order-2");
    assertThat(carts.order(ACME, "order-2").getStatus()).isEqualTo("REJECTED");
    assertThat(carts.order(ACME, "order-2").getRejectionReason()).isEqualTo(OrderBook.Reasons.PROMOTION_UNAVAILABLE);
    assertThat(carts.order(ACME, "order-2").getPromotions().getFirst().getRefusalReason())
        .isEqualTo(PromotionRules.Reasons.CUSTOMER_LIMIT_REACHED);
    assertThat(carts.redemptions(ACME, "p-once")).isEqualTo(1);

    // an order rejected for its stock gives the redemption back
    carts.as("bob");
    carts.product(ACME, "RARE", 5000, "USD", "v1");
    carts.stock(ACME, "RARE", 1);
    carts.create(ACME, "cart-3", "USD");
    carts.set(ACME, "cart-3", "RARE", 2);
    carts.coupon(ACME, "cart-3", "ONCE");
    carts.checkout(ACME, "cart-3", "order-3");
    assertThat(carts.order(ACME, "order-3").getStatus()).isEqualTo("REJECTED");
    assertThat(carts.order(ACME, "order-3").getRejectionReason()).isEqualTo(OrderBook.Reasons.INSUFFICIENT_STOCK);
    assertThat(carts.redemptions(ACME, "p-once")).isEqualTo(1);
  }

  @Test
  void theDiscountIsSplitOverTheLinesAndUnknownOrEndedCouponsAreRefused() {
    carts.promotion(promotion("p-3off", "THREEOFF", "AMOUNT_OFF", 300).build());
    carts.promotion(promotion("p-ended", "ENDED", "PERCENT_OFF", 50).setEndsAt(CartTestAccess.T0.minusSeconds(1)).build());
    carts.promotion(promotion("p-mugs", null, "BUY_X_GET_Y", 0).setBuyQuantity(2).setGetQuantity(1)
        .setAppliesTo(new PromotionScope(List.of("MUG"), List.of(), null)).build());
    carts.create(ACME, "cart-1", "USD");
    carts.set(ACME, "cart-1", "KETTLE", 1);
    carts.set(ACME, "cart-1", "MUG", 3);
    assertThat(carts.couponRefusal(ACME, "cart-1", "NOSUCHCODE")).isEqualTo("COUPON_UNAVAILABLE");
    assertThat(carts.couponRefusal(ACME, "cart-1", "ENDED")).isEqualTo("COUPON_UNAVAILABLE");
    assertThat(carts.couponRefusal(ACME, "cart-1", "THREEOFF")).isNull();
    carts.checkout(ACME, "cart-1", "order-1");

    OrderState order = carts.order(ACME, "order-1");
    assertThat(order.getStatus()).isEqualTo("CONFIRMED");
    // automatic buy-2-get-1 on mugs first: one mug free (999); then 3.00 off what is left (5000 + 1998)
    assertThat(order.getDiscounts()).isEqualTo(new Money(999L + 300L, "USD"));
    long lineDiscounts = order.getLines().stream().map(OrderStateLine::getDiscount).mapToLong(Money::getAmount).sum();
    assertThat(lineDiscounts).isEqualTo(1299);
    assertThat(order.getTotal()).isEqualTo(new Money(5000L + 2997L - 1299L, "USD"));
    assertThat(order.getPromotions()).extracting(p -> p.getPromotionId() + ":" + p.getRedemption())
        .containsExactly("p-mugs:REDEEMED", "p-3off:REDEEMED");
    assertThat(carts.redemptions(ACME, "p-mugs")).isEqualTo(1);
  }

  @Test
  void aPromotionWithBadTermsIsNotCreated() {
    assertThat(PromotionRules.check(promotion("p", "OK1", "PERCENT_OFF", 101).build()))
        .extracting(PromotionRules.Problem::field).containsExactly("value");
    assertThat(PromotionRules.check(promotion("p", "bad code", "AMOUNT_OFF", 0).build()))
        .extracting(PromotionRules.Problem::field).containsExactly("code", "value");
    assertThat(PromotionRules.check(promotion("p", null, "BUY_X_GET_Y", 0).build()))
        .extracting(PromotionRules.Problem::field).containsExactly("buyQuantity", "getQuantity");
    assertThat(PromotionRules.check(promotion("p", null, "NOPE", 1).build()))
        .extracting(PromotionRules.Problem::field).containsExactly("type");
    carts.promotion(promotion("p-bad", "BAD", "PERCENT_OFF", 500).build());
    assertThat(carts.redemptionsOrNull(ACME, "p-bad")).isNull();
  }
}
