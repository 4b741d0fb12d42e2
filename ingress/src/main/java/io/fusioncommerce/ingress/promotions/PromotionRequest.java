package io.fusioncommerce.ingress.promotions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /v1/promotions}. {@code code} null makes an automatic promotion. {@code value}: the
 * percent for PERCENT_OFF, minor units for AMOUNT_OFF, unused for BUY_X_GET_Y (buyQuantity, getQuantity) and
 * FREE_SHIPPING. {@code currency}: the currency of value and minSubtotal (minSubtotal's when not given).
 */
public record PromotionRequest(
    @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{2,31}", message = "3 to 32 capital letters, digits, - or _") String code,
    @NotBlank @Pattern(regexp = "PERCENT_OFF|AMOUNT_OFF|BUY_X_GET_Y|FREE_SHIPPING",
        message = "PERCENT_OFF, AMOUNT_OFF, BUY_X_GET_Y or FREE_SHIPPING") String type,
    @PositiveOrZero @Max(1_000_000_000L) Long value,
    @Min(1) @Max(100) Integer buyQuantity,
    @Min(1) @Max(100) Integer getQuantity,
    @Valid AppliesTo appliesTo,
    @Pattern(regexp = "[A-Z]{3}", message = "an ISO-4217 code such as USD") String currency,
    @Valid MinSubtotal minSubtotal,
    Instant startsAt,
    Instant endsAt,
    @Min(1) Long usageLimit,
    @Min(1) Long perCustomerLimit) {

  /** What the promotion applies to; every part set must match (all empty: everything of the tenant). */
  public record AppliesTo(
      @Size(max = 100) List<@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "not a valid SKU") String> skus,
      @Size(max = 100) List<@NotBlank @Size(max = 64) String> categories,
      @Size(max = 128) String vendorId) {}

  public record MinSubtotal(@NotNull @PositiveOrZero Long amount,
      @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO-4217 code such as USD") String currency) {}
}
