package io.fusioncommerce.ingress.openapi;

import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the OpenAPI document says about one route; filled in where the route is registered. */
public final class OperationDoc {

  /** One documented response: its status, body type (or null) and content type. */
  public record ResponseDoc(int status, Class<?> body, String description, String contentType) {}

  /** One documented query parameter. */
  public record QueryParamDoc(String name, Class<?> type, String description) {}

  final HandlerType method;
  final String path;
  final Set<RouteRole> roles;
  String tag = "Platform";
  String summary = "";
  String description = "";
  Class<?> requestBody;
  String requestContentType = "application/json";
  final Map<Integer, ResponseDoc> responses = new LinkedHashMap<>();
  final List<QueryParamDoc> queryParams = new ArrayList<>();
  boolean idempotencyKey;

  OperationDoc(HandlerType method, String path, Set<RouteRole> roles) {
    this.method = method;
    this.path = path;
    this.roles = roles;
  }

  public OperationDoc tag(String tag) {
    this.tag = tag;
    return this;
  }

  public OperationDoc summary(String summary) {
    this.summary = summary;
    return this;
  }

  public OperationDoc description(String description) {
    this.description = description;
    return this;
  }

  public OperationDoc body(Class<?> type) {
    this.requestBody = type;
    return this;
  }

  public OperationDoc body(Class<?> type, String contentType) {
    this.requestBody = type;
    this.requestContentType = contentType;
    return this;
  }

  public OperationDoc response(int status, Class<?> type, String description) {
    responses.put(status, new ResponseDoc(status, type, description, "application/json"));
    return this;
  }

  public OperationDoc response(int status, Class<?> type, String description, String contentType) {
    responses.put(status, new ResponseDoc(status, type, description, contentType));
    return this;
  }

  public OperationDoc queryParam(String name, Class<?> type, String description) {
    queryParams.add(new QueryParamDoc(name, type, description));
    return this;
  }

  /** The operation honours the Idempotency-Key header. */
  public OperationDoc idempotent() {
    this.idempotencyKey = true;
    return this;
  }
}
