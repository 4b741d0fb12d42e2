package io.fusioncommerce.ingress.catalog;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.store.CategoryStore;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The category tree of a tenant: any depth; filtering products by a category includes its subtree. */
public record CategoryRoutes(Database database) implements ApiModule {

  /** Body of {@code POST /v1/categories}. */
  public record CategoryRequest(
      @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,63}", message = "1 to 64 lower-case letters, digits, '_' or '-'") String id,
      @NotBlank @Size(max = 200) String name,
      @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,63}", message = "not a category id") String parentId) {}

  /** A category as created. */
  public record CategoryView(String id, String name, String parentId, List<String> path) {}

  /** A node of the tree. */
  public record CategoryNode(String id, String name, List<CategoryNode> children) {}

  /** Answer of {@code GET /v1/categories}: the roots, each with its subtree. */
  public record CategoryTree(List<CategoryNode> items) {}

  static final int MAX_DEPTH = 10;

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    IdempotentWrites writes = new IdempotentWrites(database, api.json());
    routes.post("/v1/categories", ctx -> create(ctx, api, writes), Role.ADMIN, Role.OPERATOR)
        .tag("Catalog").summary("Create a category, at the root or under parentId").body(CategoryRequest.class)
        .idempotent()
        .response(201, CategoryView.class, "Created")
        .problem(409, "The category exists already");
    routes.get("/v1/categories", ctx -> tree(ctx), Role.ANY)
        .tag("Catalog").summary("The category tree")
        .response(200, CategoryTree.class, "Every category, as a tree");
  }

  private void create(Context ctx, ApiContext api, IdempotentWrites writes) {
    Principal principal = RequestContext.principal(ctx);
    CategoryRequest request = api.bodies().read(ctx, CategoryRequest.class);
    writes.run(ctx, principal, "create-category", request, handle -> {
      CategoryStore categories = new CategoryStore(handle);
      if (categories.find(principal.tenantId(), request.id()).isPresent()) {
        throw ApiException.conflict("category " + request.id() + " exists already");
      }
      Optional<CategoryStore.Category> parent = Optional.ofNullable(request.parentId()).map(id ->
          categories.find(principal.tenantId(), id)
              .orElseThrow(() -> ApiException.invalidField("parentId", "no category " + id)));
      if (parent.isPresent() && parent.get().path().size() >= MAX_DEPTH) {
        throw ApiException.invalidField("parentId", "categories nest at most " + MAX_DEPTH + " deep");
      }
      CategoryStore.Category created = categories.create(principal.tenantId(), request.id(), request.name().strip(), parent);
      return new IdempotentWrites.Answer(201,
          new CategoryView(created.id(), created.name(), created.parentId(), created.path()), "/v1/categories");
    });
  }

  private void tree(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    List<CategoryStore.Category> all = database.inTenant(principal.tenantId(),
        handle -> new CategoryStore(handle).all(principal.tenantId()));
    Map<String, List<CategoryStore.Category>> children = new LinkedHashMap<>();
    all.forEach(c -> children.computeIfAbsent(c.parentId(), p -> new ArrayList<>()).add(c));
    ctx.json(new CategoryTree(nodes(children, null)));
  }

  private static List<CategoryNode> nodes(Map<String, List<CategoryStore.Category>> children, String parent) {
    return children.getOrDefault(parent, List.of()).stream()
        .map(c -> new CategoryNode(c.id(), c.name(), nodes(children, c.id()))).toList();
  }
}
