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
import java.util.function.Function;
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

  /**
   * One statement finds the page and counts every requested facet over a single pass of the matching
   * rows (measured at 100,000 products: a scan per facet tripled the cost of a search). Filters on
   * requested facets are evaluated as flags on those rows rather than in the WHERE clause, so each
   * facet can be counted without its own filter; then the page's products are read by SKU.
   */
  private Page search(Criteria criteria, String fingerprint, Optional<Cursor> after, String corrected) {
    Filters filters = new Filters(criteria);
    List<Term> terms = filters.terms();
    boolean ranked = criteria.text().isPresent();
    // the text match runs in catalog.matching_products (V8), where the GIN index can serve it under
    // row-level security; it returns the columns the filters, ranking and facets need (as "p")
    String rank = ranked ? "p.rank" : "cast(0 as real)";
    String source = ranked ? "catalog.matching_products(:q) p" : "catalog.products p";
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, List<String>> arrays = new LinkedHashMap<>();
    List<String> where = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    Map<String, String> flagOfFacet = new LinkedHashMap<>();
    for (Term term : terms) {
      values.putAll(term.values());
      arrays.putAll(term.arrays());
      if (term.facet() != null && criteria.facets().contains(term.facet())) {
        String flag = "f" + flags.size();
        flags.add("(" + term.sql() + ") as " + flag);
        flagOfFacet.put(term.facet(), flag);
      } else {
        where.add(term.sql());
      }
    }
    StringBuilder sql = new StringBuilder("with base as materialized (select p.sku, p.vendor_id, p.status, ")
        .append("p.category_ids, p.attributes, p.variants, ").append(rank).append(" as rank");
    flags.forEach(f -> sql.append(", ").append(f));
    sql.append(" from ").append(source).append(" where ").append(String.join(" and ", where)).append(")");
    // the page: every flag, after the cursor, best first
    List<String> pageWhere = new ArrayList<>(flagOfFacet.values());
    if (after.isPresent()) {
      pageWhere.add(ranked ? "(rank < :afterRank or (rank = :afterRank and sku > :afterSku))" : "sku > :afterSku");
      values.put("afterSku", after.get().sku());
      if (ranked) {
        values.put("afterRank", after.get().rank());
      }
    }
    sql.append(" (select 'page' as kind, sku as value, cast(0 as bigint) as n, rank from base")
        .append(pageWhere.isEmpty() ? "" : " where " + String.join(" and ", pageWhere))
        .append(ranked ? " order by rank desc, sku" : " order by sku").append(" limit :limit)");
    values.put("limit", criteria.limit() + 1);
    int k = 0;
    for (String facet : criteria.facets()) {
      List<String> others = new ArrayList<>();
      flagOfFacet.forEach((f, flag) -> {
        if (!f.equals(facet)) {
          others.add(flag);
        }
      });
      String value;
      String from = "base";
      String count = "count(*)";
      if (facet.equals("category")) {
        from = "base cross join unnest(base.category_ids) v";
        value = "v";
      } else if (facet.equals("vendor")) {
        value = "vendor_id";
      } else if (facet.equals("status")) {
        value = "status";
      } else if (facet.startsWith("attr.")) {
        value = "attributes ->> :facet" + k;
        others.add("attributes ->> :facet" + k + " is not null");
      } else {
        from = "base cross join lateral (select e -> 'options' ->> :facet" + k + " as v from jsonb_array_elements(base.variants) e) o";
        value = "o.v";
        count = "count(distinct sku)";
        others.add("o.v is not null");
      }
      if (facet.startsWith("attr.") || facet.startsWith("option.")) {
        values.put("facet" + k, facet.substring(facet.indexOf('.') + 1));
      }
      values.put("facetName" + k, facet);
      sql.append(" union all (select cast(:facetName").append(k).append(" as text), ").append(value).append(", ")
          .append(count).append(", cast(null as real) from ").append(from)
          .append(others.isEmpty() ? "" : " where " + String.join(" and ", others))
          .append(" group by 2 order by 3 desc, 2 limit ").append(FACET_VALUES).append(")");
      k++;
    }
    Query query = handle.createQuery(sql.toString());
    values.forEach(query::bind);
    arrays.forEach((name, list) -> query.bindArray(name, String.class, list));

    List<String> skus = new ArrayList<>();
    List<Float> ranks = new ArrayList<>();
    Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
    criteria.facets().forEach(f -> facets.put(f, new ArrayList<>()));
    query.map((rs, ctx) -> {
      String kind = rs.getString(1);
      if (kind.equals("page")) {
        skus.add(rs.getString(2));
        ranks.add(rs.getFloat(4));
      } else {
        facets.get(kind).add(new FacetValue(rs.getString(2), rs.getLong(3)));
      }
      return kind;
    }).list();
    // union all keeps each branch's order in practice, but SQL does not promise it: sort as the branches did
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < skus.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> ranked && Float.compare(ranks.get(b), ranks.get(a)) != 0
        ? Float.compare(ranks.get(b), ranks.get(a)) : skus.get(a).compareTo(skus.get(b)));
    facets.values().forEach(list -> list.sort((a, b) -> a.count() != b.count()
        ? Long.compare(b.count(), a.count()) : String.valueOf(a.value()).compareTo(String.valueOf(b.value()))));

    String next = null;
    List<Integer> shown = order.size() > criteria.limit() ? order.subList(0, criteria.limit()) : order;
    if (order.size() > criteria.limit()) {
      int last = shown.get(shown.size() - 1);
      next = encode(new Cursor(ranked ? ranks.get(last) : null, skus.get(last), fingerprint, corrected));
    }
    Map<String, CatalogProduct> products = new ProductStore(handle).findAll(criteria.tenantId(),
        shown.stream().map(skus::get).toList(), false);
    List<CatalogProduct> rows = shown.stream().map(i -> products.get(skus.get(i))).filter(java.util.Objects::nonNull).toList();
    Map<String, List<FacetValue>> frozen = new LinkedHashMap<>();
    facets.forEach((f, list) -> frozen.put(f, List.copyOf(list)));
    return new Page(rows, frozen, next, corrected != null, corrected);
  }

  /** One filter of a search: its SQL, the values it binds, and the facet it filters, if any. */
  private record Term(String facet, String sql, Map<String, Object> values, Map<String, List<String>> arrays) {
    static Term of(String facet, String sql, Object... nameValues) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < nameValues.length; i += 2) {
        values.put((String) nameValues[i], nameValues[i + 1]);
      }
      return new Term(facet, sql, values, Map.of());
    }
  }

  /** The filters of a search. */
  private static final class Filters {
    private final Criteria criteria;

    Filters(Criteria criteria) {
      this.criteria = criteria;
    }

    List<Term> terms() {
      List<Term> terms = new ArrayList<>();
      terms.add(criteria.text().isPresent()
          ? Term.of(null, "true") // matching_products reads only the transaction's tenant
          : Term.of(null, "p.tenant_id = :tenant", "tenant", criteria.tenantId()));
      if (!criteria.visibility().everything()) {
        terms.add(criteria.visibility().ownVendor()
            .map(v -> Term.of(null, "(p.status = 'ACTIVE' or p.vendor_id = :ownVendor)", "ownVendor", v))
            .orElse(Term.of(null, "p.status = 'ACTIVE'")));
      }
      criteria.status().ifPresent(st -> terms.add(Term.of("status", "p.status = :status", "status", st.name())));
      // the text itself is matched by catalog.matching_products in the FROM clause
      criteria.text().ifPresent(q -> terms.add(Term.of(null, "true", "q", q)));
      criteria.category().ifPresent(c -> terms.add(Term.of("category", "p.category_ids && array(select c.category_id "
          + "from catalog.categories c where c.tenant_id = :categoryTenant and c.path @> array[cast(:category as text)])",
          "category", c, "categoryTenant", criteria.tenantId())));
      if (!criteria.vendors().isEmpty()) {
        terms.add(new Term("vendor", "p.vendor_id = any(:vendors)", Map.of(), Map.of("vendors", criteria.vendors())));
      }
      criteria.minPrice().ifPresent(min -> terms.add(Term.of(null, "p.price_amount >= :minPrice", "minPrice", min)));
      criteria.maxPrice().ifPresent(max -> terms.add(Term.of(null, "p.price_amount <= :maxPrice", "maxPrice", max)));
      criteria.currency().ifPresent(c -> terms.add(Term.of(null, "p.currency = :currency", "currency", c)));
      int n = 0;
      for (var attribute : criteria.attributes().entrySet()) {
        terms.add(anyOf("attr." + attribute.getKey(), "p.attributes", "attr" + (++n), attribute.getValue(),
            value -> Map.of(attribute.getKey(), value)));
      }
      n = 0;
      for (var option : criteria.options().entrySet()) {
        terms.add(anyOf("option." + option.getKey(), "p.variants", "opt" + (++n), option.getValue(),
            value -> List.of(Map.of("options", Map.of(option.getKey(), value)))));
      }
      return terms;
    }
  }

  /**
   * A filter matching any of {@code values}: the jsonb {@code column} contains the document
   * {@code contained} makes of one value (bound as {@code <parameter>_<i>}).
   */
  private static Term anyOf(String facet, String column, String parameter, List<String> values,
      Function<String, Object> contained) {
    List<String> any = new ArrayList<>();
    Map<String, Object> bound = new LinkedHashMap<>();
    for (String value : values) {
      String name = parameter + "_" + bound.size();
      any.add(column + " @> cast(:" + name + " as jsonb)");
      bound.put(name, json(contained.apply(value)));
    }
    return new Term(facet, "(" + String.join(" or ", any) + ")", bound, Map.of());
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
