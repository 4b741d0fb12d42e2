package io.fusioncommerce.ingress.shipping;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/hyperlocal/agents}. */
public record HyperlocalAgentRequest(
    @NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,64}", message = "1 to 64 letters, digits or '-'") String agentId,
    @NotBlank @Size(max = 100) String name,
    @NotNull @Valid Location location,
    @NotNull @Positive @DecimalMax("200") Double radiusKm,
    Boolean active) {

  /** A point in decimal degrees. */
  public record Location(
      @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
      @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {}
}
