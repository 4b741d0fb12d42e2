package io.fusioncommerce.ingress.http;

import java.util.List;
import java.util.Optional;

/**
 * The {@code ?limit=} of a list: absent means the default, otherwise a whole number from 1 to
 * {@code max}. One rule for every list, so a wrong limit is refused the same way everywhere (400,
 * errors[].field "limit").
 */
public record PageLimit(int defaultLimit, int max) {

  /** The API's list convention: default 50, at most 500. */
  public static final PageLimit LISTS = new PageLimit(50, 500);

  /** The limit {@code raw} asks for, or empty when it is not a whole number from 1 to {@link #max}. */
  public Optional<Integer> parse(String raw) {
    try {
      int limit = Integer.parseInt(raw);
      return limit >= 1 && limit <= max ? Optional.of(limit) : Optional.empty();
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  /** What a refused limit is told. */
  public String rule() {
    return "a whole number from 1 to " + max;
  }

  /** The limit, or the default when absent; a wrong one is refused at once. */
  public int require(String raw) {
    if (raw == null) {
      return defaultLimit;
    }
    return parse(raw).orElseThrow(() -> ApiException.invalidField("limit", rule()));
  }

  /**
   * The limit, or the default when absent; a wrong one adds {@code message} to {@code errors} (a
   * list reporting every wrong parameter at once) and answers the default.
   */
  public int collect(Optional<String> raw, List<FieldError> errors, String message) {
    return raw.map(value -> parse(value).orElseGet(() -> {
      errors.add(new FieldError("limit", message));
      return defaultLimit;
    })).orElse(defaultLimit);
  }
}
