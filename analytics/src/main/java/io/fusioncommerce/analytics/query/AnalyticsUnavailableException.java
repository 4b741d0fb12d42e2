package io.fusioncommerce.analytics.query;

/** The analytics store cannot answer now (not started yet, restarting, or down); the caller may retry. */
public final class AnalyticsUnavailableException extends Exception {

  public AnalyticsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public AnalyticsUnavailableException(String message) {
    super(message);
  }
}
