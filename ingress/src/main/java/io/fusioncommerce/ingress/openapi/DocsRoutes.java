package io.fusioncommerce.ingress.openapi;

import io.fusioncommerce.ingress.auth.Access;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /openapi.json} and the browsable reference at {@code GET /docs} (Swagger UI from its webjar). */
public final class DocsRoutes {

  private final String docsPage;

  public DocsRoutes() {
    try (InputStream page = DocsRoutes.class.getResourceAsStream("docs.html")) {
      this.docsPage = new String(page.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Registers the routes; the document is rendered once, after every route is known. */
  public void register(DocumentedRoutes routes, java.util.function.Supplier<OpenApiDocument> document) {
    routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document.get().json()),
        Access.ANONYMOUS).tag("Operations").summary("This OpenAPI document");
    routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(docsPage), Access.ANONYMOUS)
        .tag("Operations").summary("Browsable API reference");
  }
}
