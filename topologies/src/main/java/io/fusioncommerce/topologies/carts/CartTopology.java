package io.fusioncommerce.topologies.carts;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.carts.CartKey;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Carts: each cart's lines ({@value #CART_STORE}) and its idle timer ({@value #TIMER_STORE}), on the
 * partition that owns the cart. Carts are priced live (never stored with prices) from the same global
 * tables as the order topology (catalog.products, pricing.current-prices) and the tenants' tax rates
 * (tax.rates). A checkout places the order through the order saga with the cart's prices, discounts and
 * tax (see {@link CartBook}, {@link CartPricer}); an idle cart emits cart.abandoned once per idle period.
 */
public final class CartTopology extends WiredTopology {

  public static final String CONTEXT = "carts";
  public static final String CART_STORE = "carts";
  public static final String TIMER_STORE = "cart-timers";
  public static final String PRODUCT_STORE = "carts-catalog-products";
  public static final String CURRENT_PRICE_STORE = "carts-current-prices";
  public static final String TAX_RATES_STORE = "carts-tax-rates";
  /** Every promotion with its redemption count (promotions.definitions). */
  public static final String PROMOTION_STORE = "carts-promotions";

  /** How long a cart may sit untouched before it counts as abandoned, unless configured. */
  public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofHours(1);
  /** The environment variable that sets it (an ISO-8601 duration such as PT30M). */
  public static final String ABANDON_AFTER_ENV = "FUSION_CART_ABANDON_AFTER";

  private final Duration abandonAfter;

  public CartTopology() {
    this(DEFAULT_ABANDON_AFTER);
  }

  /** @param abandonAfter how long a cart with lines may sit untouched before cart.abandoned is emitted */
  public CartTopology(Duration abandonAfter) {
    super(CONTEXT, CART_STORE);
    if (abandonAfter.isNegative() || abandonAfter.isZero()) {
      throw new IllegalArgumentException("the abandonment time must be positive: " + abandonAfter);
    }
    this.abandonAfter = abandonAfter;
  }

  /** The topology with the abandonment time of {@value #ABANDON_AFTER_ENV}, or the default. */
  public static CartTopology fromEnvironment(Map<String, String> env) {
    String value = env.get(ABANDON_AFTER_ENV);
    return new CartTopology(value == null || value.isBlank() ? DEFAULT_ABANDON_AFTER : Duration.parse(value.trim()));
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    wiring.processor("cart-processor", () -> new CartProcessor(changes, abandonAfter))
        .reads(Topics.CART_COMMANDS)
        .keeps(wiring.store(CART_STORE, CartKey.class, CartState.class),
            // timer keys sort by due time as strings (see CartTimers)
            Wiring.store(TIMER_STORE, Serdes.String(), Serdes.String()))
        .writes(Topics.CART_ABANDONED, Topics.ORDER_COMMANDS, Topics.INVENTORY_COMMANDS, Topics.FRAUD_COMMANDS,
            Topics.PROMOTION_COMMANDS);
    wiring.globalTable(Topics.CATALOG_PRODUCTS, PRODUCT_STORE);
    wiring.globalTable(Topics.PRICING_CURRENT_PRICES, CURRENT_PRICE_STORE);
    wiring.globalTable(Topics.TAX_RATES, TAX_RATES_STORE);
    wiring.globalTable(Topics.PROMOTIONS_DEFINITIONS, PROMOTION_STORE);
  }
}
