package io.fusioncommerce.ingress.payments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/payments/{paymentId}/refunds}; toWallet credits the customer's wallet instead of the card. */
public record RefundRequest(@NotNull @Valid MoneyRequest amount, @Size(max = 500) String reason, Boolean toWallet) {}
