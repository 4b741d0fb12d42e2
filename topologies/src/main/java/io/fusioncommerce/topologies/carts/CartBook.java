package io.fusioncommerce.topologies.carts;

import io.fusioncommerce.schemas.carts.CartLine;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.schemas.carts.CheckoutCart;
import io.fusioncommerce.schemas.carts.CreateCart;
import io.fusioncommerce.schemas.carts.SetCartItem;
import io.fusioncommerce.schemas.carts.SetCartShippingAddress;
import io.fusioncommerce.topologies.orders.OrderBook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a cart's life. Pure: the current state and a command in, the next state (or why the
 * command is refused) out. The ingress checks the same rules first so a client hears of a refusal at
 * once; they are checked again here, on the partition that owns the cart, where they hold.
 */
public final class CartBook {

  /** Units of one SKU a cart may hold. */
  public static final long MAX_QUANTITY = 999;
  /** Distinct SKUs a cart may hold. */
  public static final int MAX_LINES = 100;
  /** Coupon codes a cart may carry. */
  public static final int MAX_COUPONS = 5;

  public enum Status { OPEN, CHECKED_OUT }

  /** Why a command was refused. */
  public static final class Refusals {
    public static final String NO_CART = "NO_CART";
    public static final String CART_EXISTS = "CART_EXISTS";
    public static final String CHECKED_OUT = "CHECKED_OUT";
    public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
    public static final String QUANTITY_OUT_OF_RANGE = "QUANTITY_OUT_OF_RANGE";
    public static final String TOO_MANY_LINES = "TOO_MANY_LINES";
    public static final String EMPTY_CART = "EMPTY_CART";
    /** No running promotion has the code, or it is used up. */
    public static final String COUPON_UNAVAILABLE = "COUPON_UNAVAILABLE";
    public static final String TOO_MANY_COUPONS = "TOO_MANY_COUPONS";

    private Refusals() {}
  }

  private CartBook() {}

  /**
   * The outcome of a command: the next state (null when nothing changes), or a refusal; {@code checkedOut}
   * when this command checked the cart out (the processor then places the order).
   */
  public record Decision(CartState next, String refusal, boolean checkedOut) {
    static Decision to(CartState next) {
      return new Decision(next, null, false);
    }

    static Decision refused(String refusal) {
      return new Decision(null, refusal, false);
    }

    static Decision none() {
      return new Decision(null, null, false);
    }
  }

  public static Decision create(CartState current, String tenantId, CreateCart create, Instant at) {
    if (current != null) {
      return current.getRequestHash().equals(create.getRequestHash()) ? Decision.none() // a retry
          : Decision.refused(Refusals.CART_EXISTS);
    }
    return Decision.to(CartState.newBuilder().setTenantId(tenantId).setCartId(create.getCartId())
        .setCustomerId(create.getCustomerId()).setCurrency(create.getCurrency()).setLines(List.of())
        .setStatus(Status.OPEN.name()).setRequestHash(create.getRequestHash())
        .setCreatedAt(at).setUpdatedAt(at).setLastActivityAt(at).setVersion(1).build());
  }

  /** Sets a line's quantity (0 removes it); the SKU must be orderable in the cart's currency to be added. */
  public static Decision setItem(CartState current, SetCartItem item, OrderBook.Catalog catalog, Instant at) {
    String refusal = openRefusal(current);
    if (refusal != null) {
      return Decision.refused(refusal);
    }
    if (item.getQuantity() < 0 || item.getQuantity() > MAX_QUANTITY) {
      return Decision.refused(Refusals.QUANTITY_OUT_OF_RANGE);
    }
    List<CartLine> lines = new ArrayList<>(current.getLines());
    int index = indexOf(lines, item.getSku());
    if (item.getQuantity() == 0) {
      if (index < 0) {
        return Decision.to(touch(current, at).build()); // removing what is not there: the cart is as asked
      }
      lines.remove(index);
      return Decision.to(touch(current, at).setLines(lines).build());
    }
    if (CartPricer.unitPrice(current, item.getSku(), catalog).isEmpty()) {
      return Decision.refused(Refusals.UNKNOWN_SKU);
    }
    if (index >= 0) {
      lines.set(index, new CartLine(item.getSku(), item.getQuantity()));
    } else if (lines.size() >= MAX_LINES) {
      return Decision.refused(Refusals.TOO_MANY_LINES);
    } else {
      lines.add(new CartLine(item.getSku(), item.getQuantity()));
    }
    return Decision.to(touch(current, at).setLines(lines).build());
  }

  /** Applies a coupon code that {@code available} says a running promotion has (once; at most {@link #MAX_COUPONS}). */
  public static Decision applyCoupon(CartState current, String code, java.util.function.Predicate<String> available,
      Instant at) {
    String refusal = openRefusal(current);
    if (refusal != null) {
      return Decision.refused(refusal);
    }
    if (current.getCouponCodes().contains(code)) {
      return Decision.to(touch(current, at).build());
    }
    if (!available.test(code)) {
      return Decision.refused(Refusals.COUPON_UNAVAILABLE);
    }
    if (current.getCouponCodes().size() >= MAX_COUPONS) {
      return Decision.refused(Refusals.TOO_MANY_COUPONS);
    }
    List<String> codes = new ArrayList<>(current.getCouponCodes());
    codes.add(code);
    return Decision.to(touch(current, at).setCouponCodes(codes).build());
  }

  public static Decision removeCoupon(CartState current, String code, Instant at) {
    String refusal = openRefusal(current);
    if (refusal != null) {
      return Decision.refused(refusal);
    }
    List<String> codes = new ArrayList<>(current.getCouponCodes());
    codes.remove(code);
    return Decision.to(touch(current, at).setCouponCodes(codes).build());
  }

  public static Decision shippingAddress(CartState current, SetCartShippingAddress address, Instant at) {
    String refusal = openRefusal(current);
    return refusal != null ? Decision.refused(refusal)
        : Decision.to(touch(current, at).setShippingAddress(address.getShippingAddress()).build());
  }

  /**
   * Checks the cart out once: a second checkout (the same order id) changes nothing, and the route answers
   * it with the order the first one placed.
   */
  public static Decision checkout(CartState current, CheckoutCart checkout, Instant at) {
    if (current == null) {
      return Decision.refused(Refusals.NO_CART);
    }
    if (Status.CHECKED_OUT.name().equals(current.getStatus())) {
      return checkout.getOrderId().equals(current.getOrderId()) ? Decision.none() : Decision.refused(Refusals.CHECKED_OUT);
    }
    if (current.getLines().isEmpty()) {
      return Decision.refused(Refusals.EMPTY_CART);
    }
    return new Decision(touch(current, at).setStatus(Status.CHECKED_OUT.name()).setOrderId(checkout.getOrderId())
        .setShippingAddress(checkout.getShippingAddress()).build(), null, true);
  }

  /**
   * Whether the cart was left idle for {@code idle} at {@code now} and has not been reported for this idle
   * period yet (an open cart with lines; any activity starts a new period).
   */
  public static boolean abandoned(CartState cart, Duration idle, Instant now) {
    return cart != null && Status.OPEN.name().equals(cart.getStatus()) && !cart.getLines().isEmpty()
        && !cart.getAbandonedNotified() && !cart.getLastActivityAt().plus(idle).isAfter(now);
  }

  private static String openRefusal(CartState current) {
    if (current == null) {
      return Refusals.NO_CART;
    }
    return Status.OPEN.name().equals(current.getStatus()) ? null : Refusals.CHECKED_OUT;
  }

  private static int indexOf(List<CartLine> lines, String sku) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).getSku().equals(sku)) {
        return i;
      }
    }
    return -1;
  }

  /** A customer's change: a new version and a new idle period. */
  private static CartState.Builder touch(CartState current, Instant at) {
    return CartState.newBuilder(current).setUpdatedAt(at).setLastActivityAt(at).setAbandonedNotified(false)
        .setVersion(current.getVersion() + 1);
  }

  /** How many applied command ids a cart keeps (see CartState.recentCommandIds). */
  public static final int RECENT_COMMANDS = 16;

  /** {@code recent} with {@code commandId} added last, the oldest dropped beyond {@link #RECENT_COMMANDS}. */
  public static java.util.List<String> remember(java.util.List<String> recent, String commandId) {
    java.util.List<String> next = new java.util.ArrayList<>(recent);
    next.add(commandId);
    return java.util.List.copyOf(next.subList(Math.max(0, next.size() - RECENT_COMMANDS), next.size()));
  }
}
