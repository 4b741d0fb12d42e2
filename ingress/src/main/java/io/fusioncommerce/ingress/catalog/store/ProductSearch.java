package io.fusioncommerce.ingress.catalog.store;

import io.fusioncommerce.ingress.catalog.CatalogProduct;
import io.fusioncommerce.ingress.catalog.ProductStatus;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Product search over Postgres: full-text (weighted name, description, attributes; English stemming),
 * filters, facet counts and keyset pagination. When the words match nothing, each unknown word is
 * corrected against the tenant's vocabulary and the search runs again ({@link Page#fuzzy()}, with the
 * corrected query in {@link Page#correctedQuery()}).
 *
 * <p>Facet counts are disjunctive, as shoppers expect: the counts of one facet ignore that facet's own
 * filter (choosing vendor A still shows how many products vendor B has), and honour every other filter.
 */
public final class ProductSearch {

  /** Facets beyond attr.* and option.*. */
  public static final List<String> FIXED_FACETS = List.of("category", "vendor", "status");
  static final int FACET_VALUES = 100;

  /** What the caller may see: everything, or ACTIVE products plus (for a vendor) its own. */
  public record Visibility(boolean everything, Optional<String> ownVendor) {}

  public record Criteria(String tenantId, Visibility visibility, Optional<String> text, Optional<String> category,
      List<String> vendors, Optional<Long> minPrice, Optional<Long> maxPrice, Optional<String> currency,
      Map<String, List<String>> attributes, Map<String, List<String>> options, Optional<ProductStatus> status,
      List<String> facets, int limit, Optional<String> cursor) {}

  public record FacetValue(String value, long count) {}

  /** {@code fuzzy}: the words matched nothing, these match {@code correctedQuery} instead. */
  public record Page(List<CatalogProduct> items, Map<String, List<FacetValue>> facets, String next, boolean fuzzy,
      String correctedQuery) {}

  /** Where a page ended; {@code corrected} is the corrected query the pages are of, if any. */
  private record Cursor(Float rank, String sku, String fingerprint, String corrected) {}

  private final Handle handle;

  public ProductSearch(Handle handle) {
    this.handle = handle;
  }

  public Page search(Criteria criteria) {
    String fingerprint = fingerprint(criteria);
    Optional<Cursor> after = criteria.cursor().map(c -> decode(c, fingerprint));
    if (after.isPresent() && after.get().corrected() != null) {
      return search(withText(criteria, after.get().corrected()), fingerprint, after, after.get().corrected());
    }
    Page exact = search(criteria, fingerprint, after, null);
    if (exact.items().isEmpty() && after.isEmpty() && criteria.text().isPresent()) {
      Optional<String> corrected = new SearchVocabulary(handle).correct(criteria.tenantId(), criteria.text().get());
      if (corrected.isPresent()) {
        return search(withText(criteria, corrected.get()), fingerprint, after, corrected.get());
      }
    }
    return exact;
  }

  private static Criteria withText(Criteria c, String text) {
    return new Criteria(c.tenantId(), c.visibility(), Optional.of(text), c.category(), c.vendors(), c.minPrice(),
        c.maxPrice(), c.currency(), c.attributes(), c.options(), c.status(), c.facets(), c.limit(), c.cursor());
  }

  private Page search(Criteria criteria, String fingerprint, Optional<Cursor> after, String corrected) {
    Filters filters = new Filters(criteria);
    Clause all = filters.where(null);
    boolean ranked = criteria.text().isPresent();
    String rank = ranked ? "cast(ts_rank_cd(p.search, websearch_to_tsquery('english', :q)) as real)" : "cast(0 as real)";
    StringBuilder sql = new StringBuilder("select * from (select ").append(ProductStore.COLUMNS).append(", ").append(rank)
        .append(" as rank from catalog.products p where ").append(all.sql()).append(") m");
    if (after.isPresent()) {
      sql.append(ranked ? " where (m.rank < :afterRank or (m.rank = :afterRank and m.sku > :afterSku))"
          : " where m.sku > :afterSku");
    }
    sql.append(ranked ? " order by m.rank desc, m.sku" : " order by m.sku").append(" limit :limit");
    Query query = all.bind(handle.createQuery(sql.toString())).bind("limit", criteria.limit() + 1);
    if (after.isPresent()) {
      query.bind("afterSku", after.get().sku());
      if (ranked) {
        query.bind("afterRank", after.get().rank());
      }
    }
    List<Float> ranks = new ArrayList<>();
    List<CatalogProduct> rows = query.map((rs, ctx) -> {
      ranks.add(rs.getFloat("rank"));
      return ProductStore.MAPPER.map(rs, ctx);
    }).list();
    String next = null;
    if (rows.size() > criteria.limit()) {
      rows = rows.subList(0, criteria.limit());
      CatalogProduct last = rows.get(rows.size() - 1);
      next = encode(new Cursor(ranked ? ranks.get(rows.size() - 1) : null, last.sku(), fingerprint, corrected));
    }
    Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
    for (String facet : criteria.facets()) {
      facets.put(facet, facet(filters, facet));
    }
    return new Page(List.copyOf(rows), facets, next, corrected != null, corrected);
  }

  private List<FacetValue> facet(Filters filters, String facet) {
    Clause clause = filters.where(facet);
    String where = clause.sql();
    String sql;
    if (facet.equals("category")) {
      sql = "select v, count(*) from catalog.products p cross join unnest(p.category_ids) v where " + where;
    } else if (facet.equals("vendor")) {
      sql = "select p.vendor_id, count(*) from catalog.products p where " + where;
    } else if (facet.equals("status")) {
      sql = "select p.status, count(*) from catalog.products p where " + where;
    } else if (facet.startsWith("attr.")) {
      sql = "select p.attributes ->> :facetKey, count(*) from catalog.products p where " + where
          + " and p.attributes ->> :facetKey is not null";
    } else {
      sql = "select o.v, count(distinct p.sku) from catalog.products p "
          + "cross join lateral (select e -> 'options' ->> :facetKey as v from jsonb_array_elements(p.variants) e) o "
          + "where " + where + " and o.v is not null";
    }
    Query query = clause.bind(handle.createQuery(sql + " group by 1 order by 2 desc, 1 limit " + FACET_VALUES));
    if (facet.startsWith("attr.") || facet.startsWith("option.")) {
      query.bind("facetKey", facet.substring(facet.indexOf('.') + 1));
    }
    return query.map((rs, ctx) -> new FacetValue(rs.getString(1), rs.getLong(2))).list();
  }

  /** A WHERE clause and the values it binds. */
  private record Clause(String sql, Map<String, Object> values, Map<String, List<String>> arrays) {
    Query bind(Query query) {
      values.forEach(query::bind);
      arrays.forEach((name, list) -> query.bindArray(name, String.class, list));
      return query;
    }
  }

  /** The WHERE clause of a search, optionally without the filter of one facet. */
  private static final class Filters {
    private final Criteria criteria;

    Filters(Criteria criteria) {
      this.criteria = criteria;
    }

    Clause where(String exceptFacet) {
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, List<String>> arrays = new LinkedHashMap<>();
      List<String> terms = new ArrayList<>();
      terms.add("p.tenant_id = :tenant");
      values.put("tenant", criteria.tenantId());
      if (!criteria.visibility().everything()) {
        if (criteria.visibility().ownVendor().isPresent()) {
          terms.add("(p.status = 'ACTIVE' or p.vendor_id = :ownVendor)");
          values.put("ownVendor", criteria.visibility().ownVendor().get());
        } else {
          terms.add("p.status = 'ACTIVE'");
        }
      }
      if (criteria.status().isPresent() && !"status".equals(exceptFacet)) {
        terms.add("p.status = :status");
        values.put("status", criteria.status().get().name());
      }
      criteria.text().ifPresent(q -> {
        terms.add("p.search @@ websearch_to_tsquery('english', :q)");
        values.put("q", q);
      });
      if (criteria.category().isPresent() && !"category".equals(exceptFacet)) {
        terms.add("p.category_ids && array(select c.category_id from catalog.categories c "
            + "where c.tenant_id = :tenant and c.path @> array[cast(:category as text)])");
        values.put("category", criteria.category().get());
      }
      if (!criteria.vendors().isEmpty() && !"vendor".equals(exceptFacet)) {
        terms.add("p.vendor_id = any(:vendors)");
        arrays.put("vendors", criteria.vendors());
      }
      criteria.minPrice().ifPresent(min -> {
        terms.add("p.price_amount >= :minPrice");
        values.put("minPrice", min);
      });
      criteria.maxPrice().ifPresent(max -> {
        terms.add("p.price_amount <= :maxPrice");
        values.put("maxPrice", max);
      });
      criteria.currency().ifPresent(currency -> {
        terms.add("p.currency = :currency");
        values.put("currency", currency);
      });
      int n = 0;
      for (var attribute : criteria.attributes().entrySet()) {
        n++;
        if (("attr." + attribute.getKey()).equals(exceptFacet)) {
          continue;
        }
        List<String> any = new ArrayList<>();
        int m = 0;
        for (String value : attribute.getValue()) {
          String name = "attr" + n + "_" + (m++);
          any.add("p.attributes @> cast(:" + name + " as jsonb)");
          values.put(name, json(Map.of(attribute.getKey(), value)));
        }
        terms.add("(" + String.join(" or ", any) + ")");
      }
      n = 0;
      for (var option : criteria.options().entrySet()) {
        n++;
        if (("option." + option.getKey()).equals(exceptFacet)) {
          continue;
        }
        List<String> any = new ArrayList<>();
        int m = 0;
        for (String value : option.getValue()) {
          String name = "opt" + n + "_" + (m++);
          any.add("p.variants @> cast(:" + name + " as jsonb)");
          values.put(name, json(List.of(Map.of("options", Map.of(option.getKey(), value)))));
        }
        terms.add("(" + String.join(" or ", any) + ")");
      }
      return new Clause(String.join(" and ", terms), values, arrays);
    }
  }

  private static String json(Object value) {
    return CatalogJson.write(value);
  }

  private static String fingerprint(Criteria criteria) {
    Criteria withoutPaging = new Criteria(criteria.tenantId(), criteria.visibility(), criteria.text(),
        criteria.category(), criteria.vendors(), criteria.minPrice(), criteria.maxPrice(), criteria.currency(),
        criteria.attributes(), criteria.options(), criteria.status(), List.of(), 0, Optional.empty());
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(withoutPaging.toString().getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(Cursor cursor) {
    byte[] json = CatalogJson.write(cursor).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  private static Cursor decode(String cursor, String fingerprint) {
    Cursor decoded;
    try {
      decoded = Json.mapper().readValue(Base64.getUrlDecoder().decode(cursor), Cursor.class);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw ApiException.invalidField("cursor", "not a cursor this search returned");
    }
    if (!fingerprint.equals(decoded.fingerprint()) || decoded.sku() == null) {
      throw ApiException.invalidField("cursor", "belongs to a different search; start again without it");
    }
    return decoded;
  }
}
