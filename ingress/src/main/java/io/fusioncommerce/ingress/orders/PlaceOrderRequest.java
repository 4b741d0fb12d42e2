package io.fusioncommerce.ingress.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /v1/orders}. Lines carry a SKU and a quantity only: prices come from the catalog,
 * and a price field is refused as an unknown field. {@code billingAddress} and {@code paymentMethod} are
 * optional; the fraud score reads them (the payment method only as a fingerprint, never stored as given).
 */
public record PlaceOrderRequest(
    @NotBlank @Size(max = 128) String customerId,
    @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "an ISO-4217 code such as USD, EUR, GBP or JPY") String currency,
    @NotEmpty @Size(max = 100) List<@NotNull @Valid Item> items,
    @Valid Address shippingAddress,
    @Size(max = 128) String organizationId,
    @Size(max = 64) String purchaseOrderNumber,
    // optional, for fraud scoring: where the bill goes, and a stable token of the payment method
    @Valid BillingAddress billingAddress,
    @Size(max = 200) @Pattern(regexp = "[\\x21-\\x7e]+", message = "a token of printable characters") String paymentMethod,
    // optional: where the order's e-mails go (else the token's email claim); checked by OrderEmails
    @Size(max = 254) String email) {

  /** Where the bill goes: only its country is asked for (billing and shipping in different countries is a fraud signal). */
  public record BillingAddress(
      @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "an ISO-3166 alpha-2 code such as US") String country) {}


  /** One line: which SKU, how many. */
  public record Item(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "not a valid SKU") String sku,
      @NotNull @Min(1) @Max(10_000) Long quantity) {}

  /** Where to ship. */
  public record Address(
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(max = 200) String line1,
      @Size(max = 200) String line2,
      @NotBlank @Size(max = 100) String city,
      @Size(max = 100) String region,
      @NotBlank @Size(max = 20) String postalCode,
      @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "an ISO-3166 alpha-2 code such as US") String country,
      // optional; hyperlocal fulfilment routes by them
      @DecimalMin("-90") @DecimalMax("90") Double latitude,
      @DecimalMin("-180") @DecimalMax("180") Double longitude) {}
}
