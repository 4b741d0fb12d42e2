package io.fusioncommerce.ingress.shipping;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/shipments/{id}/tracking}. */
public record TrackingRequest(
    @NotNull @Pattern(regexp = "IN_TRANSIT|OUT_FOR_DELIVERY|DELIVERED",
        message = "one of IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED") String status,
    @Size(max = 200) String location) {}
