package io.fusioncommerce.ingress.catalog.store;

import io.fusioncommerce.ingress.catalog.CatalogProduct;
import io.fusioncommerce.ingress.catalog.Price;
import io.fusioncommerce.ingress.catalog.ProductStatus;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Products in {@code catalog.products}, and their SKUs in {@code catalog.skus} (one SKU names one
 * product or variant of a tenant). Works on the handle of a tenant transaction.
 */
public final class ProductStore {

  /** Who made a change and the request that made it; both travel into the catalog events. */
  public record Change(String actor, String correlationId) {}

  static final String COLUMNS = "tenant_id, sku, vendor_id, name, description, price_amount, currency, category_ids, "
      + "attributes::text as attributes, variants::text as variants, media::text as media, status, rejection_reason, "
      + "version, created_at, updated_at";

  static final RowMapper<CatalogProduct> MAPPER = ProductStore::map;

  /** Writes a new product (bound by {@link #bindProduct}); one product or a batch. */
  private static final String INSERT = "insert into catalog.products (tenant_id, sku, vendor_id, name, description, "
      + "price_amount, currency, category_ids, attributes, variants, media, status, rejection_reason, updated_by, "
      + "correlation_id) values (:tenant, :sku, :vendor, :name, :description, :amount, :currency, :categories, "
      + "cast(:attributes as jsonb), cast(:variants as jsonb), cast(:media as jsonb), :status, :reason, :actor, "
      + ":correlation)";

  /** Writes a product over its stored row if that row still has the version bound as :version. */
  private static final String UPDATE = "update catalog.products set vendor_id = :vendor, name = :name, "
      + "description = :description, price_amount = :amount, currency = :currency, category_ids = :categories, "
      + "attributes = cast(:attributes as jsonb), variants = cast(:variants as jsonb), media = cast(:media as jsonb), "
      + "status = :status, rejection_reason = :reason, updated_by = :actor, correlation_id = :correlation, "
      + "version = version + 1, updated_at = now() where tenant_id = :tenant and sku = :sku and version = :version";

  private final Handle handle;

  /** The columns {@link #mapper()} reads, for queries of other classes. */
  public static String columns() {
    return COLUMNS;
  }

  public static RowMapper<CatalogProduct> mapper() {
    return MAPPER;
  }

  public ProductStore(Handle handle) {
    this.handle = handle;
  }

  public Optional<CatalogProduct> find(String tenantId, String sku, boolean forUpdate) {
    return handle.createQuery("select " + COLUMNS + " from catalog.products where tenant_id = :tenant and sku = :sku"
            + (forUpdate ? " for update" : ""))
        .bind("tenant", tenantId).bind("sku", sku).map(MAPPER).findOne();
  }

  /** Something that can be ordered: a product, or one of its variants with its own SKU. */
  public record Orderable(String sku, CatalogProduct product, Price price) {}

  /** The product or variant {@code sku} names, with its price (a variant without one has its product's). */
  public Optional<Orderable> orderable(String tenantId, String sku) {
    Optional<String> productSku = handle.createQuery("select product_sku from catalog.skus where tenant_id = :tenant and sku = :sku")
        .bind("tenant", tenantId).bind("sku", sku).mapTo(String.class).findOne();
    return productSku.flatMap(p -> find(tenantId, p, false)).map(product -> new Orderable(sku, product,
        product.variants().stream().filter(v -> v.sku().equals(sku)).findFirst()
            .map(v -> v.price() != null ? v.price() : product.price()).orElse(product.price())));
  }

  /** The SKUs among {@code skus} that already name something other than product {@code sku}. */
  public Map<String, String> takenSkus(String tenantId, String sku, List<String> skus) {
    Map<String, String> taken = new LinkedHashMap<>();
    handle.createQuery("select sku, product_sku from catalog.skus where tenant_id = :tenant and sku = any(:skus) "
            + "and product_sku <> :product order by sku")
        .bind("tenant", tenantId).bind("product", sku).bindArray("skus", String.class, skus)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> taken.put(e.getKey(), e.getValue()));
    return taken;
  }

  public void ensureVendor(String tenantId, String vendorId) {
    handle.createUpdate("insert into catalog.vendors (tenant_id, vendor_id, name) values (:tenant, :vendor, :vendor) "
            + "on conflict do nothing")
        .bind("tenant", tenantId).bind("vendor", vendorId).execute();
  }

  public CatalogProduct insert(CatalogProduct product, Change change) {
    ensureVendor(product.tenantId(), product.vendorId());
    CatalogProduct stored = bindProduct(handle.createQuery(INSERT + " returning " + COLUMNS), product, change)
        .map(MAPPER).one();
    writeSkus(product);
    return stored;
  }

  /**
   * Writes {@code product} over the stored row if that row still has {@code product.version()};
   * empty when someone else changed it in between.
   */
  public Optional<CatalogProduct> update(CatalogProduct product, Change change) {
    ensureVendor(product.tenantId(), product.vendorId());
    Optional<CatalogProduct> stored = bindProduct(handle.createQuery(UPDATE + " returning " + COLUMNS), product, change)
        .bind("version", product.version())
        .map(MAPPER).findOne();
    stored.ifPresent(this::writeSkus);
    return stored;
  }

  /** The stored products among {@code skus}, locked for this transaction when {@code forUpdate}. */
  public Map<String, CatalogProduct> findAll(String tenantId, List<String> skus, boolean forUpdate) {
    Map<String, CatalogProduct> found = new LinkedHashMap<>();
    handle.createQuery("select " + COLUMNS + " from catalog.products where tenant_id = :tenant and sku = any(:skus)"
            + " order by sku" + (forUpdate ? " for update" : ""))
        .bind("tenant", tenantId).bindArray("skus", String.class, skus).map(MAPPER)
        .forEach(p -> found.put(p.sku(), p));
    return found;
  }

  /** Which product each of {@code skus} belongs to, for those that exist. */
  public Map<String, String> owners(String tenantId, List<String> skus) {
    Map<String, String> owners = new LinkedHashMap<>();
    handle.createQuery("select sku, product_sku from catalog.skus where tenant_id = :tenant and sku = any(:skus)")
        .bind("tenant", tenantId).bindArray("skus", String.class, skus)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> owners.put(e.getKey(), e.getValue()));
    return owners;
  }

  public void ensureVendors(String tenantId, java.util.Collection<String> vendorIds) {
    handle.createUpdate("insert into catalog.vendors (tenant_id, vendor_id, name) "
            + "select :tenant, v, v from unnest(:vendors) as v on conflict do nothing")
        .bind("tenant", tenantId).bindArray("vendors", String.class, List.copyOf(vendorIds)).execute();
  }

  /** Inserts new products in one batch; their vendors must exist (see {@link #ensureVendors}). */
  public void insertAll(List<CatalogProduct> products, Change change) {
    if (products.isEmpty()) {
      return;
    }
    var batch = handle.prepareBatch(INSERT);
    products.forEach(product -> bindProduct(batch, product, change).add());
    batch.execute();
    insertSkus(products);
  }

  /** Writes changed products in one batch; the caller holds their row locks (findAll for update). */
  public void updateAll(List<CatalogProduct> products, Change change) {
    if (products.isEmpty()) {
      return;
    }
    var batch = handle.prepareBatch(UPDATE);
    products.forEach(product -> bindProduct(batch, product, change).bind("version", product.version()).add());
    int[] counts = batch.execute();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 1) {
        throw new IllegalStateException("product " + products.get(i).sku() + " changed while it was locked");
      }
    }
    rewriteSkus(products);
  }

  private void rewriteSkus(List<CatalogProduct> products) {
    handle.createUpdate("delete from catalog.skus where tenant_id = :tenant and product_sku = any(:products)")
        .bind("tenant", products.get(0).tenantId())
        .bindArray("products", String.class, products.stream().map(CatalogProduct::sku).toList())
        .execute();
    insertSkus(products);
  }

  /** Lists the products' SKUs; a new product has none listed yet, so there is nothing to delete first. */
  private void insertSkus(List<CatalogProduct> products) {
    String tenant = products.get(0).tenantId();
    List<String> owners = new ArrayList<>();
    List<String> skus = new ArrayList<>();
    for (CatalogProduct product : products) {
      for (String sku : orderableSkus(product)) {
        skus.add(sku);
        owners.add(product.sku());
      }
    }
    handle.createUpdate("insert into catalog.skus (tenant_id, sku, product_sku) "
            + "select :tenant, s, p from unnest(:skus, :owners) as u(s, p)")
        .bind("tenant", tenant).bindArray("skus", String.class, skus).bindArray("owners", String.class, owners)
        .execute();
  }

  /** Makes catalog.skus list exactly the product's SKU and its variants' SKUs. */
  private void writeSkus(CatalogProduct product) {
    List<String> skus = orderableSkus(product);
    handle.createUpdate("delete from catalog.skus where tenant_id = :tenant and product_sku = :sku "
            + "and sku <> all(:skus)")
        .bind("tenant", product.tenantId()).bind("sku", product.sku()).bindArray("skus", String.class, skus).execute();
    handle.createUpdate("insert into catalog.skus (tenant_id, sku, product_sku) "
            + "select :tenant, s, :sku from unnest(:skus) as s on conflict (tenant_id, sku) do nothing")
        .bind("tenant", product.tenantId()).bind("sku", product.sku()).bindArray("skus", String.class, skus).execute();
  }

  static List<String> orderableSkus(CatalogProduct product) {
    List<String> skus = new ArrayList<>();
    skus.add(product.sku());
    product.variants().forEach(v -> skus.add(v.sku()));
    return skus;
  }

  static <S extends SqlStatement<S>> S bindProduct(S statement, CatalogProduct product, Change change) {
    return statement.bind("tenant", product.tenantId()).bind("sku", product.sku()).bind("vendor", product.vendorId())
        .bind("name", product.name()).bind("description", product.description())
        .bind("amount", product.price().amount()).bind("currency", product.price().currency())
        .bindArray("categories", String.class, product.categoryIds())
        .bind("attributes", CatalogJson.write(product.attributes()))
        .bind("variants", CatalogJson.write(product.variants()))
        .bind("media", CatalogJson.write(product.media()))
        .bind("status", product.status().name()).bind("reason", product.rejectionReason())
        .bind("actor", change.actor()).bind("correlation", change.correlationId());
  }

  private static CatalogProduct map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new CatalogProduct(rs.getString("tenant_id"), rs.getString("sku"), rs.getString("vendor_id"),
        rs.getString("name"), rs.getString("description"),
        new Price(rs.getLong("price_amount"), rs.getString("currency").trim()),
        strings(rs.getArray("category_ids")), CatalogJson.strings(rs.getString("attributes")),
        CatalogJson.variants(rs.getString("variants")), CatalogJson.media(rs.getString("media")),
        ProductStatus.valueOf(rs.getString("status")), rs.getString("rejection_reason"), rs.getLong("version"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
