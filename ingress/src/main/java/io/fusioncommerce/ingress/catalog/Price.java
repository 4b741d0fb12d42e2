package io.fusioncommerce.ingress.catalog;

/** Money in integer minor units of an ISO-4217 currency (JPY has none: 500 JPY is amount 500). */
public record Price(Long amount, String currency) {}
