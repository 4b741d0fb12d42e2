package io.fusioncommerce.topologies.catalog;

/**
 * A change record the catalog topology cannot make sense of (not Debezium's JSON, a missing column, a
 * malformed jsonb value, a key that disagrees with its row). It is routed to the dead-letter topic
 * with this message and changes nothing; the topology carries on with the next record.
 */
public final class UnreadableChangeException extends RuntimeException {

  public UnreadableChangeException(String message) {
    super(message);
  }

  public UnreadableChangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
