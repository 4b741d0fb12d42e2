package io.fusioncommerce.ingress.orders;

import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PageLimit;
import io.fusioncommerce.topologies.orders.OrderStatus;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The query of {@code GET /v1/orders}: filters, page size and the opaque cursor, validated all at
 * once so a refusal names every wrong parameter.
 *
 * @param limit rows per page, 1 to {@value #MAX_LIMIT} ({@value #DEFAULT_LIMIT} when not given)
 * @param after where the previous page ended, when the client sent its {@code next} cursor
 */
record OrderListParameters(OrderListQuery.Filter filter, int limit, Optional<OrderListQuery.Position> after) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private static final int MAX_ID_LENGTH = 256;
  private static final Set<String> NAMES = Set.of("customerId", "status", "vendorId", "from", "to", "limit", "cursor");
  /** The statuses a listed order can have (PENDING orders are not listed: they were never placed). */
  static final Set<OrderStatus> LISTED = EnumSet.complementOf(EnumSet.of(OrderStatus.PENDING));
  private static final String CURSOR_VERSION = "1";

  static OrderListParameters from(Context ctx) {
    Map<String, List<String>> query = ctx.queryParamMap();
    List<FieldError> errors = new ArrayList<>();
    query.keySet().stream().filter(name -> !NAMES.contains(name)).sorted()
        .forEach(name -> errors.add(new FieldError(name, "not a parameter of this list; use " + String.join(", ",
            new TreeSet<>(NAMES)))));

    Optional<String> customerId = identifier(query, "customerId", errors);
    Optional<String> vendorId = identifier(query, "vendorId", errors);
    Set<String> statuses = statuses(query, errors);
    Optional<Instant> from = time(query, "from", errors);
    Optional<Instant> to = time(query, "to", errors);
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      errors.add(new FieldError("to", "must be later than from"));
    }
    int limit = limit(query, errors);
    OrderListQuery.Filter filter = new OrderListQuery.Filter(customerId, statuses, vendorId, from, to);
    Optional<OrderListQuery.Position> after = single(query, "cursor", errors).flatMap(raw -> {
      Optional<OrderListQuery.Position> position = decode(raw, filter);
      if (position.isEmpty()) {
        errors.add(new FieldError("cursor", "not a cursor of this list with these filters; pass the \"next\" value "
            + "of the previous page unchanged, with the same filters"));
      }
      return position;
    });
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return new OrderListParameters(filter, limit, after);
  }

  // ------------------------------------------------------------------ the cursor

  /** The opaque cursor of the page after {@code last}: where it ended, tied to the filters it was read with. */
  static String encode(OrderListQuery.Position last, OrderListQuery.Filter filter) {
    String text = String.join("\n", CURSOR_VERSION, last.createdAt().toString(), last.orderId(), fingerprint(filter));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<OrderListQuery.Position> decode(String cursor, OrderListQuery.Filter filter) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 4 || !CURSOR_VERSION.equals(parts[0]) || !fingerprint(filter).equals(parts[3])
          || parts[2].isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new OrderListQuery.Position(LocalDateTime.parse(parts[1]), parts[2]));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String fingerprint(OrderListQuery.Filter filter) {
    String canonical = String.join("\u0000", filter.customerId().orElse(""), String.join(",", new TreeSet<>(filter.statuses())),
        filter.vendorId().orElse(""), filter.from().map(Instant::toString).orElse(""),
        filter.to().map(Instant::toString).orElse(""));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  // ------------------------------------------------------------------ single parameters

  private static Optional<String> single(Map<String, List<String>> query, String name, List<FieldError> errors) {
    List<String> values = query.getOrDefault(name, List.of());
    if (values.size() > 1) {
      errors.add(new FieldError(name, "given more than once"));
      return Optional.empty();
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private static Optional<String> identifier(Map<String, List<String>> query, String name, List<FieldError> errors) {
    Optional<String> value = single(query, name, errors);
    if (value.isPresent() && (value.get().isBlank() || value.get().length() > MAX_ID_LENGTH)) {
      errors.add(new FieldError(name, "must be 1 to " + MAX_ID_LENGTH + " characters"));
      return Optional.empty();
    }
    return value;
  }

  /** {@code status=PAID,SHIPPED} or {@code status=PAID&status=SHIPPED}: any of them. */
  private static Set<String> statuses(Map<String, List<String>> query, List<FieldError> errors) {
    Set<String> names = LISTED.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> wanted = new TreeSet<>();
    for (String value : query.getOrDefault("status", List.of())) {
      for (String status : value.split(",", -1)) {
        if (!names.contains(status.trim())) {
          errors.add(new FieldError("status", "unknown status \"" + status.trim() + "\"; one or more (comma-separated) of "
              + String.join(", ", LISTED.stream().map(Enum::name).toList())));
          return Set.of();
        }
        wanted.add(status.trim());
      }
    }
    return wanted;
  }

  private static Optional<Instant> time(Map<String, List<String>> query, String name, List<FieldError> errors) {
    return single(query, name, errors).flatMap(raw -> {
      try {
        return Optional.of(OffsetDateTime.parse(raw).toInstant());
      } catch (DateTimeParseException e) {
        errors.add(new FieldError(name, "must be an ISO-8601 time with its offset, e.g. 2026-11-24T12:00:00Z"));
        return Optional.empty();
      }
    });
  }

  private static int limit(Map<String, List<String>> query, List<FieldError> errors) {
    return new PageLimit(DEFAULT_LIMIT, MAX_LIMIT).collect(single(query, "limit", errors).map(String::trim), errors,
        "must be an integer from 1 to " + MAX_LIMIT);
  }

  /** The instant a UTC {@code timestamp} column holds (the read model stores UTC, see V2). */
  static Instant utc(LocalDateTime value) {
    return value.toInstant(ZoneOffset.UTC);
  }

  static LocalDateTime utc(Instant value) {
    return LocalDateTime.ofInstant(value, ZoneOffset.UTC);
  }
}
