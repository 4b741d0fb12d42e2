package io.fusioncommerce.ingress.carts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.schemas.carts.CartKey;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.topologies.carts.CartBook;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may see a cart, how the topology's refusals answer, and which order a checkout names. */
class CartRoutesTest {

  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  static Principal principal(String subject, Role... roles) {
    return new Principal(subject, "acme", Set.of(roles), Optional.empty(), Optional.empty());
  }

  static CartState cart(String refusal) {
    return CartState.newBuilder().setTenantId("acme").setCartId("cart-1").setCustomerId("ada").setCurrency("USD")
        .setStatus("OPEN").setRequestHash("h").setCreatedAt(T0).setUpdatedAt(T0).setLastActivityAt(T0).setVersion(2)
        .setLastCommandId("c").setLastRefusal(refusal).build();
  }

  @Test
  void aCommandIsAnsweredWhenItIsTheLastOrAmongTheRecentOnesAndNotOtherwise() {
    CartState cart = CartState.newBuilder(cart(null)).setLastCommandId("c3").setRecentCommandIds(List.of("c1", "c2", "c3"))
        .build();
    assertThat(CartRoutes.answered(cart, "c3")).isTrue();
    assertThat(CartRoutes.answered(cart, "c1")).as("followed at once by two more commands").isTrue();
    assertThat(CartRoutes.answered(cart, "c4")).as("not applied yet").isFalse();
  }

  @Test
  void aCustomerSeesItsOwnCartStaffEveryCartAndAnyoneElseNone() {
    assertThat(CartRoutes.visible(principal("ada", Role.CUSTOMER), cart(null)).getCartId()).isEqualTo("cart-1");
    assertThat(CartRoutes.visible(principal("boss", Role.ADMIN), cart(null))).isNotNull();
    assertThat(CartRoutes.visible(principal("ops", Role.OPERATOR), cart(null))).isNotNull();
    for (Principal other : List.of(principal("bob", Role.CUSTOMER), principal("ada", Role.VENDOR),
        principal("numbers", Role.ANALYST))) {
      assertThatThrownBy(() -> CartRoutes.visible(other, cart(null))).isInstanceOfSatisfying(ApiException.class,
          e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @Test
  void theTopologysRefusalsAnswerWithTheirStatusAndField() {
    CartRoutes.refusal(cart(null)); // applied: no answer but the cart
    record Case(String refusal, int status, String field) {}
    for (Case c : List.of(new Case(CartBook.Refusals.UNKNOWN_SKU, 404, null),
        new Case(CartBook.Refusals.QUANTITY_OUT_OF_RANGE, 400, "quantity"),
        new Case(CartBook.Refusals.TOO_MANY_LINES, 400, "sku"),
        new Case(CartBook.Refusals.EMPTY_CART, 400, "items"),
        new Case(CartBook.Refusals.COUPON_UNAVAILABLE, 422, "code"),
        new Case(CartBook.Refusals.CHECKED_OUT, 409, null))) {
      assertThatThrownBy(() -> CartRoutes.refusal(cart(c.refusal()))).as(c.refusal())
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(c.status());
            if (c.field() != null) {
              assertThat(e.errors()).extracting(FieldError::field).containsExactly(c.field());
            }
          });
    }
  }

  @Test
  void aCartsCheckoutAlwaysNamesTheSameOrderAndCartsOfAnotherTenantAnother() {
    String order = CartRoutes.orderIdOf(new CartKey("acme", "cart-1"));
    assertThat(CartRoutes.orderIdOf(new CartKey("acme", "cart-1"))).isEqualTo(order);
    assertThat(CartRoutes.orderIdOf(new CartKey("globex", "cart-1"))).isNotEqualTo(order);
    assertThat(order).matches("[A-Za-z0-9-]{1,64}");
  }
}
