package io.fusioncommerce.ingress.catalog.csv;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.catalog.CatalogProduct;
import io.fusioncommerce.ingress.catalog.Price;
import io.fusioncommerce.ingress.catalog.ProductAccess;
import io.fusioncommerce.ingress.catalog.ProductDraft;
import io.fusioncommerce.ingress.catalog.ProductRules;
import io.fusioncommerce.ingress.catalog.ProductStatus;
import io.fusioncommerce.ingress.catalog.Variant;
import io.fusioncommerce.ingress.catalog.store.CategoryStore;
import io.fusioncommerce.ingress.catalog.store.ProductStore;
import io.fusioncommerce.ingress.catalog.store.TenantStore;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk import of products from CSV ({@link ProductCsv}'s layout). Every row is checked against the
 * same rules as the HTTP API; a product is written only when its own row and every one of its
 * variant rows are valid, so a bad row never half-imports a product. Valid products are written in
 * batches, each in one transaction; a batch that the database refuses (a SKU taken at the same moment,
 * say) is retried product by product, so one product's failure does not sink its neighbours.
 */
public final class CsvImport {

  private static final Logger LOG = LoggerFactory.getLogger(CsvImport.class);
  static final int BATCH = 500;
  static final int STATISTICS_THRESHOLD = 1_000;
  public static final int MAX_ROWS = 200_000;
  private static final Pattern VARIANT_FIELD = Pattern.compile("variants\\[(\\d+)]\\.?(.*)");

  private final Database database;

  public CsvImport(Database database) {
    this.database = database;
  }

  /** One row of the file. */
  record Row(long line, Map<String, String> cells) {
    String get(String column) {
      String value = cells.get(column);
      return value == null || value.isBlank() ? null : value.strip();
    }
  }

  /** A product's row and its variants' rows. */
  static final class Group {
    final String sku;
    Row product;
    final List<Row> variants = new ArrayList<>();
    ProductDraft draft;
    boolean archive;

    Group(String sku) {
      this.sku = sku;
    }

    List<Row> rows() {
      List<Row> rows = new ArrayList<>();
      if (product != null) {
        rows.add(product);
      }
      rows.addAll(variants);
      return rows;
    }
  }

  public ImportReport run(Principal principal, Reader csv, ProductStore.Change change, boolean fullReport) {
    Outcomes outcomes = new Outcomes();
    Map<String, Group> groups = read(csv, outcomes);
    List<Group> valid = new ArrayList<>();
    for (Group group : groups.values()) {
      if (prepare(group, outcomes)) {
        valid.add(group);
      }
    }
    TenantStore.TenantSettings tenant = database.inTenant(principal.tenantId(),
        handle -> new TenantStore(handle).settings(principal.tenantId()));
    for (int from = 0; from < valid.size(); from += BATCH) {
      store(principal, tenant, valid.subList(from, Math.min(valid.size(), from + BATCH)), change, outcomes);
    }
    ImportReport report = outcomes.report(groups.size(), fullReport);
    if (report.created() + report.updated() >= STATISTICS_THRESHOLD) {
      // a large import changes what the planner should assume about the table (autovacuum comes later)
      database.jdbi().useHandle(handle -> handle.createQuery("select catalog.refresh_product_statistics()")
          .mapTo(String.class).one());
    }
    return report;
  }

  // ------------------------------------------------------------------ reading

  private Map<String, Group> read(Reader csv, Outcomes outcomes) {
    Map<String, Group> groups = new LinkedHashMap<>();
    Map<String, Long> skuLines = new HashMap<>();
    try (CSVParser parser = CSVParser.builder().setReader(csv)
        .setFormat(ProductCsv.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
      checkHeader(parser.getHeaderNames());
      for (CSVRecord record : parser) {
        long line = record.getRecordNumber() + 1;
        if (record.getRecordNumber() > MAX_ROWS) {
          throw new ApiException(413, "too-many-rows", "Too many rows",
              "an import holds at most " + MAX_ROWS + " rows; split the file", List.of());
        }
        Row row = new Row(line, record.toMap());
        if (!record.isConsistent()) {
          outcomes.fail(row, null, null, "has " + record.size() + " cells, the header " + parser.getHeaderNames().size());
          continue;
        }
        String sku = row.get(ProductCsv.SKU);
        if (sku == null) {
          outcomes.fail(row, null, ProductCsv.SKU, "is required");
          continue;
        }
        Long seen = skuLines.putIfAbsent(sku, line);
        if (seen != null) {
          outcomes.fail(row, sku, ProductCsv.SKU, "SKU " + sku + " appears already on line " + seen);
          continue;
        }
        String parent = row.get(ProductCsv.PARENT_SKU);
        if (parent == null) {
          groups.computeIfAbsent(sku, Group::new).product = row;
        } else {
          groups.computeIfAbsent(parent, Group::new).variants.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw ApiException.badRequest("the CSV could not be read: " + e.getMessage());
    }
    return groups;
  }

  private static void checkHeader(List<String> header) {
    List<FieldError> errors = new ArrayList<>();
    for (String required : List.of(ProductCsv.SKU, ProductCsv.NAME, ProductCsv.PRICE, ProductCsv.CURRENCY)) {
      if (!header.contains(required)) {
        errors.add(new FieldError("header", "column " + required + " is missing"));
      }
    }
    Set<String> seen = new HashSet<>();
    for (String column : header) {
      boolean keyed = (column.startsWith(ProductCsv.ATTRIBUTE_PREFIX) || column.startsWith(ProductCsv.OPTION_PREFIX))
          && ProductRules.ATTRIBUTE_NAME.matcher(column.substring(column.indexOf('.') + 1)).matches();
      if (!keyed && !ProductCsv.KNOWN.contains(column)) {
        errors.add(new FieldError("header", "unknown column " + column));
      }
      if (!seen.add(column)) {
        errors.add(new FieldError("header", "column " + column + " appears twice"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
  }

  // ------------------------------------------------------------------ checking

  /** Builds the group's draft and checks it; false (with every row reported) when anything is wrong. */
  private boolean prepare(Group group, Outcomes outcomes) {
    if (group.product == null) {
      group.variants.forEach(row -> outcomes.fail(row, row.get(ProductCsv.SKU), ProductCsv.PARENT_SKU,
          "no product row with SKU " + group.sku + " in this file"));
      return false;
    }
    List<Located> errors = new ArrayList<>();
    Row row = group.product;
    Price price = new Price(amount(row, errors), row.get(ProductCsv.CURRENCY));
    List<Variant> variants = new ArrayList<>();
    for (Row variantRow : group.variants) {
      Long amount = amount(variantRow, errors);
      String currency = variantRow.get(ProductCsv.CURRENCY);
      Price variantPrice = amount == null && variantRow.get(ProductCsv.PRICE) == null ? null
          : new Price(amount, currency == null ? price.currency() : currency);
      variants.add(new Variant(variantRow.get(ProductCsv.SKU), prefixed(variantRow, ProductCsv.OPTION_PREFIX), variantPrice));
    }
    String status = row.get(ProductCsv.STATUS);
    if (status != null && !List.of("PENDING", "ACTIVE", "REJECTED", "ARCHIVED").contains(status)) {
      errors.add(new Located(row, ProductCsv.STATUS, "one of ACTIVE, PENDING, REJECTED, ARCHIVED"));
    }
    group.archive = "ARCHIVED".equals(status);
    group.draft = new ProductDraft(group.sku, row.get(ProductCsv.VENDOR), row.get(ProductCsv.NAME),
        row.get(ProductCsv.DESCRIPTION), price, ProductCsv.categories(row.get(ProductCsv.CATEGORIES)),
        prefixed(row, ProductCsv.ATTRIBUTE_PREFIX), variants);
    for (FieldError error : ProductRules.check(group.draft)) {
      if (error.field().equals("price.amount") && errors.stream().anyMatch(e -> e.row() == row)) {
        continue; // already reported as unreadable
      }
      errors.add(locate(group, error));
    }
    if (errors.isEmpty()) {
      return true;
    }
    errors.forEach(e -> outcomes.fail(e.row(), e.row().get(ProductCsv.SKU), e.column(), e.message()));
    Set<Row> blamed = new HashSet<>();
    errors.forEach(e -> blamed.add(e.row()));
    group.rows().stream().filter(r -> !blamed.contains(r)).forEach(r -> outcomes.fail(r, r.get(ProductCsv.SKU), null,
        "not imported: another row of product " + group.sku + " is invalid"));
    return false;
  }

  private record Located(Row row, String column, String message) {}

  /** Puts a rule's error on the row and column of the file it came from. */
  private static Located locate(Group group, FieldError error) {
    Matcher variant = VARIANT_FIELD.matcher(error.field());
    if (variant.matches()) {
      Row row = group.variants.get(Integer.parseInt(variant.group(1)));
      return new Located(row, column(variant.group(2), ProductCsv.OPTION_PREFIX), error.message());
    }
    return new Located(group.product, column(error.field(), ProductCsv.ATTRIBUTE_PREFIX), error.message());
  }

  private static String column(String field, String prefix) {
    if (field.isEmpty() || field.equals("variants")) {
      return null;
    }
    if (field.startsWith("price.currency")) {
      return ProductCsv.CURRENCY;
    }
    if (field.startsWith("price")) {
      return ProductCsv.PRICE;
    }
    if (field.startsWith("categoryIds")) {
      return ProductCsv.CATEGORIES;
    }
    if (field.startsWith("attributes.") || field.startsWith("options.")) {
      return prefix + field.substring(field.indexOf('.') + 1);
    }
    return switch (field) {
      case "sku" -> ProductCsv.SKU;
      case "vendorId" -> ProductCsv.VENDOR;
      case "name" -> ProductCsv.NAME;
      case "description" -> ProductCsv.DESCRIPTION;
      default -> null;
    };
  }

  private static Long amount(Row row, List<Located> errors) {
    String cell = row.get(ProductCsv.PRICE);
    if (cell == null) {
      return null;
    }
    try {
      return Long.parseLong(cell);
    } catch (NumberFormatException e) {
      errors.add(new Located(row, ProductCsv.PRICE, "a whole number of minor units (5999 for 59.99 USD)"));
      return null;
    }
  }

  private static Map<String, String> prefixed(Row row, String prefix) {
    Map<String, String> values = new TreeMap<>();
    row.cells().forEach((column, value) -> {
      if (column.startsWith(prefix) && value != null && !value.isBlank()) {
        values.put(column.substring(prefix.length()), value.strip());
      }
    });
    return values;
  }

  // ------------------------------------------------------------------ writing

  private void store(Principal principal, TenantStore.TenantSettings tenant, List<Group> batch,
      ProductStore.Change change, Outcomes outcomes) {
    Outcomes attempt = new Outcomes();
    try {
      database.inTenant(principal.tenantId(), handle -> {
        write(handle, principal, tenant, batch, change, attempt);
        return null;
      });
      outcomes.merge(attempt);
    } catch (JdbiException | IllegalStateException e) {
      if (batch.size() == 1) {
        LOG.atWarn().addKeyValue("sku", batch.get(0).sku).setCause(e).log("an imported product could not be stored");
        batch.get(0).rows().forEach(row -> outcomes.fail(row, row.get(ProductCsv.SKU), null,
            "could not be stored, try again: " + rootMessage(e)));
        return;
      }
      for (Group group : batch) {
        store(principal, tenant, List.of(group), change, outcomes);
      }
    }
  }

  private static void write(Handle handle, Principal principal, TenantStore.TenantSettings tenant, List<Group> batch,
      ProductStore.Change change, Outcomes outcomes) {
    // The driver reuses server-side prepared statements, and Postgres may settle on a generic plan made
    // while the tenant's tables were nearly empty (a sequential scan); at 100,000 products such a plan made
    // each batch's SKU look-ups scan the whole table until autovacuum's analyze replanned them. A custom
    // plan per batch costs a fraction of a millisecond and always sees the table's real size.
    handle.execute("set local plan_cache_mode = force_custom_plan");
    ProductStore products = new ProductStore(handle);
    List<String> productSkus = batch.stream().map(g -> g.sku).toList();
    Map<String, CatalogProduct> existing = products.findAll(principal.tenantId(), productSkus, true);
    List<String> allSkus = new ArrayList<>();
    Set<String> categoryIds = new HashSet<>();
    for (Group group : batch) {
      allSkus.add(group.sku);
      group.draft.variants().forEach(v -> allSkus.add(v.sku()));
      categoryIds.addAll(group.draft.categoryIds());
    }
    Map<String, String> owners = products.owners(principal.tenantId(), allSkus);
    Set<String> missingCategories = new CategoryStore(handle).missing(principal.tenantId(), categoryIds);

    List<CatalogProduct> inserts = new ArrayList<>();
    List<CatalogProduct> updates = new ArrayList<>();
    Set<String> vendors = new HashSet<>();
    for (Group group : batch) {
      String refusal = refusal(principal, tenant, group, existing.get(group.sku), owners, missingCategories);
      if (refusal != null) {
        group.rows().forEach(row -> outcomes.fail(row, row.get(ProductCsv.SKU), null, refusal));
        continue;
      }
      CatalogProduct current = existing.get(group.sku);
      ProductDraft draft = group.draft.withVendor(current != null && group.draft.vendorId() == null
          ? current.vendorId()
          : ProductAccess.vendorFor(principal, group.draft.vendorId(), tenant.houseVendorId()));
      vendors.add(draft.vendorId());
      if (current == null) {
        ProductStatus status = group.archive ? ProductStatus.ARCHIVED
            : ProductStatus.initial(!ProductAccess.isStaff(principal), tenant.requiresApproval());
        inserts.add(CatalogProduct.from(principal.tenantId(), draft, status));
        outcomes.done(group, "CREATED");
      } else {
        CatalogProduct revised = current.revisedBy(draft);
        if (group.archive) {
          revised = revised.withStatus(ProductStatus.ARCHIVED, null);
        } else if (!ProductAccess.isStaff(principal)) {
          ProductStatus next = current.status().afterVendorEdit(tenant.requiresApproval());
          revised = revised.withStatus(next, next == ProductStatus.REJECTED ? current.rejectionReason() : null);
        }
        if (revised.equals(current)) {
          outcomes.done(group, "UNCHANGED");
        } else {
          updates.add(revised);
          outcomes.done(group, "UPDATED");
        }
      }
    }
    if (!vendors.isEmpty()) {
      products.ensureVendors(principal.tenantId(), vendors);
    }
    products.insertAll(inserts, change);
    products.updateAll(updates, change);
  }

  /** Why a valid product cannot be written, or null. */
  private static String refusal(Principal principal, TenantStore.TenantSettings tenant, Group group,
      CatalogProduct current, Map<String, String> owners, Set<String> missingCategories) {
    if (current != null) {
      if (!ProductAccess.isStaff(principal) && !ProductAccess.owns(principal, current)) {
        return "product " + group.sku + " belongs to another vendor";
      }
      if (current.status() == ProductStatus.ARCHIVED && !group.archive) {
        return "product " + group.sku + " is archived; restore it before importing changes";
      }
      if (group.draft.vendorId() != null && !group.draft.vendorId().equals(current.vendorId())
          && !ProductAccess.isStaff(principal)) {
        return "only an admin moves a product to another vendor";
      }
    } else {
      try {
        ProductAccess.vendorFor(principal, group.draft.vendorId(), tenant.houseVendorId());
      } catch (ApiException e) {
        return e.getMessage();
      }
    }
    List<String> skus = new ArrayList<>();
    skus.add(group.sku);
    group.draft.variants().forEach(v -> skus.add(v.sku()));
    for (String sku : skus) {
      String owner = owners.get(sku);
      if (owner != null && !owner.equals(group.sku)) {
        return "SKU " + sku + " already belongs to product " + owner;
      }
    }
    for (String category : group.draft.categoryIds()) {
      if (missingCategories.contains(category)) {
        return "no category " + category;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }

  /** What happened to each row, collected as the import goes. */
  static final class Outcomes {
    private final List<ImportReport.RowError> errors = new ArrayList<>();
    private final Map<Long, ImportReport.RowOutcome> results = new TreeMap<>();
    private final Map<String, Integer> products = new HashMap<>();

    void fail(Row row, String sku, String column, String message) {
      errors.add(new ImportReport.RowError(row.line(), sku, column, message));
      results.put(row.line(), new ImportReport.RowOutcome(row.line(), sku, "FAILED"));
    }

    void done(Group group, String outcome) {
      products.merge(outcome, 1, Integer::sum);
      group.rows().forEach(row -> results.put(row.line(),
          new ImportReport.RowOutcome(row.line(), row.get(ProductCsv.SKU), outcome)));
    }

    void merge(Outcomes other) {
      errors.addAll(other.errors);
      results.putAll(other.results);
      other.products.forEach((k, v) -> products.merge(k, v, Integer::sum));
    }

    ImportReport report(int productCount, boolean full) {
      errors.sort(java.util.Comparator.comparingLong(ImportReport.RowError::line));
      int failedRows = (int) results.values().stream().filter(r -> r.outcome().equals("FAILED")).count();
      return new ImportReport(results.size(), productCount, products.getOrDefault("CREATED", 0),
          products.getOrDefault("UPDATED", 0), products.getOrDefault("UNCHANGED", 0), failedRows, List.copyOf(errors),
          full ? List.copyOf(results.values()) : null);
    }
  }
}
