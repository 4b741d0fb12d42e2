package io.fusioncommerce.connectors.notifications;

/** A mail that could not be sent now (the SMTP server or the ledger is down): its event is tried again. */
public final class MailUnavailableException extends RuntimeException {
  public MailUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
