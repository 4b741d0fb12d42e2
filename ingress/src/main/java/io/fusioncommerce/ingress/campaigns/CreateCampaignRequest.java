package io.fusioncommerce.ingress.campaigns;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;

/** Body of {@code POST /v1/campaigns}. {@code startsAt} defaults to now. */
public record CreateCampaignRequest(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "not a valid SKU") String sku,
    @NotNull @Min(2) @Max(1_000_000) Integer minParticipants,
    @Min(2) @Max(1_000_000) Integer maxParticipants,
    @NotNull @Valid GroupPrice groupPrice,
    Instant startsAt,
    @NotNull Instant endsAt) {

  /** The price per unit once the campaign succeeds, in minor units of the product's currency. */
  public record GroupPrice(
      @NotNull @Positive Long amount,
      @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO-4217 code such as USD") String currency) {}
}
