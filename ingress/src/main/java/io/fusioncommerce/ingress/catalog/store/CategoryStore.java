package io.fusioncommerce.ingress.catalog.store;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/** The category tree of a tenant ({@code catalog.categories}). */
public final class CategoryStore {

  /** One category; {@code path} runs from the root down to this category. */
  public record Category(String id, String name, String parentId, List<String> path) {}

  private final Handle handle;

  public CategoryStore(Handle handle) {
    this.handle = handle;
  }

  public Optional<Category> find(String tenantId, String id) {
    return handle.createQuery("select category_id, name, parent_id, path from catalog.categories "
            + "where tenant_id = :tenant and category_id = :id")
        .bind("tenant", tenantId).bind("id", id)
        .map((rs, ctx) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4))))
        .findOne();
  }

  /** Creates a category under {@code parent} (a root when empty); its path extends the parent's. */
  public Category create(String tenantId, String id, String name, Optional<Category> parent) {
    List<String> path = new java.util.ArrayList<>(parent.map(Category::path).orElse(List.of()));
    path.add(id);
    handle.createUpdate("insert into catalog.categories (tenant_id, category_id, name, parent_id, path) "
            + "values (:tenant, :id, :name, :parent, :path)")
        .bind("tenant", tenantId).bind("id", id).bind("name", name).bind("parent", parent.map(Category::id).orElse(null))
        .bindArray("path", String.class, path).execute();
    return new Category(id, name, parent.map(Category::id).orElse(null), List.copyOf(path));
  }

  public List<Category> all(String tenantId) {
    return handle.createQuery("select category_id, name, parent_id, path from catalog.categories "
            + "where tenant_id = :tenant order by array_length(path, 1), name, category_id")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4))))
        .list();
  }

  /** The ids among {@code ids} that are not categories of the tenant. */
  public Set<String> missing(String tenantId, Iterable<String> ids) {
    Set<String> wanted = new TreeSet<>();
    ids.forEach(wanted::add);
    if (wanted.isEmpty()) {
      return wanted;
    }
    List<String> found = handle.createQuery("select category_id from catalog.categories "
            + "where tenant_id = :tenant and category_id = any(:ids)")
        .bind("tenant", tenantId).bindArray("ids", String.class, wanted).mapTo(String.class).list();
    found.forEach(wanted::remove);
    return wanted;
  }

  private static List<String> strings(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }
}
