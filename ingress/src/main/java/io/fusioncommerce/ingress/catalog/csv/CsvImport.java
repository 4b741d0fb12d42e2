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
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
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
 *
 * <p>The file is read twice, streaming, never whole: a first pass checks its shape (header, row count, row
 * and cell sizes, duplicate SKUs, where each product's rows end) and refuses a malformed file before anything
 * is written; the second pass imports each product as soon as its last row has been read. What is held at
 * once is bounded by the file's structure, not its size: a row holds at most {@value #MAX_ROW_CHARS}
 * characters, a product's rows lie within {@value #MAX_PRODUCT_SPAN} rows of its first one, a batch waiting
 * to be written holds at most {@value #BATCH} products or {@value #BATCH_CHARS} characters; what grows with
 * the file is a SKU index of the first pass and the report, both bounded by {@value #MAX_ROWS} rows.
 */
public final class CsvImport {

  private static final Logger LOG = LoggerFactory.getLogger(CsvImport.class);
  static final int BATCH = 500;
  static final int STATISTICS_THRESHOLD = 1_000;
  public static final int MAX_ROWS = 200_000;
  /** A cell longer than this fails its row; twice the longest field the product rules accept (a description). */
  public static final int MAX_CELL_CHARS = 10_000;
  /** A row longer than this (all its cells) refuses the whole file with 413, before anything is written. */
  public static final int MAX_ROW_CHARS = 64 * 1024;
  /** Columns a header may have: the fixed ones, attributes and options. */
  public static final int MAX_COLUMNS = 256;
  /** A product's rows (its own and its variants') lie within this many rows of the first of them. */
  public static final int MAX_PRODUCT_SPAN = 1_000;
  static final long BATCH_CHARS = 8L * 1024 * 1024;
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
    long chars;

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

  /** Where the file is read from; it is opened twice, once to check its shape and once to import it. */
  @FunctionalInterface
  public interface Source {
    Reader open() throws IOException;
  }

  public ImportReport run(Principal principal, Source csv, ProductStore.Change change, boolean fullReport) {
    Outcomes outcomes = new Outcomes(fullReport);
    Map<String, Long> productEnds = check(csv, outcomes);
    TenantStore.TenantSettings tenant = database.inTenant(principal.tenantId(),
        handle -> new TenantStore(handle).settings(principal.tenantId()));
    int products = importRows(principal, tenant, csv, productEnds, change, outcomes);
    ImportReport report = outcomes.report(products, fullReport);
    if (report.created() + report.updated() >= STATISTICS_THRESHOLD) {
      // a large import changes what the planner should assume about the table (autovacuum comes later)
      database.jdbi().useHandle(handle -> handle.createQuery("select catalog.refresh_product_statistics()")
          .mapTo(String.class).one());
    }
    return report;
  }

  // ------------------------------------------------------------------ reading

  private static CSVParser parser(Reader csv) throws IOException {
    return CSVParser.builder().setReader(csv)
        .setFormat(ProductCsv.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get()).get();
  }

  /**
   * The first pass: refuses a malformed file as a whole (nothing is written yet), fails the rows that cannot
   * be imported, and answers for each product (by SKU) the line of its last row.
   */
  private Map<String, Long> check(Source source, Outcomes outcomes) {
    Map<String, Long> skuLines = new HashMap<>();
    Map<String, Long> productStarts = new HashMap<>();
    Map<String, Long> productEnds = new HashMap<>();
    long line = 0; // the header is line 1
    try (RowGuard guard = new RowGuard(source.open(), MAX_ROW_CHARS); CSVParser parser = parser(guard)) {
      List<String> header = parser.getHeaderNames();
      line = 1;
      checkHeader(header);
      guard.rowRead();
      for (CSVRecord record : parser) {
        guard.rowRead();
        line = record.getRecordNumber() + 1;
        if (record.getRecordNumber() > MAX_ROWS) {
          throw new ApiException(413, "too-many-rows", "Too many rows",
              "an import holds at most " + MAX_ROWS + " rows; split the file", List.of());
        }
        if (chars(record) > MAX_ROW_CHARS) {
          throw RowGuard.tooLong(line);
        }
        if (!record.isConsistent()) {
          outcomes.fail(line, null, null, "has " + record.size() + " cells, the header " + header.size());
          continue;
        }
        String sku = cell(record, ProductCsv.SKU);
        String longCell = longCell(record, header);
        if (longCell != null) {
          outcomes.fail(line, sku == null || sku.length() > MAX_CELL_CHARS ? null : sku, longCell,
              "is longer than " + MAX_CELL_CHARS + " characters");
          continue;
        }
        if (sku == null) {
          outcomes.fail(line, null, ProductCsv.SKU, "is required");
          continue;
        }
        Long seen = skuLines.putIfAbsent(sku, line);
        if (seen != null) {
          outcomes.fail(line, sku, ProductCsv.SKU, "SKU " + sku + " appears already on line " + seen);
          continue;
        }
        String parent = cell(record, ProductCsv.PARENT_SKU);
        String product = parent == null ? sku : parent;
        long first = productStarts.computeIfAbsent(product, p -> line(record));
        if (line - first > MAX_PRODUCT_SPAN) {
          outcomes.fail(line, sku, parent == null ? ProductCsv.SKU : ProductCsv.PARENT_SKU,
              "more than " + MAX_PRODUCT_SPAN + " rows after the first row of product " + product + " (line " + first
                  + "); keep a product's rows together, as the export writes them");
          continue;
        }
        productEnds.put(product, line);
      }
    } catch (RowGuard.TooLong e) {
      throw RowGuard.tooLong(line + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
      throw ApiException.badRequest("the CSV could not be read: " + e.getMessage());
    }
    return productEnds;
  }

  /**
   * The second pass: collects each product's rows and, once its last row has been read, checks it and queues
   * it for writing; a full batch is written at once. Answers how many products the file held.
   */
  private int importRows(Principal principal, TenantStore.TenantSettings tenant, Source source,
      Map<String, Long> productEnds, ProductStore.Change change, Outcomes outcomes) {
    Map<String, Group> open = new HashMap<>();
    List<Group> batch = new ArrayList<>();
    long batchChars = 0;
    int products = 0;
    try (Reader reader = source.open(); CSVParser parser = parser(reader)) {
      for (CSVRecord record : parser) {
        long line = line(record);
        if (outcomes.failed(line)) {
          continue;
        }
        Row row = new Row(line, record.toMap());
        String parent = row.get(ProductCsv.PARENT_SKU);
        String product = parent == null ? row.get(ProductCsv.SKU) : parent;
        Group group = open.computeIfAbsent(product, Group::new);
        if (parent == null) {
          group.product = row;
        } else {
          group.variants.add(row);
        }
        group.chars += chars(record);
        if (line != productEnds.get(product)) {
          continue;
        }
        open.remove(product);
        products++;
        if (prepare(group, outcomes)) {
          batch.add(group);
          batchChars += group.chars;
        }
        if (batch.size() >= BATCH || batchChars >= BATCH_CHARS) {
          store(principal, tenant, batch, change, outcomes);
          batch = new ArrayList<>();
          batchChars = 0;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!batch.isEmpty()) {
      store(principal, tenant, batch, change, outcomes);
    }
    return products;
  }

  private static long line(CSVRecord record) {
    return record.getRecordNumber() + 1;
  }

  private static long chars(CSVRecord record) {
    long chars = 0;
    for (String value : record) {
      chars += value.length();
    }
    return chars;
  }

  /** The cell of {@code column}, stripped, or null when blank (as {@link Row#get} reads it). */
  private static String cell(CSVRecord record, String column) {
    String value = record.isMapped(column) ? record.get(column) : null;
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The column of the first cell longer than {@link #MAX_CELL_CHARS}, or null. */
  private static String longCell(CSVRecord record, List<String> header) {
    for (int i = 0; i < record.size(); i++) {
      if (record.get(i).length() > MAX_CELL_CHARS) {
        return header.get(i);
      }
    }
    return null;
  }

  private static void checkHeader(List<String> header) {
    if (header.size() > MAX_COLUMNS) {
      throw ApiException.invalidField("header", "at most " + MAX_COLUMNS + " columns, not " + header.size());
    }
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
    Outcomes attempt = new Outcomes(outcomes.full);
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

  /**
   * What happened to each row, collected as the import goes. Every row's outcome is kept only for
   * {@code ?report=all}; otherwise two bit sets of line numbers count them.
   */
  static final class Outcomes {
    private final boolean full;
    private final List<ImportReport.RowError> errors = new ArrayList<>();
    private final Map<Long, ImportReport.RowOutcome> results = new TreeMap<>();
    private final BitSet seen = new BitSet();
    private final BitSet failed = new BitSet();
    private final Map<String, Integer> products = new HashMap<>();

    Outcomes(boolean full) {
      this.full = full;
    }

    void fail(Row row, String sku, String column, String message) {
      fail(row.line(), sku, column, message);
    }

    void fail(long line, String sku, String column, String message) {
      errors.add(new ImportReport.RowError(line, sku, column, message));
      seen.set(Math.toIntExact(line));
      failed.set(Math.toIntExact(line));
      if (full) {
        results.put(line, new ImportReport.RowOutcome(line, sku, "FAILED"));
      }
    }

    boolean failed(long line) {
      return failed.get(Math.toIntExact(line));
    }

    void done(Group group, String outcome) {
      products.merge(outcome, 1, Integer::sum);
      group.rows().forEach(row -> {
        seen.set(Math.toIntExact(row.line()));
        if (full) {
          results.put(row.line(), new ImportReport.RowOutcome(row.line(), row.get(ProductCsv.SKU), outcome));
        }
      });
    }

    void merge(Outcomes other) {
      errors.addAll(other.errors);
      results.putAll(other.results);
      seen.or(other.seen);
      failed.or(other.failed);
      other.products.forEach((k, v) -> products.merge(k, v, Integer::sum));
    }

    ImportReport report(int productCount, boolean full) {
      errors.sort(java.util.Comparator.comparingLong(ImportReport.RowError::line));
      return new ImportReport(seen.cardinality(), productCount, products.getOrDefault("CREATED", 0),
          products.getOrDefault("UPDATED", 0), products.getOrDefault("UNCHANGED", 0), failed.cardinality(),
          List.copyOf(errors), full ? List.copyOf(results.values()) : null);
    }
  }
}
