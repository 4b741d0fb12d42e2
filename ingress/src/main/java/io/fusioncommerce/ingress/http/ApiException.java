package io.fusioncommerce.ingress.http;

import java.util.List;

/**
 * A request that cannot be served, with the problem details to answer. Thrown before anything is
 * written, so a refused request changes nothing.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;
  private final List<FieldError> errors;

  public ApiException(int status, String slug, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ApiException validation(List<FieldError> errors) {
    return new ApiException(400, "validation", "Invalid request", "The request has invalid fields.", errors);
  }

  public static ApiException invalidField(String field, String message) {
    return validation(List.of(new FieldError(field, message)));
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "bad-request", "Bad request", detail, List.of());
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", "Unauthorized", detail, List.of());
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", "Forbidden", detail, List.of());
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not-found", "Not found", detail, List.of());
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "conflict", "Conflict", detail, List.of());
  }

  /** 429: the caller sends too fast or too much at once; the caller sets Retry-After before throwing. */
  public static ApiException tooManyRequests(String detail) {
    return new ApiException(429, "too-many-requests", "Too many requests", detail, List.of());
  }

  public static ApiException unavailable(String detail) {
    return new ApiException(503, "unavailable", "Service unavailable", detail, List.of());
  }

  public int status() {
    return status;
  }

  public String type() {
    return ProblemTypes.uri(slug);
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
