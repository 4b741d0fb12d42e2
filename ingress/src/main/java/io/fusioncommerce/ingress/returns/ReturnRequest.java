package io.fusioncommerce.ingress.returns;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /v1/orders/{orderId}/returns}: the SKUs and unit counts to send back, and why. The
 * quantities are checked against what was delivered (less earlier returns) by {@code ReturnBook}, so the
 * error names the item.
 */
public record ReturnRequest(@NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Item> items,
    @Size(max = 500) String reason) {

  public record Item(@NotBlank @Size(max = 64) String sku, @NotNull Long quantity) {}
}
