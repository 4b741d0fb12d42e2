package io.fusioncommerce.ingress.catalog.csv;

import io.fusioncommerce.ingress.catalog.CatalogProduct;
import io.fusioncommerce.ingress.catalog.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The catalog's CSV layout, shared by export and import so an exported file imports unchanged.
 *
 * <p>One row per product, followed by one row per variant (its {@code parent_sku} names the product;
 * its {@code price_amount} may be empty for the product's price). Prices are integer minor units.
 * Categories are separated by {@value #LIST_SEPARATOR}. Each attribute is a column {@code attr.<name>},
 * each variant option a column {@code option.<name>}.
 */
public final class ProductCsv {

  public static final String SKU = "sku";
  public static final String PARENT_SKU = "parent_sku";
  public static final String NAME = "name";
  public static final String DESCRIPTION = "description";
  public static final String PRICE = "price_amount";
  public static final String CURRENCY = "currency";
  public static final String VENDOR = "vendor_id";
  public static final String CATEGORIES = "category_ids";
  public static final String STATUS = "status";
  public static final String ATTRIBUTE_PREFIX = "attr.";
  public static final String OPTION_PREFIX = "option.";
  public static final String LIST_SEPARATOR = "|";

  public static final List<String> FIXED = List.of(SKU, PARENT_SKU, NAME, DESCRIPTION, PRICE, CURRENCY, VENDOR,
      CATEGORIES, STATUS);
  static final Set<String> KNOWN = Set.copyOf(FIXED);

  /** The format of both directions: RFC 4180, a header row, CRLF line ends. */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

  private ProductCsv() {}

  public static List<String> header(SortedSet<String> attributes, SortedSet<String> options) {
    List<String> header = new ArrayList<>(FIXED);
    attributes.forEach(a -> header.add(ATTRIBUTE_PREFIX + a));
    options.forEach(o -> header.add(OPTION_PREFIX + o));
    return header;
  }

  /** Writes a product's row and its variants' rows in the order of {@code header}. */
  public static void write(CSVPrinter out, List<String> header, CatalogProduct product) {
    try {
      out.printRecord(header.stream().map(column -> productCell(product, column)).toList());
      for (Variant variant : product.variants()) {
        out.printRecord(header.stream().map(column -> variantCell(product, variant, column)).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String productCell(CatalogProduct product, String column) {
    return switch (column) {
      case SKU -> product.sku();
      case PARENT_SKU -> "";
      case NAME -> product.name();
      case DESCRIPTION -> product.description() == null ? "" : product.description();
      case PRICE -> Long.toString(product.price().amount());
      case CURRENCY -> product.price().currency();
      case VENDOR -> product.vendorId();
      case CATEGORIES -> String.join(LIST_SEPARATOR, product.categoryIds());
      case STATUS -> product.status().name();
      default -> column.startsWith(ATTRIBUTE_PREFIX)
          ? product.attributes().getOrDefault(column.substring(ATTRIBUTE_PREFIX.length()), "") : "";
    };
  }

  private static String variantCell(CatalogProduct product, Variant variant, String column) {
    return switch (column) {
      case SKU -> variant.sku();
      case PARENT_SKU -> product.sku();
      case PRICE -> variant.price() == null ? "" : Long.toString(variant.price().amount());
      case CURRENCY -> variant.price() == null ? "" : variant.price().currency();
      default -> column.startsWith(OPTION_PREFIX)
          ? variant.options().getOrDefault(column.substring(OPTION_PREFIX.length()), "") : "";
    };
  }

  static List<String> categories(String cell) {
    if (cell == null || cell.isBlank()) {
      return List.of();
    }
    return Arrays.stream(cell.split("\\" + LIST_SEPARATOR)).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
