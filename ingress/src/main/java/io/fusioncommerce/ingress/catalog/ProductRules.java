package io.fusioncommerce.ingress.catalog;

import io.fusioncommerce.ingress.http.FieldError;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every product must satisfy, whichever way it arrives (HTTP or a CSV row). Each broken
 * rule is reported with the field it concerns, so one answer lists everything that is wrong.
 */
public final class ProductRules {

  public static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  public static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  public static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9][a-z0-9_]{0,39}");
  /** Path segments of /v1/products/... that cannot also be SKUs. */
  static final Set<String> RESERVED_SKUS = Set.of("import", "export");
  public static final long MAX_AMOUNT = 1_000_000_000_000L;
  static final int MAX_VARIANTS = 100;
  static final int MAX_ATTRIBUTES = 50;
  static final int MAX_CATEGORIES = 20;

  private ProductRules() {}

  public static List<FieldError> check(ProductDraft draft) {
    List<FieldError> errors = new ArrayList<>();
    if (draft.sku() == null || !SKU.matcher(draft.sku()).matches()) {
      errors.add(new FieldError("sku", "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    } else if (RESERVED_SKUS.contains(draft.sku())) {
      errors.add(new FieldError("sku", "'" + draft.sku() + "' is reserved by the API"));
    }
    if (draft.vendorId() != null && !IDENTIFIER.matcher(draft.vendorId()).matches()) {
      errors.add(new FieldError("vendorId", "1 to 64 lower-case letters, digits, '_' or '-'"));
    }
    text(errors, "name", draft.name(), true, 200);
    text(errors, "description", draft.description(), false, 5000);
    price(errors, "price", draft.price(), true);
    if (draft.categoryIds().size() > MAX_CATEGORIES) {
      errors.add(new FieldError("categoryIds", "at most " + MAX_CATEGORIES + " categories"));
    }
    for (int i = 0; i < draft.categoryIds().size(); i++) {
      String id = draft.categoryIds().get(i);
      if (id == null || !IDENTIFIER.matcher(id).matches()) {
        errors.add(new FieldError("categoryIds[" + i + "]", "not a category id"));
      }
    }
    if (new HashSet<>(draft.categoryIds()).size() != draft.categoryIds().size()) {
      errors.add(new FieldError("categoryIds", "lists a category twice"));
    }
    values(errors, "attributes", draft.attributes(), MAX_ATTRIBUTES);
    variants(errors, draft);
    return errors;
  }

  private static void variants(List<FieldError> errors, ProductDraft draft) {
    if (draft.variants().size() > MAX_VARIANTS) {
      errors.add(new FieldError("variants", "at most " + MAX_VARIANTS + " variants"));
    }
    Set<String> skus = new HashSet<>();
    Set<Map<String, String>> optionSets = new HashSet<>();
    for (int i = 0; i < draft.variants().size(); i++) {
      Variant variant = draft.variants().get(i);
      String field = "variants[" + i + "]";
      if (variant == null) {
        errors.add(new FieldError(field, "must not be null"));
        continue;
      }
      if (variant.sku() == null || !SKU.matcher(variant.sku()).matches()) {
        errors.add(new FieldError(field + ".sku", "not a valid SKU"));
      } else if (variant.sku().equals(draft.sku()) || !skus.add(variant.sku())) {
        errors.add(new FieldError(field + ".sku", "each variant needs a SKU of its own"));
      }
      if (variant.options().isEmpty()) {
        errors.add(new FieldError(field + ".options", "a variant names at least one option, such as size or color"));
      } else if (!optionSets.add(variant.options())) {
        errors.add(new FieldError(field + ".options", "another variant has the same options"));
      }
      values(errors, field + ".options", variant.options(), 10);
      if (variant.price() != null) {
        price(errors, field + ".price", variant.price(), false);
        if (draft.price() != null && draft.price().currency() != null
            && !draft.price().currency().equals(variant.price().currency())) {
          errors.add(new FieldError(field + ".price.currency", "must be the product's currency"));
        }
      }
    }
  }

  private static void text(List<FieldError> errors, String field, String value, boolean required, int max) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
    } else if (value.length() > max) {
      errors.add(new FieldError(field, "at most " + max + " characters"));
    }
  }

  private static void price(List<FieldError> errors, String field, Price price, boolean required) {
    if (price == null) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return;
    }
    if (price.amount() == null || price.amount() < 0 || price.amount() > MAX_AMOUNT) {
      errors.add(new FieldError(field + ".amount", "a whole number of minor units from 0 to " + MAX_AMOUNT));
    }
    if (!isCurrency(price.currency())) {
      errors.add(new FieldError(field + ".currency", "an ISO-4217 code such as USD, EUR, GBP or JPY"));
    }
  }

  public static boolean isCurrency(String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void values(List<FieldError> errors, String field, Map<String, String> values, int max) {
    if (values.size() > max) {
      errors.add(new FieldError(field, "at most " + max + " entries"));
    }
    values.forEach((name, value) -> {
      if (!ATTRIBUTE_NAME.matcher(name).matches()) {
        errors.add(new FieldError(field + "." + name, "names are 1 to 40 lower-case letters, digits or '_'"));
      } else if (value == null || value.isBlank() || value.length() > 200) {
        errors.add(new FieldError(field + "." + name, "a value of 1 to 200 characters"));
      }
    });
  }
}
