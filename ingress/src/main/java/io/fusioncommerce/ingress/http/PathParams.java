package io.fusioncommerce.ingress.http;

import io.javalin.http.Context;
import io.javalin.validation.ValidationError;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Path parameters checked with Javalin's validators before a handler uses them. A value that does not
 * fit is refused as the API refuses any wrong field: 400 problem details naming the parameter in
 * errors[].field; nothing is read or written for it.
 */
public final class PathParams {

  private PathParams() {}

  /** The path parameter {@code name}, which must match {@code pattern} as a whole. */
  public static String matching(Context ctx, String name, Pattern pattern, String message) {
    return ctx.pathParamAsClass(name, String.class)
        .check(value -> pattern.matcher(value).matches(), message)
        .getOrThrow(PathParams::refusal);
  }

  /** Javalin's validation errors as the API's 400 problem. */
  public static ApiException refusal(Map<String, ? extends List<? extends ValidationError<?>>> errors) {
    return ApiException.validation(errors.entrySet().stream()
        .flatMap(field -> field.getValue().stream().map(error -> new FieldError(field.getKey(), error.getMessage())))
        .toList());
  }
}
