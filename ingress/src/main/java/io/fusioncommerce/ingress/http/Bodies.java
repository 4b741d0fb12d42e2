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
    String media = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    if (!media.startsWith("application/json") && !media.startsWith("application/merge-patch+json")) {
      throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
          "send the body as application/json", List.of());
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw ApiException.badRequest("a JSON body is required");
    }
    if (containsEscapedNul(body)) {
      throw ApiException.badRequest("text in the body must not contain NUL characters (\\u0000)");
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

  /** JSON can carry NUL only escaped; no text field of the API may hold it (Postgres refuses it). */
  private static boolean containsEscapedNul(byte[] body) {
    for (int i = 0; i < body.length - 1; i++) {
      if (body[i] != '\\') {
        continue;
      }
      if (body[i + 1] == 'u' && i + 5 < body.length && body[i + 2] == '0' && body[i + 3] == '0' && body[i + 4] == '0'
          && body[i + 5] == '0') {
        return true;
      }
      i++; // skip the escaped character, so an escaped backslash is not read as the start of another escape
    }
    return false;
  }
}
