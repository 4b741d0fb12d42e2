package io.fusioncommerce.ingress.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.store.ProductSearch;
import io.fusioncommerce.ingress.catalog.store.ProductStore;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.recommendations.PersonalizedSearch;
import io.javalin.http.Context;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's products over HTTP, answered synchronously from Postgres. The domain events
 * (product.created, ...) follow through Debezium; the product table that prices orders follows them.
 */
public record ProductRoutes(Database database) implements ApiModule {

  /** Body of {@code POST /v1/products/{sku}/reject}. */
  public record RejectRequest(@NotBlank @Size(max = 500) String reason) {}

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    IdempotentWrites writes = new IdempotentWrites(database, api.json());
    routes.post("/v1/products", ctx -> create(ctx, api, writes), Role.ADMIN, Role.OPERATOR, Role.VENDOR)
        .tag("Catalog").summary("Create a product with its variants")
        .description("A vendor's product is its own and starts PENDING when the tenant requires approval; an admin's "
            + "product without vendorId belongs to the tenant's house vendor. product.created follows through CDC.")
        .body(ProductRequest.class).idempotent()
        .response(201, ProductView.class, "Created")
        .problem(409, "The SKU (or a variant's SKU) exists already");
    routes.get("/v1/products", ctx -> search(ctx, api), Role.ANY)
        .tag("Catalog").summary("Search products: full text, filters, facet counts, cursor pages")
        .description("Customers see ACTIVE products; vendors also their own; staff everything. Filter attributes with "
            + "attr.<name>=<value> and variant options with option.<name>=<value> (repeat for any of several values).")
        .queryParam("q", String.class, "Full-text query over name, description and attributes; tolerates typos in names")
        .queryParam("category", String.class, "A category id; its whole subtree matches")
        .queryParam("vendor", String.class, "A vendor id (repeatable)")
        .queryParam("minPrice", Long.class, "Lowest price in minor units")
        .queryParam("maxPrice", Long.class, "Highest price in minor units")
        .queryParam("currency", String.class, "Only products priced in this currency")
        .queryParam("status", String.class, "Staff and vendors: only this status")
        .queryParam("facets", String.class, "Comma-separated: category, vendor, status, attr.<name>, option.<name>")
        .queryParam(PersonalizedSearch.PARAMETER, Boolean.class,
            "true: the page re-ranked for the caller (its favourite categories first, from its confirmed orders)")
        .paged()
        .response(200, SearchResponse.class, "A page of products with the facet counts");
    routes.get("/v1/products/{sku}", ctx -> get(ctx, api), Role.ANY)
        .tag("Catalog").summary("A product with its variants and media; the ETag is its version")
        .response(200, ProductView.class, "The product");
    routes.patch("/v1/products/{sku}", ctx -> patch(ctx, api), Role.ADMIN, Role.OPERATOR, Role.VENDOR)
        .tag("Catalog").summary("Change a product (JSON merge patch); If-Match: \"<version>\" guards against lost updates")
        .body(ProductRequest.class)
        .response(200, ProductView.class, "The changed product")
        .problem(409, "The product is archived or changed at the same time")
        .problem(412, "If-Match names an older version");
    routes.delete("/v1/products/{sku}", ctx -> archive(ctx, api), Role.ADMIN, Role.OPERATOR, Role.VENDOR)
        .tag("Catalog").summary("Archive a product: it can no longer be ordered; PATCH status ACTIVE restores it")
        .response(200, ProductView.class, "The archived product");
    routes.post("/v1/products/{sku}/approve", ctx -> approve(ctx, api, writes), Role.ADMIN, Role.OPERATOR)
        .tag("Catalog").summary("Approve a PENDING (or REJECTED) vendor product: it goes on sale").idempotent()
        .response(200, ProductView.class, "The approved product")
        .problem(409, "The product is not waiting for approval");
    routes.post("/v1/products/{sku}/reject", ctx -> reject(ctx, api, writes), Role.ADMIN, Role.OPERATOR)
        .tag("Catalog").summary("Reject a PENDING product, or take an ACTIVE one off sale, with a reason")
        .body(RejectRequest.class).idempotent()
        .response(200, ProductView.class, "The rejected product")
        .problem(409, "The product cannot be rejected in its status");
  }

  private void create(Context ctx, ApiContext api, IdempotentWrites writes) {
    Principal principal = RequestContext.principal(ctx);
    ProductRequest request = api.bodies().read(ctx, ProductRequest.class);
    writes.run(ctx, principal, "create-product", request, handle -> {
      CatalogProduct created = ProductCatalog.create(handle, principal, request.draft(), change(ctx, principal));
      return new IdempotentWrites.Answer(201, ProductView.of(created), "/v1/products/" + created.sku());
    });
  }

  private void search(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    ProductSearch.Criteria criteria = SearchParameters.parse(principal, ctx.queryParamMap());
    if (PersonalizedSearch.requested(ctx)) {
      // the same page, re-ranked for the caller where its recommendation profile is
      PersonalizedSearch.answer(ctx, api, principal, () -> search(principal, criteria), (page, ranking) ->
          response(page, ranking.rerank(page.items(), CatalogProduct::categoryIds)));
      return;
    }
    ProductSearch.Page page = search(principal, criteria);
    ctx.json(response(page, page.items()));
  }

  private ProductSearch.Page search(Principal principal, ProductSearch.Criteria criteria) {
    return database.inTenant(principal.tenantId(), handle -> new ProductSearch(handle).search(criteria));
  }

  private static SearchResponse response(ProductSearch.Page page, List<CatalogProduct> items) {
    return new SearchResponse(items.stream().map(ProductView::of).toList(), page.facets(), page.next(), page.fuzzy(),
        page.correctedQuery());
  }

  private void get(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    CatalogProduct product = database.inTenant(principal.tenantId(), handle -> ProductCatalog.get(handle, principal, sku));
    answer(ctx, product);
  }

  private void patch(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    ProductPatch patch = ProductPatch.parse(api.bodies().read(ctx, JsonNode.class), api.json());
    Optional<Long> expected = ifMatch(ctx);
    ProductStore.Change change = change(ctx, principal);
    CatalogProduct product = database.inTenant(principal.tenantId(), handle -> {
      CatalogProduct result = null;
      if ("ACTIVE".equals(patch.status())) {
        if (!ProductAccess.isStaff(principal)) {
          throw ApiException.forbidden("only an admin restores an archived product");
        }
        result = ProductCatalog.restore(handle, principal, sku, change);
      }
      if (patch.changesFields()) {
        result = ProductCatalog.revise(handle, principal, sku, result == null ? expected : Optional.empty(),
            patch::applyTo, change);
      }
      if (patch.status() != null) {
        String status = patch.status();
        if (status.equals("ARCHIVED")) {
          result = ProductCatalog.archive(handle, principal, sku, change);
        } else if (!status.equals("ACTIVE")) {
          throw ApiException.invalidField("status",
              "ARCHIVED archives, ACTIVE restores an archived product; use /approve and /reject for approval");
        }
      }
      return result != null ? result : ProductCatalog.get(handle, principal, sku);
    });
    answer(ctx, product);
  }

  private void archive(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    answer(ctx, database.inTenant(principal.tenantId(),
        handle -> ProductCatalog.archive(handle, principal, sku, change(ctx, principal))));
  }

  private void approve(Context ctx, ApiContext api, IdempotentWrites writes) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    writes.run(ctx, principal, "approve:" + sku, sku, handle -> new IdempotentWrites.Answer(200,
        ProductView.of(ProductCatalog.approve(handle, principal, sku, change(ctx, principal))), null));
  }

  private void reject(Context ctx, ApiContext api, IdempotentWrites writes) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    RejectRequest request = api.bodies().read(ctx, RejectRequest.class);
    writes.run(ctx, principal, "reject:" + sku, request, handle -> new IdempotentWrites.Answer(200,
        ProductView.of(ProductCatalog.reject(handle, principal, sku, request.reason().strip(), change(ctx, principal))),
        null));
  }

  private static void answer(Context ctx, CatalogProduct product) {
    ctx.header("ETag", "\"" + product.version() + "\"").json(ProductView.of(product));
  }

  static ProductStore.Change change(Context ctx, Principal principal) {
    return new ProductStore.Change(principal.subject(), RequestContext.correlationId(ctx));
  }

  static String sku(Context ctx) {
    return PathParams.matching(ctx, "sku", ProductRules.SKU, "not a valid SKU");
  }

  private static Optional<Long> ifMatch(Context ctx) {
    String header = ctx.header("If-Match");
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return Optional.empty();
    }
    String value = header.strip().replaceFirst("^W/", "").replace("\"", "");
    try {
      return Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      throw ApiException.invalidField("If-Match", "the ETag of a product, such as \"3\"");
    }
  }
}
