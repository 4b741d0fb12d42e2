package io.fusioncommerce.ingress.campaigns;

import io.fusioncommerce.ingress.orders.PlaceOrderRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/campaigns/{id}/join}. {@code ref} is the invite code of the link the customer
 * followed (also accepted as {@code ?ref=}); the group order ships to {@code shippingAddress}.
 */
public record JoinRequest(
    @NotBlank @Size(max = 128) String customerId,
    @Min(1) @Max(100) Integer quantity,
    @Pattern(regexp = "[A-Za-z0-9]{1,32}", message = "not an invite code") String ref,
    @Valid PlaceOrderRequest.Address shippingAddress) {

  int quantityOrOne() {
    return quantity == null ? 1 : quantity;
  }
}
