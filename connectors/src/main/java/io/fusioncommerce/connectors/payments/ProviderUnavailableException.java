package io.fusioncommerce.connectors.payments;

/** The provider could not be reached or failed on its side: the same call is tried again later. */
public final class ProviderUnavailableException extends RuntimeException {
  public ProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
