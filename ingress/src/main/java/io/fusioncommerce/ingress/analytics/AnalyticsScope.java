package io.fusioncommerce.ingress.analytics;

import io.fusioncommerce.analytics.query.Scope;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * Whose facts an analytics request reads, decided from the verified token alone: the tenant is the
 * token's; admins, analysts and operators (the dashboard's own users) see the whole tenant (and may narrow it to one vendor with
 * {@code ?vendor=}); a vendor sees its own sales only, and naming another vendor is refused rather than
 * silently narrowed, so a client cannot mistake an empty answer for another vendor's figures.
 */
final class AnalyticsScope {

  private AnalyticsScope() {}

  static Scope of(Principal principal, Optional<String> requestedVendor) {
    if (principal.hasAny(Role.ADMIN, Role.ANALYST, Role.OPERATOR)) {
      return requestedVendor.map(vendor -> Scope.vendor(principal.tenantId(), vendor))
          .orElseGet(() -> Scope.tenant(principal.tenantId()));
    }
    // Only vendors pass the route's roles otherwise; AccessControl guarantees their vendor claim.
    String own = principal.vendorId().orElseThrow(() -> ApiException.forbidden("the token names no vendor"));
    if (requestedVendor.isPresent() && !requestedVendor.get().equals(own)) {
      throw new ApiException(403, "forbidden", "Forbidden", "a vendor sees its own sales only",
          List.of(new FieldError("vendor", "not your vendor id; leave it out or use " + own)));
    }
    return Scope.vendor(principal.tenantId(), own);
  }
}
