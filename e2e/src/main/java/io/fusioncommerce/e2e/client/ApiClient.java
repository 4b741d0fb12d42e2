package io.fusioncommerce.e2e.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for tests that drive the platform like any API client would. */
public final class ApiClient {

  /** An answer: status, headers and the body as JSON (null when it is not JSON). */
  public record Response(int status, HttpHeaders headers, String text, JsonNode json) {
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** A development token from the platform's own issuer. */
  public String token(String tenant, String subject, String... roles) {
    return vendorToken(tenant, subject, null, roles);
  }

  public String vendorToken(String tenant, String subject, String vendor, String... roles) {
    var body = JSON.createObjectNode().put("tenant", tenant).put("sub", subject);
    body.putArray("roles").addAll(java.util.Arrays.stream(roles).map(JSON.getNodeFactory()::textNode).toList());
    if (vendor != null) {
      body.put("vendor", vendor);
    }
    Response response = send("POST", "/v1/auth/dev-token", null, body.toString(), Map.of());
    if (response.status() != 200) {
      throw new IllegalStateException("dev token refused: " + response.text());
    }
    return response.json().path("token").asText();
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  public Response put(String path, String token, String json) {
    return send("PUT", path, token, json, Map.of());
  }

  public Response post(String path, String token, String json) {
    return send("POST", path, token, json, Map.of());
  }

  public Response send(String method, String path, String token, String json, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = null;
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      if (contentType.contains("json") && !response.body().isEmpty()) {
        body = JSON.readTree(response.body());
      }
      return new Response(response.statusCode(), response.headers(), response.body(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
