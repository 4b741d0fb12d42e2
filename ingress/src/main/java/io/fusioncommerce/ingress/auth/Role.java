package io.fusioncommerce.ingress.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Optional;

/** The roles a token may carry (claim {@code roles}). */
public enum Role implements RouteRole {
  OPERATOR,
  ADMIN,
  VENDOR,
  CUSTOMER,
  ANALYST;

  /** Every role: for reads any signed-in member of the tenant may make. */
  public static final Role[] ANY = values();

  public String claimValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromClaim(String value) {
    for (Role role : values()) {
      if (role.claimValue().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
