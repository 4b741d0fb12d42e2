package io.fusioncommerce.ingress.analytics;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Access;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /dashboard}: the operator's dashboard, a static page and its script and style, read from the
 * class path once. The page is public (it holds no data); it signs in and then reads {@code /v1/live} and
 * {@code /v1/analytics/*} with the bearer token like any client. A strict Content-Security-Policy lets it
 * run only its own scripts (and ECharts from its webjar), so a product or vendor name in the data can
 * never run as code, and no other site may frame it.
 */
public final class DashboardRoutes implements ApiModule {

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
      + "frame-ancestors 'none'";

  private record Asset(String contentType, byte[] body) {}

  private final Asset page = asset("index.html", "text/html; charset=utf-8");
  private final Map<String, Asset> assets = Map.of(
      "dashboard.js", asset("dashboard.js", "text/javascript; charset=utf-8"),
      "dashboard.css", asset("dashboard.css", "text/css; charset=utf-8"));

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.get("/dashboard", ctx -> serve(ctx, page), Access.ANONYMOUS)
        .tag("Operations").summary("The operator's dashboard (HTML): live tiles and sales history")
        .description("Signs in with a token (in embedded mode with a development sign-in form) and shows /v1/live "
            + "and /v1/analytics/*.");
    // the page's own files, kept out of the API document
    routes.javalin().addHttpHandler(HandlerType.GET, "/dashboard/{asset}", ctx -> {
      Asset asset = assets.get(ctx.pathParam("asset"));
      if (asset == null) {
        ctx.status(404);
        return;
      }
      serve(ctx, asset);
    }, Access.ANONYMOUS);
  }

  private static void serve(Context ctx, Asset asset) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-cache")
        .contentType(asset.contentType())
        .result(asset.body());
  }

  private static Asset asset(String name, String contentType) {
    try (InputStream in = DashboardRoutes.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard/" + name + " is missing from the class path");
      }
      return new Asset(contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
