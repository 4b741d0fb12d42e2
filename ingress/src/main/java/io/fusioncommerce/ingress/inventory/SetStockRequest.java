package io.fusioncommerce.ingress.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code PUT /v1/inventory/{sku}}. */
public record SetStockRequest(
    @NotNull @PositiveOrZero @Max(1_000_000_000L) Long available,
    @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,39}", message = "1 to 40 lower-case letters, digits, '_' or '-'") String warehouse,
    @PositiveOrZero @Max(1_000_000_000L) Long lowStockThreshold) {

  public static final String DEFAULT_WAREHOUSE = "main";

  public String warehouseOrDefault() {
    return warehouse == null ? DEFAULT_WAREHOUSE : warehouse;
  }
}
