package io.fusioncommerce.ingress.catalog;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.store.ProductSearch;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PageLimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.fusioncommerce.ingress.recommendations.PersonalizedSearch;
import java.util.Set;

/** The query string of {@code GET /v1/products}, checked, as search criteria for the caller. */
final class SearchParameters {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private static final Set<String> KNOWN = Set.of("q", "category", "vendor", "minPrice", "maxPrice", "currency",
      "status", "facets", "limit", "cursor", PersonalizedSearch.PARAMETER);

  private SearchParameters() {}

  static ProductSearch.Criteria parse(Principal principal, Map<String, List<String>> query) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    Map<String, List<String>> options = new LinkedHashMap<>();
    for (var entry : query.entrySet()) {
      String name = entry.getKey();
      if (name.startsWith("attr.") || name.startsWith("option.")) {
        String key = name.substring(name.indexOf('.') + 1);
        if (!ProductRules.ATTRIBUTE_NAME.matcher(key).matches()) {
          errors.add(new FieldError(name, "not an attribute name"));
        } else {
          (name.startsWith("attr.") ? attributes : options).put(key, List.copyOf(new LinkedHashSet<>(entry.getValue())));
        }
      } else if (!KNOWN.contains(name)) {
        errors.add(new FieldError(name, "unknown query parameter"));
      }
    }
    Optional<String> text = single(query, "q").map(String::strip).filter(q -> !q.isEmpty());
    if (text.isPresent() && text.get().length() > 200) {
      errors.add(new FieldError("q", "at most 200 characters"));
    }
    Optional<String> category = single(query, "category");
    category.filter(c -> !ProductRules.IDENTIFIER.matcher(c).matches())
        .ifPresent(c -> errors.add(new FieldError("category", "not a category id")));
    List<String> vendors = query.getOrDefault("vendor", List.of());
    vendors.stream().filter(v -> !ProductRules.IDENTIFIER.matcher(v).matches())
        .forEach(v -> errors.add(new FieldError("vendor", "not a vendor id: " + v)));
    Optional<Long> min = amount(query, "minPrice", errors);
    Optional<Long> max = amount(query, "maxPrice", errors);
    if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
      errors.add(new FieldError("maxPrice", "must not be below minPrice"));
    }
    Optional<String> currency = single(query, "currency");
    currency.filter(c -> !ProductRules.isCurrency(c))
        .ifPresent(c -> errors.add(new FieldError("currency", "an ISO-4217 code such as USD")));
    Optional<ProductStatus> status = single(query, "status").flatMap(s -> {
      try {
        return Optional.of(ProductStatus.valueOf(s));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("status", "one of PENDING, ACTIVE, REJECTED, ARCHIVED"));
        return Optional.empty();
      }
    });
    List<String> facets = new ArrayList<>();
    for (String list : query.getOrDefault("facets", List.of())) {
      for (String facet : list.split(",")) {
        String f = facet.strip();
        if (f.isEmpty()) {
          continue;
        }
        boolean keyed = (f.startsWith("attr.") || f.startsWith("option."))
            && ProductRules.ATTRIBUTE_NAME.matcher(f.substring(f.indexOf('.') + 1)).matches();
        if (!keyed && !ProductSearch.FIXED_FACETS.contains(f)) {
          errors.add(new FieldError("facets", "unknown facet " + f + " (category, vendor, status, attr.<name>, option.<name>)"));
        } else if (!facets.contains(f)) {
          facets.add(f);
        }
      }
    }
    if (facets.size() > 10) {
      errors.add(new FieldError("facets", "at most 10 facets"));
    }
    PageLimit limits = new PageLimit(DEFAULT_LIMIT, MAX_LIMIT);
    int limit = limits.collect(single(query, "limit"), errors, limits.rule());
    for (String name : List.of("q", "category", "minPrice", "maxPrice", "currency", "status", "limit", "cursor")) {
      if (query.getOrDefault(name, List.of()).size() > 1) {
        errors.add(new FieldError(name, "give it once"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    boolean everything = ProductAccess.readsEverything(principal);
    Optional<String> ownVendor = principal.has(Role.VENDOR) ? principal.vendorId() : Optional.empty();
    return new ProductSearch.Criteria(principal.tenantId(), new ProductSearch.Visibility(everything, ownVendor), text,
        category, List.copyOf(new LinkedHashSet<>(vendors)), min, max, currency, attributes, options, status,
        List.copyOf(facets), limit, single(query, "cursor"));
  }

  private static Optional<String> single(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private static Optional<Long> amount(Map<String, List<String>> query, String name, List<FieldError> errors) {
    return single(query, name).flatMap(value -> {
      try {
        long amount = Long.parseLong(value);
        if (amount >= 0) {
          return Optional.of(amount);
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      errors.add(new FieldError(name, "a whole number of minor units, 0 or more"));
      return Optional.empty();
    });
  }
}
