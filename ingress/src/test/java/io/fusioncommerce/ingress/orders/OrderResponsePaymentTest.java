package io.fusioncommerce.ingress.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.OrderPayment;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStateLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order shows its payment; the client secret only to those who see the whole order. */
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

    OrderResponse whole = OrderResponse.of(order(payment));
    assertThat(whole.payment().paymentId()).isEqualTo("pay-o1");
    assertThat(whole.payment().status()).isEqualTo("REQUIRES_PAYMENT_METHOD");
    assertThat(whole.payment().provider()).isEqualTo("sandbox");
    assertThat(whole.payment().clientSecret()).isEqualTo("pi_1_secret_x");

    OrderResponse vendorPart = OrderResponse.of(order(payment), line -> "v1".equals(line.getVendorId()));
    assertThat(vendorPart.payment().status()).isEqualTo("REQUIRES_PAYMENT_METHOD");
    assertThat(vendorPart.payment().clientSecret()).isNull();
  }

  @Test
  void anOrderWithoutAPaymentShowsNone() {
    assertThat(OrderResponse.of(order(null)).payment()).isNull();
  }
}
