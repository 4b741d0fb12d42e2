package io.fusioncommerce.ingress.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.OrderPayment;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStateLine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order shows its payment; the client secret only to the customer who pays it. */
class OrderResponsePaymentTest {

  static OrderState order(OrderPayment payment) {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    return OrderState.newBuilder().setTenantId("acme").setOrderId("o1").setPlaced(true).setCustomerId("alice")
        .setCurrency("USD").setStatus("CONFIRMED").setTotal(new Money(5999L, "USD"))
        .setLines(List.of(OrderStateLine.newBuilder().setSku("SHOE").setQuantity(1).setVendorId("v1")
            .setUnitPrice(new Money(5999L, "USD")).setReservation("RESERVED").build(),
            OrderStateLine.newBuilder().setSku("SOCK").setQuantity(1).setVendorId("v2")
            .setUnitPrice(new Money(0L, "USD")).setReservation("RESERVED").build()))
        .setCreatedAt(now).setUpdatedAt(now).setCorrelationId("c").setVersion(3).setPayment(payment).build();
  }

  @Test
  void theBuyerSeesThePaymentWithItsClientSecretAVendorWithout() {
    OrderPayment payment = OrderPayment.newBuilder().setPaymentId("pay-o1").setStatus("REQUIRES_PAYMENT_METHOD")
        .setProvider("sandbox").setClientSecret("pi_1_secret_x").build();

    OrderResponse whole = OrderResponse.whole(order(payment), true);
    assertThat(whole.payment().paymentId()).isEqualTo("pay-o1");
    assertThat(whole.payment().status()).isEqualTo("REQUIRES_PAYMENT_METHOD");
    assertThat(whole.payment().provider()).isEqualTo("sandbox");
    assertThat(whole.payment().clientSecret()).isEqualTo("pi_1_secret_x");

    OrderResponse vendorPart = OrderResponse.vendorPart(order(payment), "v1");
    assertThat(vendorPart.payment().status()).isEqualTo("REQUIRES_PAYMENT_METHOD");
    assertThat(vendorPart.payment().clientSecret()).isNull();
  }

  static Principal caller(String subject, Optional<String> vendor, Optional<String> organization, Role... roles) {
    return new Principal(subject, "acme", Set.of(roles), vendor, organization);
  }

  @Test
  void onlyThePayingCustomerIsShownTheClientSecretNotStaffAnalystsOrColleagues() {
    OrderPayment payment = OrderPayment.newBuilder().setPaymentId("pay-o1").setStatus("REQUIRES_PAYMENT_METHOD")
        .setProvider("sandbox").setClientSecret("pi_1_secret_x").build();
    OrderState order = OrderState.newBuilder(order(payment)).setOrganizationId("org-1").build();

    assertThat(OrderAccess.view(caller("alice", Optional.empty(), Optional.empty(), Role.CUSTOMER), order)
        .payment().clientSecret()).isEqualTo("pi_1_secret_x");
    for (Role staff : List.of(Role.ANALYST, Role.ADMIN, Role.OPERATOR)) {
      OrderResponse seen = OrderAccess.view(caller("staff-1", Optional.empty(), Optional.empty(), staff), order);
      assertThat(seen.items()).as(staff + " sees the whole order").hasSize(2);
      assertThat(seen.payment().paymentId()).isEqualTo("pay-o1");
      assertThat(seen.payment().clientSecret()).as(staff.name()).isNull();
    }
    OrderResponse colleague = OrderAccess.view(
        caller("dave", Optional.empty(), Optional.of("org-1"), Role.CUSTOMER), order);
    assertThat(colleague.items()).hasSize(2);
    assertThat(colleague.payment().clientSecret()).as("a colleague of the buyer's organization").isNull();
    // an admin who placed the order for someone else is not its payer either
    assertThat(OrderAccess.view(caller("alice", Optional.empty(), Optional.empty(), Role.ADMIN), order)
        .payment().clientSecret()).isNull();
  }

  @Test
  void aVendorSeesItsLinesWithoutTheBuyersId() {
    OrderResponse part = OrderAccess.view(caller("seller", Optional.of("v2"), Optional.empty(), Role.VENDOR),
        order(null));
    assertThat(part.customerId()).isNull();
    assertThat(part.items()).extracting(OrderResponse.Item::sku).containsExactly("SOCK");
    assertThat(part.total().amount()).isZero();
  }

  @Test
  void anOrderWithoutAPaymentShowsNone() {
    assertThat(OrderResponse.whole(order(null), true).payment()).isNull();
  }
}
