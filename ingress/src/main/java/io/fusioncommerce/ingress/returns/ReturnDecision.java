package io.fusioncommerce.ingress.returns;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Optional body of approve, reject and receive: why (reject), and where the units go (receive; the SKU's
 * first warehouse when left out).
 */
public record ReturnDecision(@Size(max = 500) String reason,
    @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 letters, digits, - or _") String warehouse) {}
