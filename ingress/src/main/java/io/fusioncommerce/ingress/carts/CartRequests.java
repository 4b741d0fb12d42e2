package io.fusioncommerce.ingress.carts;

import io.fusioncommerce.ingress.orders.PlaceOrderRequest;
import io.fusioncommerce.topologies.carts.CartBook;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the cart routes. No price anywhere: carts are priced from the catalog, never by the client. */
public final class CartRequests {

  private CartRequests() {}

  /** Body of {@code POST /v1/carts}. */
  public record CreateCartRequest(
      @NotBlank @Size(max = 128) String customerId,
      @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "an ISO-4217 code such as USD, EUR, GBP or JPY") String currency) {}

  /** Body of {@code PUT /v1/carts/{cartId}/items/{sku}}: 0 removes the line. */
  public record SetItemRequest(@NotNull @Min(0) @Max(CartBook.MAX_QUANTITY) Long quantity) {}

  /** Body of {@code PUT /v1/carts/{cartId}/shipping-address}. */
  public record ShippingAddressRequest(@NotNull @Valid PlaceOrderRequest.Address shippingAddress) {}

  /** Body of {@code POST /v1/carts/{cartId}/coupons}. */
  public record CouponRequest(
      @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{2,31}", message = "a coupon code such as WELCOME10") String code) {}

  /** Body of {@code POST /v1/carts/{cartId}/checkout}; {@code email} as on {@code POST /v1/orders}. */
  public record CheckoutRequest(@NotNull @Valid PlaceOrderRequest.Address shippingAddress, String email) {}
}
