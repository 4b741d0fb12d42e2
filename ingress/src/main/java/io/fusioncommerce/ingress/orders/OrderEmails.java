package io.fusioncommerce.ingress.orders;

import io.fusioncommerce.connectors.notifications.EmailAddresses;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.http.ApiException;

/**
 * The e-mail an order is placed with: the request's {@code email} field, else the token's {@code email}
 * claim, else none (the order then sends no mail). A request's address that is not valid is refused; a
 * token's that is not valid is ignored (the caller cannot fix its token, and the order does not need it).
 */
public final class OrderEmails {

  private OrderEmails() {}

  static PlaceOrderRequest withEmail(PlaceOrderRequest request, Principal principal) {
    String email = of(request.email(), principal);
    return new PlaceOrderRequest(request.customerId(), request.currency(), request.items(), request.shippingAddress(),
        request.organizationId(), request.purchaseOrderNumber(), request.billingAddress(), request.paymentMethod(),
        email);
  }

  /** The address an order placed by {@code principal} with the request's {@code requested} (or null) mails to. */
  public static String of(String requested, Principal principal) {
    if (requested != null) {
      return EmailAddresses.valid(requested)
          .orElseThrow(() -> ApiException.invalidField("email", "not a valid e-mail address"));
    }
    return principal.email().flatMap(EmailAddresses::valid).orElse(null);
  }
}
