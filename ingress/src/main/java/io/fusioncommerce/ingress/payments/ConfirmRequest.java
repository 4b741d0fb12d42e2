package io.fusioncommerce.ingress.payments;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /v1/payments/{paymentId}/confirm}: a provider payment method, or "wallet". */
public record ConfirmRequest(
    @NotBlank @Pattern(regexp = "wallet|pm_[A-Za-z0-9_]{1,100}", message = "a payment method id (pm_...) or \"wallet\"")
    String paymentMethod) {}
