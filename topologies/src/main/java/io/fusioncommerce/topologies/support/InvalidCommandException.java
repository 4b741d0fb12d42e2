package io.fusioncommerce.topologies.support;

/** A command the topology refuses; it is routed to the dead-letter topic and changes nothing. */
public final class InvalidCommandException extends RuntimeException {
  public InvalidCommandException(String message) {
    super(message);
  }
}
