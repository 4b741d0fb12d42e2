package io.fusioncommerce.ingress.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error answer as RFC 9457 problem details ({@code application/problem+json}). {@code errors}
 * lists the offending fields of a validation failure; {@code correlationId} ties the answer to logs.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type, String title, int status, String detail, String instance, List<FieldError> errors, String correlationId) {

  public static final String CONTENT_TYPE = "application/problem+json";
}
