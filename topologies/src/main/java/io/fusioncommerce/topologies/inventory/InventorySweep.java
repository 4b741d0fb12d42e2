package io.fusioncommerce.topologies.inventory;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Keys of the inventory's expiry index: {@code <due, 13-digit millis>|<kind>|<part>|<part>|...}, each
 * part URL-encoded so a '|' in an id cannot shift the others. Sorted as strings they sort by due time,
 * so the sweep reads only what is due with one range scan, however large the stores are.
 */
final class InventorySweep {

  /** What a due entry is about. */
  enum Kind {
    /** A settled reservation (released, committed, refused) is dropped: parts tenant, sku, order. */
    RESERVATION,
    /** A customer's reservation window of a SKU is pruned: parts tenant, sku, customer. */
    CUSTOMER_WINDOW
  }

  record Due(Instant dueAt, Kind kind, List<String> parts) {}

  private InventorySweep() {}

  static String key(Instant dueAt, Kind kind, String... parts) {
    StringBuilder key = new StringBuilder(String.format("%013d|%s", Math.max(0, dueAt.toEpochMilli()), kind.name()));
    for (String part : parts) {
      key.append('|').append(URLEncoder.encode(part, StandardCharsets.UTF_8));
    }
    return key.toString();
  }

  /** The largest key due at {@code now}. */
  static String upTo(Instant now) {
    return String.format("%013d|~", now.toEpochMilli());
  }

  static Due parse(String key) {
    String[] fields = key.split("\\|");
    List<String> parts = Arrays.stream(fields, 2, fields.length)
        .map(part -> URLDecoder.decode(part, StandardCharsets.UTF_8)).toList();
    return new Due(Instant.ofEpochMilli(Long.parseLong(fields[0])), Kind.valueOf(fields[1]), parts);
  }
}
