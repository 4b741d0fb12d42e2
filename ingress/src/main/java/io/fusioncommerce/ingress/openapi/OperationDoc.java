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

  private static final String LONG_POLL_STATUS = "With waitMs: wait until the status is another one";

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

  /** Documents a query parameter; a second one of the same name replaces the first in place. */
  public OperationDoc queryParam(String name, Class<?> type, String description) {
    QueryParamDoc doc = new QueryParamDoc(name, type, description);
    queryParams.replaceAll(known -> known.name().equals(name) ? doc : known);
    if (!queryParams.contains(doc)) {
      queryParams.add(doc);
    }
    return this;
  }

  /** A problem+json answer with this status. */
  public OperationDoc problem(int status, String description) {
    return response(status, io.fusioncommerce.ingress.http.Problem.class, description,
        io.fusioncommerce.ingress.http.Problem.CONTENT_TYPE);
  }

  /** The long-poll parameters of a single-resource GET (see ReadParameters). */
  public OperationDoc longPoll() {
    return queryParam("waitMs", Long.class, "Long-poll up to this many ms (max 10000) for a change")
        .queryParam("version", Long.class, "With waitMs: wait for a version newer than this one")
        .queryParam("status", String.class, LONG_POLL_STATUS);
  }

  /** The long-poll parameters, naming the status a client typically waits to leave. */
  public OperationDoc longPoll(String statusExample) {
    return longPoll().queryParam("status", String.class, LONG_POLL_STATUS + " (e.g. " + statusExample + ")");
  }

  /** The paging parameters of a list that follows the API's convention ({@code PageLimit.LISTS}). */
  public OperationDoc paged() {
    return queryParam("limit", Integer.class, "Page size, default 50, at most 500")
        .queryParam("cursor", String.class, "The next value of the previous page");
  }

  /** The operation honours the Idempotency-Key header. */
  public OperationDoc idempotent() {
    this.idempotencyKey = true;
    return this;
  }
}
