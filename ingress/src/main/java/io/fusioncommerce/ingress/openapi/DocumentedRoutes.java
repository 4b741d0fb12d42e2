package io.fusioncommerce.ingress.openapi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Registers routes with Javalin and records them for the OpenAPI document in the same call, so the
 * document lists exactly the routes that exist.
 */
public final class DocumentedRoutes {

  private final RoutesConfig routes;
  private final List<OperationDoc> operations = new ArrayList<>();

  public DocumentedRoutes(RoutesConfig routes) {
    this.routes = routes;
  }

  public RoutesConfig javalin() {
    return routes;
  }

  public OperationDoc get(String path, Handler handler, RouteRole... roles) {
    return add(HandlerType.GET, path, handler, roles);
  }

  public OperationDoc post(String path, Handler handler, RouteRole... roles) {
    return add(HandlerType.POST, path, handler, roles);
  }

  public OperationDoc put(String path, Handler handler, RouteRole... roles) {
    return add(HandlerType.PUT, path, handler, roles);
  }

  public OperationDoc patch(String path, Handler handler, RouteRole... roles) {
    return add(HandlerType.PATCH, path, handler, roles);
  }

  public OperationDoc delete(String path, Handler handler, RouteRole... roles) {
    return add(HandlerType.DELETE, path, handler, roles);
  }

  private OperationDoc add(HandlerType method, String path, Handler handler, RouteRole... roles) {
    routes.addHttpHandler(method, path, handler, roles);
    OperationDoc doc = new OperationDoc(method, path, Set.of(roles));
    operations.add(doc);
    return doc;
  }

  List<OperationDoc> operations() {
    return List.copyOf(operations);
  }
}
