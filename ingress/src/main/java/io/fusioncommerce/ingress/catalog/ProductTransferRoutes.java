package io.fusioncommerce.ingress.catalog;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.csv.CsvImport;
import io.fusioncommerce.ingress.catalog.csv.ImportReport;
import io.fusioncommerce.ingress.catalog.csv.ImportSettings;
import io.fusioncommerce.ingress.catalog.csv.ImportSlots;
import io.fusioncommerce.ingress.catalog.csv.ProductExport;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Bulk CSV import and export of products. Registered before {@link ProductRoutes}, so
 * {@code /v1/products/export} is not read as a product SKU.
 */
public final class ProductTransferRoutes implements ApiModule {

  /** An import body may be far larger than a JSON request (100,000 rows is some 20 MiB). */
  public static final long MAX_IMPORT_BYTES = 100L * 1024 * 1024;

  private final Database database;
  private final ImportSlots importSlots;

  public ProductTransferRoutes(Database database) {
    this(database, ImportSettings.defaults());
  }

  public ProductTransferRoutes(Database database, ImportSettings imports) {
    this.database = database;
    this.importSlots = new ImportSlots(imports);
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    CsvImport importer = new CsvImport(database);
    ProductExport exporter = new ProductExport(database);
    routes.get("/v1/products/export", ctx -> export(ctx, exporter), Role.ADMIN, Role.OPERATOR, Role.ANALYST, Role.VENDOR)
        .tag("Catalog").summary("Every product of the tenant (a vendor: its own) as CSV, streamed")
        .response(200, String.class, "CSV: a product row, then its variants' rows (parent_sku set)", "text/csv");
    routes.post("/v1/products/import", ctx -> importCsv(ctx, importer), Role.ADMIN, Role.OPERATOR, Role.VENDOR)
        .tag("Catalog").summary("Create or update products from CSV (the export's layout); answers a per-row report")
        .description("Every row is checked; a product is written only when its row and all its variant rows are valid. "
            + "Re-importing the same file changes nothing (rows report UNCHANGED). ?report=all lists every row's outcome.")
        .body(String.class, "text/csv")
        .queryParam("report", String.class, "all: the outcome of every row, not only the failures")
        .response(200, ImportReport.class, "The import report")
        .problem(413, "The file is larger than 100 MiB, holds more than 200,000 rows or a row longer "
            + "than 64 KiB")
        .problem(429, "An import of this tenant is running (Retry-After)")
        .problem(503, "This node runs as many imports as it takes (Retry-After)");
  }

  private void export(Context ctx, ProductExport exporter) throws IOException {
    Principal principal = RequestContext.principal(ctx);
    ctx.contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"products-" + principal.tenantId() + ".csv\"");
    exporter.write(principal, ctx.outputStream());
  }

  private void importCsv(Context ctx, CsvImport importer) throws IOException {
    Principal principal = RequestContext.principal(ctx);
    String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
    if (!contentType.startsWith("text/csv")) {
      throw new ApiException(415, "unsupported-media-type", "Unsupported media type", "send the file as text/csv",
          List.of());
    }
    String report = ctx.queryParam("report");
    if (report != null && !report.equals("all") && !report.equals("errors")) {
      throw ApiException.invalidField("report", "all or errors");
    }
    ImportSlots.Slot slot;
    try {
      slot = importSlots.acquire(principal.tenantId());
    } catch (ApiException refused) {
      ctx.header("Retry-After", Integer.toString(ImportSlots.RETRY_AFTER_SECONDS));
      throw refused;
    }
    // The body goes to a file, not the heap: the import reads it twice (its shape first, so a malformed
    // file changes nothing), and a slow upload does not hold a database connection while it trickles in.
    try (slot) {
      Path spool = Files.createTempFile("fusion-import-", ".csv");
      try {
        try (InputStream body = limited(ctx.bodyInputStream())) {
          Files.copy(body, spool, StandardCopyOption.REPLACE_EXISTING);
        }
        CsvImport.Source csv = () -> new InputStreamReader(Files.newInputStream(spool), StandardCharsets.UTF_8);
        ctx.json(importer.run(principal, csv, ProductRoutes.change(ctx, principal), "all".equals(report)));
      } finally {
        Files.deleteIfExists(spool);
      }
    }
  }

  /**
   * The request body, refused with 413 once it holds more than {@link #MAX_IMPORT_BYTES}. The cap is one byte
   * above the limit so that a body of exactly the limit reaches its end; the refusal comes on the read after.
   */
  private static InputStream limited(InputStream body) throws IOException {
    return BoundedInputStream.builder().setInputStream(body).setMaxCount(MAX_IMPORT_BYTES + 1)
        .setOnMaxCount((max, count) -> {
          throw new ApiException(413, "too-large", "Request too large",
              "an import file holds at most " + (MAX_IMPORT_BYTES >> 20) + " MiB", List.of());
        })
        .get();
  }
}
