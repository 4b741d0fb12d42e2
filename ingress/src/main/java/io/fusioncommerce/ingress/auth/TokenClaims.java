package io.fusioncommerce.ingress.auth;

/** Names of the JWT claims the platform reads, as API.md defines them. */
public final class TokenClaims {
  public static final String TENANT = "tenant";
  public static final String ROLES = "roles";
  public static final String VENDOR = "vendor";
  public static final String ORGANIZATION = "org";
  /** The standard OpenID Connect claim: where the caller's e-mails go (an order's, when its request names none). */
  public static final String EMAIL = "email";

  private TokenClaims() {}
}
