package io.fusioncommerce.ingress.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fusioncommerce.ingress.auth.AuthenticationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into problem details; nothing leaks as an HTML page or a stack trace. */
public final class HttpErrors {

  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private final ObjectMapper json;

  public HttpErrors(ObjectMapper json) {
    this.json = json;
  }

  public void register(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> answer(ctx, e));
    routes.exception(AuthenticationException.class, (e, ctx) -> {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      answer(ctx, ApiException.unauthorized(e.getMessage()));
    });
    routes.exception(ValidationException.class, (e, ctx) -> answer(ctx, PathParams.refusal(e.getErrors())));
    routes.exception(JsonProcessingException.class, (e, ctx) -> answer(ctx, fromJson(e)));
    routes.exception(HttpResponseException.class, (e, ctx) ->
        answer(ctx, new ApiException(e.getStatus(), "http-" + e.getStatus(), reason(e.getStatus()), e.getMessage(), List.of())));
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
      answer(ctx, new ApiException(500, "internal", "Internal error",
          "The request failed unexpectedly; quote the correlation id when reporting it.", List.of()));
    });
    routes.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        answer(ctx, ApiException.notFound("no resource at " + ctx.path()));
      }
    });
    routes.error(405, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        answer(ctx, new ApiException(405, "method-not-allowed", "Method not allowed",
            ctx.method() + " is not supported on " + ctx.path(), List.of()));
      }
    });
  }

  public void answer(Context ctx, ApiException e) {
    Problem problem = new Problem(e.type(), e.title(), e.status(), e.getMessage(), ctx.path(), e.errors(),
        RequestContext.correlationId(ctx));
    try {
      ctx.status(e.status()).contentType(Problem.CONTENT_TYPE).result(json.writeValueAsString(problem));
    } catch (JsonProcessingException impossible) {
      ctx.status(e.status()).result(e.getMessage());
    }
  }

  static ApiException fromJson(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return ApiException.invalidField(path(unknown), "unknown field");
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return ApiException.invalidField(path(mapping), "has the wrong type or format");
    }
    return ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String reason(int status) {
    return switch (status) {
      case 413 -> "Request too large";
      case 415 -> "Unsupported media type";
      default -> "HTTP " + status;
    };
  }
}
