package io.fusioncommerce.ingress.commands;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.ProductAccess;
import io.fusioncommerce.schemas.common.Actor;
import java.util.List;

/** Who issued a command, as every command records it ({@code issuedBy}). */
public final class Actors {

  private Actors() {}

  /**
   * The verified caller; with the vendor it acts for when it acts as a vendor (not as staff), so
   * topologies can hold it to its own products.
   */
  public static Actor of(Principal principal) {
    boolean actsAsVendor = principal.has(Role.VENDOR) && !ProductAccess.isStaff(principal);
    return Actor.newBuilder().setSubject(principal.subject())
        .setRoles(principal.roles().stream().map(Role::claimValue).sorted().toList())
        .setVendorId(actsAsVendor ? principal.vendorId().orElse(null) : null).build();
  }

  /** An outside system (a carrier, a payment provider's webhook), which has no roles. */
  public static Actor system(String subject) {
    return Actor.newBuilder().setSubject(subject).setRoles(List.of()).build();
  }
}
