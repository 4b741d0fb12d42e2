package io.fusioncommerce.ingress.catalog.csv;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.catalog.ProductAccess;
import io.fusioncommerce.ingress.catalog.store.ProductStore;
import io.fusioncommerce.ingress.database.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.statement.Query;

/**
 * Streams every product of the tenant (a vendor: its own) as CSV, in SKU order, straight from a
 * database cursor to the response: memory stays flat whatever the size of the catalog.
 */
public final class ProductExport {

  private final Database database;

  public ProductExport(Database database) {
    this.database = database;
  }

  public void write(Principal principal, OutputStream out) {
    Optional<String> vendor = ProductAccess.readsEverything(principal) ? Optional.empty() : principal.vendorId();
    database.inTenant(principal.tenantId(), handle -> {
      String scope = " from catalog.products where tenant_id = :tenant" + (vendor.isPresent() ? " and vendor_id = :vendor" : "");
      SortedSet<String> attributes = new TreeSet<>(bindScope(handle.createQuery(
          "select distinct jsonb_object_keys(attributes)" + scope), principal, vendor).mapTo(String.class).list());
      SortedSet<String> options = new TreeSet<>(bindScope(handle.createQuery(
          "select distinct jsonb_object_keys(v -> 'options')" + scope.replace(" from catalog.products",
              " from catalog.products cross join jsonb_array_elements(variants) v")), principal, vendor)
          .mapTo(String.class).list());
      List<String> header = ProductCsv.header(attributes, options);
      try {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, ProductCsv.FORMAT.builder().setHeader(header.toArray(String[]::new)).get());
        try (var products = bindScope(handle.createQuery("select " + ProductStore.columns() + scope + " order by sku"),
            principal, vendor).setFetchSize(500).map(ProductStore.mapper()).stream()) {
          products.forEach(product -> ProductCsv.write(printer, header, product));
        }
        printer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    });
  }

  private static Query bindScope(Query query, Principal principal, Optional<String> vendor) {
    query.bind("tenant", principal.tenantId());
    vendor.ifPresent(v -> query.bind("vendor", v));
    return query;
  }
}
