package io.fusioncommerce.ingress.auth;

/** The request carries no usable credentials: answered with 401. */
public final class AuthenticationException extends RuntimeException {
  public AuthenticationException(String message) {
    super(message);
  }
}
