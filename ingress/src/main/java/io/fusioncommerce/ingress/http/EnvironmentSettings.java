package io.fusioncommerce.ingress.http;

import java.util.Map;

/** Reading the ingress's settings from environment variables, one rule for every setting. */
public final class EnvironmentSettings {

  private EnvironmentSettings() {}

  /** The whole number in {@code variable}, {@code fallback} when unset or blank; anything else stops the start. */
  public static int wholeNumber(Map<String, String> env, String variable, int fallback) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " must be a whole number, not " + value);
    }
  }
}
