package io.fusioncommerce.topologies.carts;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.carts.AbandonedCartLine;
import io.fusioncommerce.schemas.carts.ApplyCoupon;
import io.fusioncommerce.schemas.carts.RemoveCoupon;
import io.fusioncommerce.schemas.promotions.PromotionCommand;
import io.fusioncommerce.schemas.promotions.PromotionKey;
import io.fusioncommerce.schemas.promotions.PromotionState;
import io.fusioncommerce.schemas.promotions.RedeemPromotion;
import io.fusioncommerce.schemas.carts.CartAbandoned;
import io.fusioncommerce.schemas.carts.CartCommand;
import io.fusioncommerce.schemas.carts.CartKey;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.schemas.carts.CheckoutCart;
import io.fusioncommerce.schemas.carts.CreateCart;
import io.fusioncommerce.schemas.carts.SetCartItem;
import io.fusioncommerce.schemas.carts.SetCartShippingAddress;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.fusioncommerce.schemas.orders.AppliedPromotion;
import io.fusioncommerce.schemas.orders.CartPricedLine;
import io.fusioncommerce.schemas.orders.CartPricing;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.schemas.pricing.CurrentPrice;
import io.fusioncommerce.schemas.tax.TaxRates;
import io.fusioncommerce.schemas.tax.TaxRatesKey;
import io.fusioncommerce.topologies.orders.OrderPlacement;
import io.fusioncommerce.topologies.support.Arrival;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.tax.TaxRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies cart commands through {@link CartBook}, remembering on the cart the last command and whether it
 * was refused (the route that wrote it waits for that); places the order of a checkout through the order
 * saga's own protocol ({@link OrderPlacement}) with the cart's prices; and, on a wall-clock punctuator,
 * emits cart.abandoned for carts left idle (at most {@link #MAX_TIMERS_PER_PUNCTUATION} per run, each timer
 * deleted in the transaction that fires it, so none fires twice).
 */
final class CartProcessor implements Processor<CartKey, CartCommand, SpecificRecord, SpecificRecord> {

  static final Duration TIMER_SCAN_INTERVAL = Duration.ofSeconds(1);
  static final int MAX_TIMERS_PER_PUNCTUATION = 200;
  static final int MAX_PROMOTIONS_READ = 10_000;

  private final StoreChangeListener changes;
  private final Duration abandonAfter;
  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<CartKey, CartState> carts;
  private KeyValueStore<String, String> timers;
  private KeyValueStore<SkuKey, Product> products;
  private KeyValueStore<SkuKey, CurrentPrice> currentPrices;
  private KeyValueStore<TaxRatesKey, TaxRates> taxRates;
  private KeyValueStore<PromotionKey, PromotionState> promotions;
  private StoreCatalog catalog;
  private PromotionOffers offers;

  CartProcessor(StoreChangeListener changes, Duration abandonAfter) {
    this.changes = changes;
    this.abandonAfter = abandonAfter;
  }

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    carts = context.getStateStore(CartTopology.CART_STORE);
    timers = context.getStateStore(CartTopology.TIMER_STORE);
    products = context.getStateStore(CartTopology.PRODUCT_STORE);
    currentPrices = context.getStateStore(CartTopology.CURRENT_PRICE_STORE);
    taxRates = context.getStateStore(CartTopology.TAX_RATES_STORE);
    promotions = context.getStateStore(CartTopology.PROMOTION_STORE);
    catalog = new StoreCatalog(products::get, currentPrices::get);
    offers = new PromotionOffers(this::promotionsOf, catalog);
    context.schedule(TIMER_SCAN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> fireDueTimers(Instant.ofEpochMilli(now)));
  }

  @Override
  public void process(Record<CartKey, CartCommand> record) {
    CartKey key = record.key();
    CartCommand command = record.value();
    if (key == null || command == null) {
      throw new InvalidCommandException("cart record without key or value");
    }
    if (!key.getTenantId().equals(command.getTenantId())) {
      throw new InvalidCommandException("tenant of key (" + key.getTenantId() + ") differs from tenant of record ("
          + command.getTenantId() + ")");
    }
    Instant at = Instant.ofEpochMilli(record.timestamp());
    CartState current = carts.get(key);
    CartBook.Decision decision = switch (command.getCommand()) {
      case CreateCart create -> {
        Arrival.requireSame("cart", key.getCartId(), create);
        yield CartBook.create(current, key.getTenantId(), create, at);
      }
      case SetCartItem item -> CartBook.setItem(current, item, catalog, at);
      case SetCartShippingAddress address -> CartBook.shippingAddress(current, address, at);
      case CheckoutCart checkout -> CartBook.checkout(current, checkout, at);
      case ApplyCoupon coupon -> CartBook.applyCoupon(current, coupon.getCode(),
          code -> PromotionOffers.byCode(promotionsOf(key.getTenantId()), code, at).isPresent(), at);
      case RemoveCoupon coupon -> CartBook.removeCoupon(current, coupon.getCode(), at);
      default -> throw new InvalidCommandException("unknown cart command " + command.getCommand().getClass().getName());
    };
    if (decision.next() == null && (decision.refusal() == null || current == null)) {
      return; // a repeat, or a refusal about a cart that does not exist (the route answers 404)
    }
    CartState next = CartState.newBuilder(decision.next() != null ? decision.next() : current)
        .setVersion((decision.next() != null ? decision.next() : current).getVersion() + (decision.next() != null ? 0 : 1))
        .setUpdatedAt(at).setLastCommandId(command.getCommandId()).setLastRefusal(decision.refusal())
        .setRecentCommandIds(decision.refusal() == null
            ? CartBook.remember(current == null ? java.util.List.of() : current.getRecentCommandIds(), command.getCommandId())
            : (current == null ? java.util.List.<String>of() : current.getRecentCommandIds()))
        .build();
    if (decision.checkedOut()) {
      placeOrder(key, next, command, Cause.of(command, record.headers(), record.timestamp()), at,
          ((CheckoutCart) command.getCommand()).getRiskAssessmentRequested());
    }
    rescheduleIdleTimer(key, current, next);
    carts.put(key, next);
    changes.changed(CartTopology.CART_STORE, key);
  }

  /** The checkout's order, priced here, through the saga's placement protocol (order, reservations, risk). */
  private void placeOrder(CartKey key, CartState cart, CartCommand command, Cause cause, Instant at, boolean assessRisk) {
    PricedCart priced = price(cart, at);
    String currency = cart.getCurrency();
    List<CartPricedLine> pricedLines = priced.lines().stream().filter(line -> line.unitPrice() != null)
        .map(line -> new CartPricedLine(line.sku(), line.quantity(), new Money(line.unitPrice(), currency),
            new Money(line.discount(), currency), new Money(line.tax(), currency), new Money(line.lineTotal(), currency)))
        .toList();
    CartPricing pricing = CartPricing.newBuilder().setCartId(key.getCartId()).setLines(pricedLines)
        .setDiscounts(new Money(priced.discountTotal(), currency)).setTax(new Money(priced.tax(), currency))
        .setPromotions(priced.discounts().stream().map(d -> AppliedPromotion.newBuilder().setPromotionId(d.promotionId())
            .setCode(d.code()).setAmount(new Money(d.amount(), currency)).build()).toList())
        .build();
    PlaceOrder place = PlaceOrder.newBuilder()
        .setOrderId(cart.getOrderId()).setCustomerId(cart.getCustomerId()).setCurrency(currency)
        .setLines(cart.getLines().stream().map(line -> new RequestedLine(line.getSku(), line.getQuantity())).toList())
        .setShippingAddress(cart.getShippingAddress())
        .setRequestHash(EventIds.derive(key.getCartId(), "cart-checkout"))
        .setCartPricing(pricing).setEmail(((CheckoutCart) command.getCommand()).getEmail()).build();
    OrderPlacement placement = OrderPlacement.of(cause, command.getIssuedBy(), place, assessRisk);
    context.forward(new Record<SpecificRecord, SpecificRecord>(placement.order().key(), placement.order().command(),
        cause.timestamp(), cause.headers()), sinkName(Topics.ORDER_COMMANDS));
    placement.reservations().forEach(reservation -> context.forward(new Record<SpecificRecord, SpecificRecord>(
        reservation.key(), reservation.command(), cause.timestamp(), cause.headers()), sinkName(Topics.INVENTORY_COMMANDS)));
    // each promotion the cart priced with is redeemed on its own partition, side by side with the reservations
    for (AppliedPromotion promotion : pricing.getPromotions()) {
      context.forward(new Record<SpecificRecord, SpecificRecord>(new PromotionKey(key.getTenantId(), promotion.getPromotionId()),
          cause.causedBy(OrderPlacement.placeCommandId(place.getOrderId())).command(new PromotionCommand(),
              EventIds.derive(place.getOrderId(), "redeem:" + promotion.getPromotionId()), command.getIssuedBy(),
              new RedeemPromotion(place.getOrderId(), cart.getCustomerId())),
          cause.timestamp(), cause.headers()), sinkName(Topics.PROMOTION_COMMANDS));
    }
    if (placement.assessment() != null) {
      context.forward(new Record<SpecificRecord, SpecificRecord>(placement.assessment().key(),
          placement.assessment().command(), cause.timestamp(), cause.headers()), sinkName(Topics.FRAUD_COMMANDS));
    }
  }

  private PricedCart price(CartState cart, Instant at) {
    return CartPricer.price(cart, catalog, offers, country -> taxRule(cart.getTenantId(), country), at);
  }

  private Optional<TaxRule> taxRule(String tenantId, String country) {
    TaxRates rates = taxRates.get(new TaxRatesKey(tenantId, country));
    return rates == null || !tenantId.equals(rates.getTenantId()) ? Optional.empty() : Optional.of(TaxRule.of(rates));
  }

  /**
   * The tenant's promotions. The global store is keyed by tenant and promotion but its keys do not sort by
   * tenant, so this reads the whole table: fine for the hundreds of promotions a platform runs at once, and
   * bounded by {@link #MAX_PROMOTIONS_READ} so a flood of them cannot stall a partition.
   */
  private List<PromotionState> promotionsOf(String tenantId) {
    List<PromotionState> found = new ArrayList<>();
    try (KeyValueIterator<PromotionKey, PromotionState> all = promotions.all()) {
      int read = 0;
      while (all.hasNext() && read++ < MAX_PROMOTIONS_READ) {
        PromotionState state = all.next().value;
        if (state != null && tenantId.equals(state.getPromotion().getTenantId())) {
          found.add(state);
        }
      }
    }
    return found;
  }

  /** One idle timer per cart, due when its current idle period ends; none for carts that cannot be abandoned. */
  private void rescheduleIdleTimer(CartKey key, CartState current, CartState next) {
    if (current != null && current.getLastActivityAt().equals(next.getLastActivityAt())
        && current.getStatus().equals(next.getStatus())) {
      return;
    }
    if (current != null) {
      timers.delete(CartTimers.key(current.getLastActivityAt().plus(abandonAfter), key.getTenantId(), key.getCartId()));
    }
    if (CartBook.Status.OPEN.name().equals(next.getStatus())) {
      timers.put(CartTimers.key(next.getLastActivityAt().plus(abandonAfter), key.getTenantId(), key.getCartId()), "IDLE");
    }
  }

  void fireDueTimers(Instant now) {
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> iterator = timers.range(null, CartTimers.upTo(now))) {
      while (iterator.hasNext() && due.size() < MAX_TIMERS_PER_PUNCTUATION) {
        due.add(iterator.next());
      }
    }
    for (KeyValue<String, String> entry : due) {
      timers.delete(entry.key);
      CartTimers.Due timer = CartTimers.parse(entry.key);
      CartKey key = new CartKey(timer.tenantId(), timer.cartId());
      CartState cart = carts.get(key);
      if (!CartBook.abandoned(cart, abandonAfter, now)) {
        continue; // touched since, checked out or empty: nothing to tell
      }
      Cause cause = Cause.ofTimer("timer:" + entry.key, key.getTenantId(), key.getCartId(), now);
      PricedCart priced = price(cart, now);
      String currency = cart.getCurrency();
      CartAbandoned abandoned = CartAbandoned.newBuilder(cause.event(new CartAbandoned(),
              cause.derive("abandoned:" + cart.getLastActivityAt().toEpochMilli())))
          .setCartId(key.getCartId()).setCustomerId(cart.getCustomerId())
          .setLines(priced.lines().stream().map(line -> new AbandonedCartLine(line.sku(), line.quantity(),
              line.unitPrice() == null ? null : new Money(line.unitPrice(), currency))).toList())
          .setSubtotal(new Money(priced.subtotal(), currency)).setLastActivityAt(cart.getLastActivityAt()).build();
      context.forward(new Record<SpecificRecord, SpecificRecord>(key, abandoned, cause.timestamp(), cause.headers()),
          sinkName(Topics.CART_ABANDONED));
      // not a customer's change: the version stays, so a waiting reader is not woken for it
      carts.put(key, CartState.newBuilder(cart).setAbandonedNotified(true).build());
    }
  }
}
