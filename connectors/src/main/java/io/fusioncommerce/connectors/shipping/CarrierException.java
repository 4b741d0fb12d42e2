package io.fusioncommerce.connectors.shipping;

/** A carrier could not be reached, or refused the call. */
public final class CarrierException extends RuntimeException {
  public CarrierException(String message) {
    super(message);
  }

  public CarrierException(String message, Throwable cause) {
    super(message, cause);
  }
}
