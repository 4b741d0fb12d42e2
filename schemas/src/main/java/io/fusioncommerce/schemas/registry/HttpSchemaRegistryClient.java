package io.fusioncommerce.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Confluent Schema Registry REST client with caches and retries.
 *
 * <p>Ids are immutable once assigned, so both directions (subject+schema to id, id to schema) are
 * cached for the life of the client; only the first use of a schema costs a round trip. Transport
 * errors and 5xx/429 answers are retried with backoff; 4xx answers are final.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final URI baseUri;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final RetryPolicy<Object> retryPolicy;
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  public HttpSchemaRegistryClient(String baseUrl) {
    this(baseUrl, RegistryRetry.defaults());
  }

  public HttpSchemaRegistryClient(String baseUrl, RegistryRetry retry) {
    this.baseUri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.retryPolicy =
        RetryPolicy.builder()
            .handleIf(
                failure ->
                    failure instanceof IOException
                        || (failure instanceof SchemaRegistryException sre && sre.isRetryable()))
            .withBackoff(retry.initialDelay(), retry.maxDelay())
            .withMaxRetries(retry.maxRetries())
            .build();
  }

  public String baseUrl() {
    return baseUri.toString();
  }

  @Override
  public int register(String subject, Schema schema) {
    Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    Integer cached = ids.get(schema);
    if (cached != null) {
      return cached;
    }
    ObjectNode body = json.createObjectNode();
    body.put("schema", schema.toString());
    JsonNode answer = call("POST", "subjects/" + encode(subject) + "/versions", body);
    int id = answer.path("id").asInt(-1);
    if (id < 0) {
      throw new SchemaRegistryException("registry answered without an id: " + answer, 200, -1);
    }
    ids.put(schema, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("GET", "schemas/ids/" + id, null);
    Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous != null ? previous : schema;
  }

  @Override
  public Optional<RegisteredSchema> latest(String subject) {
    try {
      JsonNode answer = call("GET", "subjects/" + encode(subject) + "/versions/latest", null);
      Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
      return Optional.of(
          new RegisteredSchema(
              subject, answer.path("id").asInt(), answer.path("version").asInt(), schema));
    } catch (SchemaRegistryException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    ObjectNode body = json.createObjectNode();
    body.put("schema", schema.toString());
    try {
      JsonNode answer =
          call("POST", "compatibility/subjects/" + encode(subject) + "/versions/latest", body);
      return answer.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      if (e.httpStatus() == 404) {
        return true; // nothing registered yet: anything is compatible
      }
      throw e;
    }
  }

  @Override
  public String globalCompatibility() {
    JsonNode answer = call("GET", "config", null);
    JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
    return level == null ? "" : level.asText();
  }

  @Override
  public void setGlobalCompatibility(String level) {
    ObjectNode body = json.createObjectNode();
    body.put("compatibility", level);
    call("PUT", "config", body);
  }

  private JsonNode call(String method, String path, JsonNode body) {
    try {
      return Failsafe.with(retryPolicy).get(() -> send(method, path, body));
    } catch (FailsafeException e) {
      throw new SchemaRegistryException(
          "schema registry at " + baseUri + " unreachable: " + e.getCause(), e.getCause());
    }
  }

  private JsonNode send(String method, String path, JsonNode body) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
    HttpRequest request =
        HttpRequest.newBuilder(baseUri.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", CONTENT_TYPE + ", application/json")
            .header("Content-Type", CONTENT_TYPE)
            .method(method, publisher)
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    if (response.statusCode() / 100 != 2) {
      int errorCode = -1;
      String message = text;
      try {
        JsonNode error = json.readTree(text);
        errorCode = error.path("error_code").asInt(-1);
        message = error.path("message").asText(text);
      } catch (IOException notJson) {
        // keep the raw text as the message
      }
      throw new SchemaRegistryException(
          method + " " + path + " -> " + response.statusCode() + ": " + message,
          response.statusCode(),
          errorCode);
    }
    return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }
}
