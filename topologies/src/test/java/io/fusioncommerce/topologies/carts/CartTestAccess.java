package io.fusioncommerce.topologies.carts;

import io.fusioncommerce.schemas.carts.ApplyCoupon;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.promotions.Promotion;
import io.fusioncommerce.schemas.promotions.PromotionState;
import io.fusioncommerce.topologies.orders.SagaHarness;
import java.nio.file.Path;
import java.time.Instant;

/** The cart harness for tests of other packages (the promotion tests drive carts through their checkout). */
public final class CartTestAccess implements AutoCloseable {

  public static final Instant T0 = SagaHarness.T0;

  private final CartHarness carts;

  private CartTestAccess(CartHarness carts) {
    this.carts = carts;
  }

  public static CartTestAccess start(Path dir) {
    return new CartTestAccess(new CartHarness(dir));
  }

  public void product(String tenant, String sku, long price, String currency, String vendor) {
    carts.product(tenant, sku, price, currency, vendor);
  }

  public void stock(String tenant, String sku, long units) {
    carts.stock(tenant, sku, units);
  }

  public void promotion(Promotion promotion) {
    carts.promotion(promotion);
  }

  public void withoutRiskAssessment() {
    carts.riskAssessed = false;
  }

  public void as(String customer) {
    carts.customer = customer;
  }

  public void create(String tenant, String cartId, String currency) {
    carts.create(tenant, cartId, currency);
  }

  public void set(String tenant, String cartId, String sku, long quantity) {
    carts.set(tenant, cartId, sku, quantity);
  }

  public void coupon(String tenant, String cartId, String code) {
    carts.command(tenant, cartId, new ApplyCoupon(code));
  }

  /** Applies the code and answers the cart's refusal (null: applied). */
  public String couponRefusal(String tenant, String cartId, String code) {
    coupon(tenant, cartId, code);
    return carts.cart(tenant, cartId).getLastRefusal();
  }

  public void checkout(String tenant, String cartId, String orderId) {
    carts.checkout(tenant, cartId, orderId, "US", null);
  }

  /** A cart with one unit of {@code sku} and a coupon, written without moving anything on. */
  public void pipeFilledCart(String tenant, String cartId, String sku, String code) {
    carts.pipe(tenant, cartId, new io.fusioncommerce.schemas.carts.CreateCart(cartId, carts.customer, "USD", "hash-" + cartId));
    carts.pipe(tenant, cartId, new io.fusioncommerce.schemas.carts.SetCartItem(sku, 1L));
    carts.pipe(tenant, cartId, new ApplyCoupon(code));
  }

  public java.util.List<String> couponCodes(String tenant, String cartId) {
    return carts.cart(tenant, cartId).getCouponCodes();
  }

  public void pipeCheckout(String tenant, String cartId, String orderId) {
    carts.pipe(tenant, cartId, carts.checkoutCommand(orderId, "US", null));
  }

  public void relay() {
    carts.relay();
  }

  public void cancel(String tenant, String orderId) {
    carts.saga.cancel(tenant, orderId, "changed my mind");
    carts.relay();
  }

  public OrderState order(String tenant, String orderId) {
    return carts.saga.order(tenant, orderId);
  }

  public long reserved(String tenant, String sku) {
    return carts.saga.reserved(tenant, sku);
  }

  public long redemptions(String tenant, String promotionId) {
    return carts.promotionState(tenant, promotionId).getRedemptions();
  }

  public Long redemptionsOrNull(String tenant, String promotionId) {
    PromotionState state = carts.promotionState(tenant, promotionId);
    return state == null ? null : state.getRedemptions();
  }

  @Override
  public void close() {
    carts.close();
  }
}
