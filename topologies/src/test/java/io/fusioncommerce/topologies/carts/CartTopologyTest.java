package io.fusioncommerce.topologies.carts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.carts.CartAbandoned;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStateLine;
import io.fusioncommerce.topologies.orders.OrderBook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CartTopologyTest {

  static final String ACME = "acme";
  static final String GLOBEX = "globex";

  @TempDir Path dir;
  CartHarness carts;

  @BeforeEach
  void start() {
    carts = new CartHarness(dir);
    carts.product(ACME, "KETTLE", 5000, "USD", "v1");
    carts.product(ACME, "MUG", 999, "USD", "v2");
    carts.stock(ACME, "KETTLE", 10);
    carts.stock(ACME, "MUG", 10);
  }

  @AfterEach
  void stop() {
    carts.close();
  }

  @Test
  void linesAreSetReplacedAndRemovedAndEveryChangeNamesItsCommand() {
    carts.create(ACME, "cart-1", "USD");
    carts.set(ACME, "cart-1", "KETTLE", 2);
    carts.set(ACME, "cart-1", "MUG", 1);
    String last = carts.set(ACME, "cart-1", "KETTLE", 3);

    CartState cart = carts.cart(ACME, "cart-1");
    assertThat(cart.getLines()).extracting(l -> l.getSku() + "x" + l.getQuantity()).containsExactly("KETTLEx3", "MUGx1");
    assertThat(cart.getVersion()).isEqualTo(4);
    assertThat(cart.getLastCommandId()).isEqualTo(last);
    assertThat(cart.getLastRefusal()).isNull();

    carts.set(ACME, "cart-1", "MUG", 0);
    assertThat(carts.cart(ACME, "cart-1").getLines()).extracting(l -> l.getSku()).containsExactly("KETTLE");
    // the route that wrote `last` finds it applied although commands came after it
    assertThat(carts.cart(ACME, "cart-1").getRecentCommandIds()).contains(last).hasSizeLessThanOrEqualTo(16);
  }

  @Test
  void aCartRemembersItsLastSixteenAppliedCommandsAndNoRefusedOne() {
    carts.create(ACME, "cart-2", "USD");
    java.util.List<String> applied = new java.util.ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      applied.add(carts.set(ACME, "cart-2", "KETTLE", i));
    }
    String refused = carts.set(ACME, "cart-2", "NO-SUCH-SKU", 1);
    CartState cart = carts.cart(ACME, "cart-2");
    assertThat(cart.getLastCommandId()).isEqualTo(refused);
    assertThat(cart.getRecentCommandIds()).containsExactlyElementsOf(applied.subList(4, 20)).doesNotContain(refused);
  }

  @Test
  void unknownSkusBadQuantitiesAndAnotherTenantsProductsAreRefusedAndChangeNoLine() {
    carts.product(GLOBEX, "ANVIL", 100, "USD", "v9");
    carts.create(ACME, "cart-1", "USD");
    carts.set(ACME, "cart-1", "KETTLE", 1);

    String unknown = carts.set(ACME, "cart-1", "NOPE", 1);
    assertThat(carts.cart(ACME, "cart-1").getLastCommandId()).isEqualTo(unknown);
    assertThat(carts.cart(ACME, "cart-1").getLastRefusal()).isEqualTo(CartBook.Refusals.UNKNOWN_SKU);
    carts.set(ACME, "cart-1", "ANVIL", 1);
    assertThat(carts.cart(ACME, "cart-1").getLastRefusal()).isEqualTo(CartBook.Refusals.UNKNOWN_SKU);
    carts.set(ACME, "cart-1", "KETTLE", CartBook.MAX_QUANTITY + 1);
    assertThat(carts.cart(ACME, "cart-1").getLastRefusal()).isEqualTo(CartBook.Refusals.QUANTITY_OUT_OF_RANGE);
    carts.set(ACME, "cart-1", "KETTLE", -1);
    assertThat(carts.cart(ACME, "cart-1").getLastRefusal()).isEqualTo(CartBook.Refusals.QUANTITY_OUT_OF_RANGE);

    assertThat(carts.cart(ACME, "cart-1").getLines()).extracting(l -> l.getSku() + "x" + l.getQuantity())
        .containsExactly("KETTLEx1");
    // a command to the same cart id under another tenant finds no cart: nothing is created there
    carts.set(GLOBEX, "cart-1", "ANVIL", 1);
    assertThat(carts.cart(GLOBEX, "cart-1")).isNull();
  }

  @Test
  void aCartHoldsAtMostItsLimitOfLines() {
    carts.create(ACME, "cart-1", "USD");
    for (int i = 0; i < CartBook.MAX_LINES; i++) {
      carts.product(ACME, "SKU-" + i, 100, "USD", "v1");
      carts.set(ACME, "cart-1", "SKU-" + i, 1);
    }
    carts.product(ACME, "ONE-TOO-MANY", 100, "USD", "v1");
    carts.set(ACME, "cart-1", "ONE-TOO-MANY", 1);
    assertThat(carts.cart(ACME, "cart-1").getLastRefusal()).isEqualTo(CartBook.Refusals.TOO_MANY_LINES);
    assertThat(carts.cart(ACME, "cart-1").getLines()).hasSize(CartBook.MAX_LINES);
  }

  @Test
  void checkoutPlacesTheOrderThroughTheSagaWithTheCartsPricesAndTaxAndOnlyOnce() {
    carts.taxRates(ACME, "US", "0.00", false, Map.of("CA", "0.0725"));
    // the order topology's catalog still has the old price: the order must keep the cart's
    carts.product(ACME, "LAMP", 1999, "USD", "v1", 2500);
    carts.stock(ACME, "LAMP", 5);
    carts.currentPrice(ACME, "KETTLE", 5500, "USD"); // a dynamic price the cart charges
    carts.create(ACME, "cart-1", "USD");
    carts.set(ACME, "cart-1", "KETTLE", 2);
    carts.set(ACME, "cart-1", "LAMP", 1);

    carts.checkout(ACME, "cart-1", "order-1", "US", "CA");

    CartState cart = carts.cart(ACME, "cart-1");
    assertThat(cart.getStatus()).isEqualTo("CHECKED_OUT");
    assertThat(cart.getOrderId()).isEqualTo("order-1");
    OrderState order = carts.saga.order(ACME, "order-1");
    assertThat(order.getStatus()).isEqualTo("CONFIRMED");
    assertThat(order.getCartId()).isEqualTo("cart-1");
    OrderStateLine kettle = line(order, "KETTLE");
    assertThat(kettle.getUnitPrice()).isEqualTo(new Money(5500L, "USD"));
    assertThat(kettle.getDiscount()).isEqualTo(new Money(0L, "USD"));
    assertThat(kettle.getTax()).isEqualTo(new Money(798L, "USD")); // 11000 × 0.0725 = 797.5 → 798 (half-up)
    assertThat(kettle.getLineTotal()).isEqualTo(new Money(11798L, "USD"));
    OrderStateLine lamp = line(order, "LAMP");
    assertThat(lamp.getUnitPrice()).isEqualTo(new Money(1999L, "USD"));
    assertThat(lamp.getTax()).isEqualTo(new Money(145L, "USD")); // 1999 × 0.0725 = 144.93 → 145
    assertThat(order.getTax()).isEqualTo(new Money(943L, "USD"));
    assertThat(order.getDiscounts()).isEqualTo(new Money(0L, "USD"));
    assertThat(order.getTotal()).isEqualTo(new Money(11798L + 2144L, "USD"));
    assertThat(carts.saga.reserved(ACME, "KETTLE")).isEqualTo(2);

    // a second checkout names the same order and places nothing more
    carts.checkout(ACME, "cart-1", "order-1", "US", "CA");
    assertThat(carts.saga.order(ACME, "order-1").getVersion()).isEqualTo(order.getVersion());
    assertThat(carts.saga.reserved(ACME, "KETTLE")).isEqualTo(2);
    // and a checked-out cart takes no more lines
    carts.set(ACME, "cart-1", "MUG", 1);
    assertThat(carts.cart(ACME, "cart-1").getLastRefusal()).isEqualTo(CartBook.Refusals.CHECKED_OUT);
  }

  @Test
  void anInclusiveTaxIsExtractedFromThePriceAndJpyIsTaxedInWholeYen() {
    carts.product(ACME, "TEA", 1080, "JPY", "v1");
    carts.stock(ACME, "TEA", 5);
    carts.taxRates(ACME, "JP", "0.10", true, Map.of());
    carts.create(ACME, "cart-jp", "JPY");
    carts.set(ACME, "cart-jp", "TEA", 3);
    carts.checkout(ACME, "cart-jp", "order-jp", "JP", null);

    OrderState order = carts.saga.order(ACME, "order-jp");
    assertThat(order.getStatus()).isEqualTo("CONFIRMED");
    OrderStateLine tea = line(order, "TEA");
    assertThat(tea.getTax()).isEqualTo(new Money(295L, "JPY")); // 3240 × 0.10 / 1.10 = 294.5 → 295
    assertThat(tea.getLineTotal()).isEqualTo(new Money(3240L, "JPY")); // the price already includes it
    assertThat(order.getTotal()).isEqualTo(new Money(3240L, "JPY"));
  }

  @Test
  void aCheckoutOfMoreThanTheStockIsRejectedByTheSagaAndAnEmptyCartIsRefused() {
    carts.product(ACME, "RARE", 5000, "USD", "v1");
    carts.stock(ACME, "RARE", 1);
    carts.create(ACME, "cart-1", "USD");
    carts.set(ACME, "cart-1", "RARE", 2);
    carts.checkout(ACME, "cart-1", "order-1", "US", null);
    assertThat(carts.saga.order(ACME, "order-1").getStatus()).isEqualTo("REJECTED");
    assertThat(carts.saga.order(ACME, "order-1").getRejectionReason()).isEqualTo(OrderBook.Reasons.INSUFFICIENT_STOCK);
    assertThat(carts.saga.reserved(ACME, "RARE")).isZero();

    carts.create(ACME, "cart-2", "USD");
    carts.checkout(ACME, "cart-2", "order-2", "US", null);
    assertThat(carts.cart(ACME, "cart-2").getLastRefusal()).isEqualTo(CartBook.Refusals.EMPTY_CART);
    assertThat(carts.saga.order(ACME, "order-2")).isNull();
  }

  @Test
  void anIdleCartIsReportedAbandonedOncePerIdlePeriod() {
    carts.create(ACME, "cart-1", "USD");
    carts.set(ACME, "cart-1", "KETTLE", 2);
    carts.create(ACME, "cart-empty", "USD");

    carts.advance(CartHarness.IDLE.minusMinutes(1));
    assertThat(carts.abandoned()).isEmpty();
    carts.advance(Duration.ofMinutes(2));
    List<CartAbandoned> first = carts.abandoned();
    assertThat(first).hasSize(1); // the empty cart is not reported
    CartAbandoned abandoned = first.getFirst();
    assertThat(abandoned.getTenantId()).isEqualTo(ACME);
    assertThat(abandoned.getCartId()).isEqualTo("cart-1");
    assertThat(abandoned.getCustomerId()).isEqualTo("c1");
    assertThat(abandoned.getSubtotal()).isEqualTo(new Money(10000L, "USD"));
    assertThat(abandoned.getLines()).extracting(l -> l.getSku() + "x" + l.getQuantity() + "@" + l.getUnitPrice().getAmount())
        .containsExactly("KETTLEx2@5000");

    carts.advance(CartHarness.IDLE.multipliedBy(3));
    assertThat(carts.abandoned()).as("once per idle period").isEmpty();

    carts.set(ACME, "cart-1", "MUG", 1); // the customer came back: a new idle period
    carts.advance(CartHarness.IDLE.plusMinutes(1));
    assertThat(carts.abandoned()).extracting(CartAbandoned::getCartId).containsExactly("cart-1");

    carts.checkout(ACME, "cart-1", "order-1", "US", null);
    carts.advance(CartHarness.IDLE.plusMinutes(1));
    assertThat(carts.abandoned()).as("a checked-out cart is not abandoned").isEmpty();
  }

  private static OrderStateLine line(OrderState order, String sku) {
    return order.getLines().stream().filter(l -> l.getSku().equals(sku)).findFirst().orElseThrow();
  }
}
