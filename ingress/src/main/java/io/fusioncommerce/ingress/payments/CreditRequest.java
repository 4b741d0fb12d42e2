package io.fusioncommerce.ingress.payments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/wallets/{customerId}/credits}. */
public record CreditRequest(@NotNull @Valid MoneyRequest amount, @Size(max = 500) String reason) {}
