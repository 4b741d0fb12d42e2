package io.fusioncommerce.schemas.registry;

/** The registry refused a request, or could not be reached after the retries. */
public class SchemaRegistryException extends RuntimeException {

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = -1;
    this.errorCode = -1;
  }

  /** HTTP status of the refusal, or -1 when the registry was not reachable. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent error code (e.g. 40401 subject not found, 409 incompatible), or -1. */
  public int errorCode() {
    return errorCode;
  }

  /** Server-side or transport failures are worth another attempt; refusals (4xx) are not. */
  boolean isRetryable() {
    return httpStatus == -1 || httpStatus == 429 || httpStatus >= 500;
  }
}
