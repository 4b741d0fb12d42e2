package io.fusioncommerce.ingress.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;

/** Reads and validates JSON request bodies. */
public final class Bodies {

  private final ObjectMapper json;
  private final RequestValidator validator;

  public Bodies(ObjectMapper json, RequestValidator validator) {
    this.json = json;
    this.validator = validator;
  }

  public <T> T read(Context ctx, Class<T> type) {
    String contentType = ctx.contentType();
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
          "send the body as application/json", List.of());
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw ApiException.badRequest("a JSON body is required");
    }
    T value;
    try {
      value = json.readValue(body, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw HttpErrors.fromJson(e);
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read");
    }
    return validator.valid(value);
  }
}
