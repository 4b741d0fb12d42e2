package io.fusioncommerce.ingress.fraud;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PUT /v1/fraud/settings}: from {@code reviewThreshold} an order's score holds it for review,
 * from {@code rejectThreshold} it is rejected; both in [0, 1], review not above reject (equal: never review).
 * Units of products in {@code highRiskCategories} raise the score.
 */
public record FraudSettingsRequest(
    @NotNull @DecimalMin("0") @DecimalMax("1") Double reviewThreshold,
    @NotNull @DecimalMin("0") @DecimalMax("1") Double rejectThreshold,
    @Size(max = 100) List<@NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "not a category id") String>
        highRiskCategories) {}
