package io.fusioncommerce.ingress.payments;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** Money in a request: integer minor units of an ISO-4217 currency (JPY has none: 500 JPY is 500). */
public record MoneyRequest(
    @NotNull @Positive Long amount,
    @NotNull @Pattern(regexp = "USD|EUR|GBP|JPY", message = "one of USD, EUR, GBP, JPY") String currency) {}
