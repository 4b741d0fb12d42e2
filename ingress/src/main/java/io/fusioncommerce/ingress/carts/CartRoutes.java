package io.fusioncommerce.ingress.carts;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.ProductRules;
import io.fusioncommerce.ingress.commands.Actors;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.commands.IdempotentCreate;
import io.fusioncommerce.ingress.commands.RequestHash;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.orders.ShippingAddresses;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.ingress.query.StoreReader;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.carts.ApplyCoupon;
import io.fusioncommerce.schemas.carts.CartCommand;
import io.fusioncommerce.schemas.carts.RemoveCoupon;
import io.fusioncommerce.schemas.carts.CartKey;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.ingress.orders.OrderEmails;
import io.fusioncommerce.schemas.carts.CheckoutCart;
import io.fusioncommerce.schemas.carts.CreateCart;
import io.fusioncommerce.schemas.carts.SetCartItem;
import io.fusioncommerce.schemas.carts.SetCartShippingAddress;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.fusioncommerce.topologies.carts.CartBook;
import io.fusioncommerce.topologies.carts.CartPricer;
import io.fusioncommerce.topologies.carts.CartTopology;
import io.fusioncommerce.topologies.carts.PromotionOffers;
import io.fusioncommerce.topologies.promotions.PromotionRules;
import io.fusioncommerce.topologies.orders.OrderStatus;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * Carts over HTTP. Every change is a command to the cart topology written on the instance that owns the
 * cart, which then waits (without holding a thread, see LongPoll) until the cart names that command as
 * applied or refused, and answers with the cart priced now, or with the refusal. The route checks what it
 * can first (the caller's right to the cart, the SKU, the quantity, the number of lines) so a bad request
 * changes nothing; the topology checks again where it holds. A customer sees and changes its own carts
 * only; staff (admin, operator) every cart of the tenant; anyone else is told the cart does not exist.
 */
public final class CartRoutes implements ApiModule {

  static final KeyedStore<CartKey, CartState> CARTS = KeyedStore.of(CartTopology.CONTEXT, CartTopology.CART_STORE, CartKey.class);
  private static final Pattern CART_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final IdempotentCreate<CartKey, CartState> CREATE =
      new IdempotentCreate<>(CARTS, cart -> true, CartState::getRequestHash, "cart");
  /** How long a change waits for the cart topology to apply it before answering 503. */
  static final Duration APPLY_WAIT = Duration.ofSeconds(10);

  private final boolean fraudScoring;

  /** @param fraudScoring whether checked-out orders wait for their fraud score (FUSION_FRAUD_SCORING) */
  public CartRoutes(boolean fraudScoring) {
    this.fraudScoring = fraudScoring;
  }

  /** Answer of a checkout (202). */
  public record CheckoutAccepted(String orderId, String status) {}

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.post("/v1/carts", ctx -> create(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Carts").summary("Open a cart for a customer in a currency (a customer only its own)")
        .body(CartRequests.CreateCartRequest.class).idempotent()
        .response(201, CartView.class, "The cart")
        .problem(403, "A customer opening a cart for someone else");
    routes.get("/v1/carts/{cartId}", ctx -> get(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Carts").summary("A cart, priced now: catalog or dynamic price, promotions, and tax once it has a shipping address")
        .longPoll()
        .response(200, CartView.class, "The cart");
    routes.put("/v1/carts/{cartId}/items/{sku}", ctx -> setItem(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Carts").summary("Set how many units of a SKU the cart holds (0 removes the line)")
        .description("At most " + CartBook.MAX_QUANTITY + " units of a SKU and " + CartBook.MAX_LINES + " lines. "
            + "Answers with the cart once the change is applied.")
        .body(CartRequests.SetItemRequest.class)
        .response(200, CartView.class, "The cart with the change")
        .problem(404, "No such cart, or no such product")
        .problem(409, "The cart was checked out");
    routes.put("/v1/carts/{cartId}/shipping-address", ctx -> setAddress(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Carts").summary("Where the cart goes: its tax is computed from the country and region from now on")
        .body(CartRequests.ShippingAddressRequest.class)
        .response(200, CartView.class, "The cart, taxed");
    routes.post("/v1/carts/{cartId}/coupons", ctx -> applyCoupon(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Carts").summary("Apply a coupon code; its promotion is redeemed when the cart is checked out")
        .description("At most " + CartBook.MAX_COUPONS + " codes. The usage limit is exact at checkout: an order whose "
            + "promotion was used up meanwhile is REJECTED with PROMOTION_UNAVAILABLE.")
        .body(CartRequests.CouponRequest.class)
        .response(200, CartView.class, "The cart with the discount")
        .problem(422, "The code is unknown, expired or used up");
    routes.delete("/v1/carts/{cartId}/coupons/{code}", ctx -> removeCoupon(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Carts").summary("Take a coupon code off the cart")
        .response(200, CartView.class, "The cart");
    routes.post("/v1/carts/{cartId}/checkout", ctx -> checkout(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Carts").summary("Check the cart out: the order is placed through the order saga with the cart's prices, discounts and tax")
        .description("Once per cart: a second checkout answers the same orderId. GET the order (with ?waitMs=) to see "
            + "it settle (CONFIRMED, or REJECTED with its reason).")
        .body(CartRequests.CheckoutRequest.class)
        .response(202, CheckoutAccepted.class, "Accepted; Location is the order")
        .problem(422, "The cart is empty, or a line can no longer be ordered");
  }

  // ------------------------------------------------------------------ create

  private void create(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CartRequests.CreateCartRequest request = api.bodies().read(ctx, CartRequests.CreateCartRequest.class);
    try {
      Currency.getInstance(request.currency());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("currency", "not an ISO-4217 currency");
    }
    if (!isStaff(principal) && !principal.subject().equals(request.customerId())) {
      throw ApiException.forbidden("a customer can only open a cart for itself");
    }
    String cartId = CommandIds.forRequest(ctx, principal, "create-cart");
    String hash = RequestHash.of(request);
    CartKey key = new CartKey(principal.tenantId(), cartId);
    CREATE.run(ctx, api, key, hash, existing -> created(ctx, api, existing),
        () -> api.atOwner(ctx, CARTS, key, local -> {
          CartCommand command = command(ctx, api, principal, EventIds.derive(cartId, "create-cart"),
              new CreateCart(cartId, request.customerId(), request.currency(), hash));
          ctx.future(() -> apply(ctx, api, local, key, command).thenAccept(cart -> {
            if (!cart.getRequestHash().equals(hash)) {
              throw new ApiException(422, "idempotency-key-reused", "Idempotency-Key reused",
                  "this Idempotency-Key was used for a different cart", List.of());
            }
            created(ctx, api, cart);
          }));
        }));
  }

  private static void created(Context ctx, ApiContext api, CartState cart) {
    ctx.status(201).header("Location", "/v1/carts/" + cart.getCartId()).json(view(api, cart));
  }

  // ------------------------------------------------------------------ read

  private void get(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CartKey key = key(ctx, principal);
    api.serve(ctx, CARTS, key, cart -> new ReadParameters.Seen(cart.getVersion(), cart.getStatus()),
        cart -> view(api, visible(principal, cart)), "no cart " + key.getCartId());
  }

  // ------------------------------------------------------------------ change

  private void setItem(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CartKey key = key(ctx, principal);
    String sku = PathParams.matching(ctx, "sku", ProductRules.SKU, "not a valid SKU");
    CartRequests.SetItemRequest request = api.bodies().read(ctx, CartRequests.SetItemRequest.class);
    change(ctx, api, principal, key, cart -> {
      if (request.quantity() > 0) {
        if (CartPricer.unitPrice(cart, sku, prices(api).catalog()).isEmpty()) {
          throw ApiException.notFound("no product " + sku + " to buy in " + cart.getCurrency());
        }
        boolean newLine = cart.getLines().stream().noneMatch(line -> line.getSku().equals(sku));
        if (newLine && cart.getLines().size() >= CartBook.MAX_LINES) {
          throw ApiException.invalidField("sku", "a cart holds at most " + CartBook.MAX_LINES + " lines");
        }
      }
      return new SetCartItem(sku, request.quantity());
    });
  }

  private void setAddress(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CartKey key = key(ctx, principal);
    CartRequests.ShippingAddressRequest request = api.bodies().read(ctx, CartRequests.ShippingAddressRequest.class);
    change(ctx, api, principal, key,
        cart -> new SetCartShippingAddress(ShippingAddresses.address(request.shippingAddress())));
  }

  /** A change to an open cart the caller may touch: written, applied, and answered with the cart (200). */
  private void change(Context ctx, ApiContext api, Principal principal, CartKey key,
      java.util.function.Function<CartState, SpecificRecord> body) {
    api.atOwner(ctx, CARTS, key, local -> {
      CartState cart = current(local, principal, key);
      if (!CartBook.Status.OPEN.name().equals(cart.getStatus())) {
        throw ApiException.conflict("the cart was checked out (order " + cart.getOrderId() + ")");
      }
      CartCommand command = command(ctx, api, principal, CommandIds.forRequest(ctx, principal, "cart:" + key.getCartId()),
          body.apply(cart));
      ctx.future(() -> apply(ctx, api, local, key, command).thenAccept(applied -> {
        refusal(applied);
        ctx.json(view(api, applied));
      }));
    });
  }

  private void applyCoupon(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CartKey key = key(ctx, principal);
    CartRequests.CouponRequest request = api.bodies().read(ctx, CartRequests.CouponRequest.class);
    change(ctx, api, principal, key, cart -> {
      if (!cart.getCouponCodes().contains(request.code())) {
        if (PromotionOffers.byCode(prices(api).promotions(key.getTenantId()), request.code(), api.clock().instant()).isEmpty()) {
          throw couponUnavailable();
        }
        if (cart.getCouponCodes().size() >= CartBook.MAX_COUPONS) {
          throw ApiException.invalidField("code", "a cart carries at most " + CartBook.MAX_COUPONS + " coupons");
        }
      }
      return new ApplyCoupon(request.code());
    });
  }

  private void removeCoupon(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CartKey key = key(ctx, principal);
    String code = PathParams.matching(ctx, "code", PromotionRules.CODE, "not a coupon code");
    change(ctx, api, principal, key, cart -> new RemoveCoupon(code));
  }

  static ApiException couponUnavailable() {
    return new ApiException(422, "coupon-unavailable", "Coupon unavailable", "the code is unknown, expired or used up",
        List.of(new FieldError("code", "unknown, expired or used up")));
  }

  // ------------------------------------------------------------------ checkout

  private void checkout(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CartKey key = key(ctx, principal);
    CartRequests.CheckoutRequest request = api.bodies().read(ctx, CartRequests.CheckoutRequest.class);
    String email = OrderEmails.of(request.email(), principal);
    api.atOwner(ctx, CARTS, key, local -> {
      CartState cart = current(local, principal, key);
      if (CartBook.Status.CHECKED_OUT.name().equals(cart.getStatus())) {
        checkedOut(ctx, cart.getOrderId()); // once per cart: the order it placed
        return;
      }
      if (cart.getLines().isEmpty()) {
        throw ApiException.invalidField("items", "the cart is empty");
      }
      var catalog = prices(api).catalog();
      List<FieldError> gone = cart.getLines().stream()
          .filter(line -> CartPricer.unitPrice(cart, line.getSku(), catalog).isEmpty())
          .map(line -> new FieldError("items", line.getSku() + " can no longer be ordered; remove it")).toList();
      if (!gone.isEmpty()) {
        throw new ApiException(422, "validation", "Invalid request", "The cart cannot be checked out.", gone);
      }
      String orderId = orderIdOf(key);
      CartCommand command = command(ctx, api, principal, EventIds.derive(orderId, "checkout"),
          CheckoutCart.newBuilder().setOrderId(orderId)
              .setShippingAddress(ShippingAddresses.address(request.shippingAddress()))
              .setRiskAssessmentRequested(fraudScoring).setEmail(email).build());
      ctx.future(() -> apply(ctx, api, local, key, command).thenAccept(applied -> {
        if (CartBook.Status.CHECKED_OUT.name().equals(applied.getStatus())) {
          checkedOut(ctx, applied.getOrderId());
          return;
        }
        refusal(applied);
        throw ApiException.unavailable("the checkout was not applied; retry");
      }));
    });
  }

  /** The order a cart's checkout places: derived from the cart, so every checkout of it names the same order. */
  static String orderIdOf(CartKey key) {
    return EventIds.derive(key.getTenantId() + "/" + key.getCartId(), "cart-order");
  }

  private static void checkedOut(Context ctx, String orderId) {
    ctx.status(202).header("Location", "/v1/orders/" + orderId)
        .json(new CheckoutAccepted(orderId, OrderStatus.CREATED.name()));
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Writes {@code command} and completes with the cart once the topology names the command as applied or
   * refused (an unavailable answer when it does not within {@link #APPLY_WAIT}).
   */
  private static CompletableFuture<CartState> apply(Context ctx, ApiContext api, StoreReader.Local local, CartKey key,
      CartCommand command) {
    return api.commands().send(Topics.CART_COMMANDS, key, command, ctx)
        .thenCompose(sent -> api.stores().longPoll().until(() -> local.<CartState>get(CartTopology.CART_STORE),
            cart -> cart.filter(c -> answered(c, command.getCommandId())).isPresent(),
            APPLY_WAIT, CartTopology.CART_STORE, key))
        .thenApply(cart -> cart.filter(c -> answered(c, command.getCommandId()))
            .orElseThrow(() -> ApiException.unavailable("the cart did not answer in time; retry")));
  }

  /**
   * Whether the cart answered {@code commandId}: it is the last command (applied or refused), or one of the
   * recent applied ones (another command on the same cart came right after it).
   */
  static boolean answered(CartState cart, String commandId) {
    return commandId.equals(cart.getLastCommandId()) || cart.getRecentCommandIds().contains(commandId);
  }

  private static CartCommand command(Context ctx, ApiContext api, Principal principal, String commandId,
      SpecificRecord body) {
    return RequestContext.cause(ctx, Actors.of(principal), api.clock().instant())
        .command(new CartCommand(), commandId, body);
  }

  /** The cart as the caller may see it, or 404. */
  private static CartState current(StoreReader.Local local, Principal principal, CartKey key) {
    return local.<CartState>get(CartTopology.CART_STORE).map(cart -> visible(principal, cart))
        .orElseThrow(() -> notFound(key.getCartId()));
  }

  /** A customer's own cart, or any cart for staff; anyone else is told it does not exist. */
  static CartState visible(Principal principal, CartState cart) {
    if (isStaff(principal) || (principal.has(Role.CUSTOMER) && principal.subject().equals(cart.getCustomerId()))) {
      return cart;
    }
    throw notFound(cart.getCartId());
  }

  /** A refusal the topology named (a race the route's checks could not see): its answer. */
  static void refusal(CartState applied) {
    String refusal = applied.getLastRefusal();
    if (refusal == null) {
      return;
    }
    throw switch (refusal) {
      case CartBook.Refusals.UNKNOWN_SKU -> ApiException.notFound("no such product to buy in " + applied.getCurrency());
      case CartBook.Refusals.QUANTITY_OUT_OF_RANGE ->
          ApiException.invalidField("quantity", "must be between 0 and " + CartBook.MAX_QUANTITY);
      case CartBook.Refusals.TOO_MANY_LINES ->
          ApiException.invalidField("sku", "a cart holds at most " + CartBook.MAX_LINES + " lines");
      case CartBook.Refusals.EMPTY_CART -> ApiException.invalidField("items", "the cart is empty");
      case CartBook.Refusals.COUPON_UNAVAILABLE -> couponUnavailable();
      case CartBook.Refusals.TOO_MANY_COUPONS ->
          ApiException.invalidField("code", "a cart carries at most " + CartBook.MAX_COUPONS + " coupons");
      case CartBook.Refusals.CHECKED_OUT -> ApiException.conflict("the cart was checked out");
      default -> ApiException.conflict("the cart refused the change: " + refusal);
    };
  }

  private static boolean isStaff(Principal principal) {
    return principal.hasAny(Role.ADMIN, Role.OPERATOR);
  }

  private static CartView view(ApiContext api, CartState cart) {
    return CartView.of(cart, prices(api).price(cart, api.clock().instant()));
  }

  private static CartPrices prices(ApiContext api) {
    return new CartPrices(api.stores().queries());
  }

  private static CartKey key(Context ctx, Principal principal) {
    return new CartKey(principal.tenantId(), PathParams.matching(ctx, "cartId", CART_ID, "not a cart id"));
  }

  static ApiException notFound(String cartId) {
    return ApiException.notFound("no cart " + cartId);
  }
}
