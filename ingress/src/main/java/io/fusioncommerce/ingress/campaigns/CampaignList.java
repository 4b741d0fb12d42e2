package io.fusioncommerce.ingress.campaigns;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.Price;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PageLimit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * {@code GET /v1/campaigns}: a tenant's campaigns from the Postgres read model
 * ({@code campaigns.campaign_list}, V6), newest first, in keyset pages. Counts in the list trail the
 * campaign's own state by up to a second; {@code GET /v1/campaigns/{id}} is exact.
 */
final class CampaignList {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private static final Set<String> NAMES = Set.of("sku", "status", "vendorId", "limit", "cursor");
  private static final Set<String> STATUSES = Set.of("OPEN", "SUCCEEDED", "EXPIRED", "REJECTED");

  /** One row of the list. */
  record Item(String campaignId, String sku, String productName, String vendorId, String status, int participants,
      int minParticipants, Integer maxParticipants, Price groupPrice, Instant startsAt, Instant endsAt,
      Instant createdAt, Instant updatedAt, long version) {}

  /** Answer of {@code GET /v1/campaigns}. */
  record Page(List<Item> items, String next) {}

  record Parameters(Optional<String> sku, Set<String> statuses, Optional<String> vendorId, int limit,
      Optional<Position> after) {}

  private record Position(LocalDateTime createdAt, String campaignId) {}

  private CampaignList() {}

  static Parameters parse(Map<String, List<String>> query) {
    List<FieldError> errors = new ArrayList<>();
    query.keySet().stream().filter(n -> !NAMES.contains(n)).sorted()
        .forEach(n -> errors.add(new FieldError(n, "not a parameter of this list; use " + String.join(", ", new TreeSet<>(NAMES)))));
    for (String name : NAMES) {
      if (query.getOrDefault(name, List.of()).size() > 1 && !name.equals("status")) {
        errors.add(new FieldError(name, "given more than once"));
      }
    }
    Optional<String> sku = first(query, "sku");
    sku.filter(s -> !s.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")).ifPresent(s -> errors.add(new FieldError("sku", "not a SKU")));
    Optional<String> vendor = first(query, "vendorId");
    vendor.filter(v -> v.isBlank() || v.length() > 64).ifPresent(v -> errors.add(new FieldError("vendorId", "not a vendor id")));
    Set<String> statuses = new TreeSet<>();
    for (String value : query.getOrDefault("status", List.of())) {
      for (String status : value.split(",", -1)) {
        if (STATUSES.contains(status.strip())) {
          statuses.add(status.strip());
        } else {
          errors.add(new FieldError("status", "one or more (comma-separated) of OPEN, SUCCEEDED, EXPIRED, REJECTED"));
        }
      }
    }
    PageLimit limits = new PageLimit(DEFAULT_LIMIT, MAX_LIMIT);
    int limit = limits.collect(first(query, "limit"), errors, limits.rule());
    String fingerprint = fingerprint(sku, statuses, vendor);
    Optional<Position> after = first(query, "cursor").flatMap(c -> {
      Optional<Position> position = decode(c, fingerprint);
      if (position.isEmpty()) {
        errors.add(new FieldError("cursor", "not a cursor of this list with these filters"));
      }
      return position;
    });
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return new Parameters(sku, statuses, vendor, limit, after);
  }

  /**
   * One page. Every member of the tenant sees its campaigns; a REJECTED one (the topology refused to
   * open it) only staff and the vendor it belongs to.
   */
  static Page page(Handle handle, Principal principal, Parameters p) {
    List<String> where = new ArrayList<>(List.of("tenant_id = :tenant"));
    boolean staff = principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST);
    Optional<String> ownVendor = principal.has(Role.VENDOR) ? principal.vendorId() : Optional.empty();
    if (!staff) {
      where.add(ownVendor.isPresent() ? "(status <> 'REJECTED' or vendor_id = :ownVendor)" : "status <> 'REJECTED'");
    }
    p.sku().ifPresent(s -> where.add("sku = :sku"));
    p.vendorId().ifPresent(v -> where.add("vendor_id = :vendor"));
    if (!p.statuses().isEmpty()) {
      where.add("status = any(:statuses)");
    }
    p.after().ifPresent(a -> where.add("(created_at, campaign_id) < (:afterCreated, :afterId)"));
    Query query = handle.createQuery("select campaign_id, sku, product_name, vendor_id, status, participants, "
            + "min_participants, max_participants, group_price_amount, currency, starts_at, ends_at, created_at, updated_at, "
            + "version from campaigns.campaign_list where " + String.join(" and ", where)
            + " order by created_at desc, campaign_id desc limit :limit")
        .bind("tenant", principal.tenantId()).bind("limit", p.limit() + 1);
    if (!staff) {
      ownVendor.ifPresent(v -> query.bind("ownVendor", v));
    }
    p.sku().ifPresent(s -> query.bind("sku", s));
    p.vendorId().ifPresent(v -> query.bind("vendor", v));
    if (!p.statuses().isEmpty()) {
      query.bindArray("statuses", String.class, p.statuses());
    }
    p.after().ifPresent(a -> query.bind("afterCreated", a.createdAt()).bind("afterId", a.campaignId()));
    List<LocalDateTime> created = new ArrayList<>();
    List<Item> items = new ArrayList<>(query.map((rs, ctx) -> {
      LocalDateTime createdAt = rs.getObject("created_at", LocalDateTime.class);
      created.add(createdAt);
      return new Item(rs.getString("campaign_id"), rs.getString("sku"), rs.getString("product_name"),
          rs.getString("vendor_id"), rs.getString("status"), rs.getInt("participants"), rs.getInt("min_participants"),
          rs.getObject("max_participants", Integer.class), new Price(rs.getLong("group_price_amount"), rs.getString("currency")),
          utc(rs.getObject("starts_at", LocalDateTime.class)), utc(rs.getObject("ends_at", LocalDateTime.class)),
          utc(createdAt), utc(rs.getObject("updated_at", LocalDateTime.class)), rs.getLong("version"));
    }).list());
    String next = null;
    if (items.size() > p.limit()) {
      items = items.subList(0, p.limit());
      next = encode(new Position(created.get(p.limit() - 1), items.get(p.limit() - 1).campaignId()),
          fingerprint(p.sku(), p.statuses(), p.vendorId()));
    }
    return new Page(List.copyOf(items), next);
  }

  private static Instant utc(LocalDateTime time) {
    return time.toInstant(ZoneOffset.UTC);
  }

  private static Optional<String> first(Map<String, List<String>> query, String name) {
    List<String> values = query.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private static String fingerprint(Optional<String> sku, Set<String> statuses, Optional<String> vendor) {
    return Integer.toHexString(String.join("\u0000", sku.orElse(""), String.join(",", statuses), vendor.orElse("")).hashCode());
  }

  private static String encode(Position position, String fingerprint) {
    String text = String.join("\n", position.createdAt().toString(), position.campaignId(), fingerprint);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<Position> decode(String cursor, String fingerprint) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 3 || !parts[2].equals(fingerprint) || parts[1].isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Position(LocalDateTime.parse(parts[0]), parts[1]));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
