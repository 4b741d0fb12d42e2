package io.fusioncommerce.connectors.objectstore;

/** The object store could not be reached, or refused a call. */
public class ObjectStoreException extends RuntimeException {

  public ObjectStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public ObjectStoreException(String message) {
    super(message);
  }
}
