package io.fusioncommerce.ingress.auth;

/** Names of the JWT claims the platform reads, as API.md defines them. */
public final class TokenClaims {
  public static final String TENANT = "tenant";
  public static final String ROLES = "roles";
  public static final String VENDOR = "vendor";
  public static final String ORGANIZATION = "org";

  private TokenClaims() {}
}
