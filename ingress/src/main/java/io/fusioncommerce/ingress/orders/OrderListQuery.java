package io.fusioncommerce.ingress.orders;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of the order list: one page of {@code orders.order_list} (the read model the JDBC sink
 * keeps, see V2), newest first, as far as the caller may see it. Runs on a handle of
 * {@code Database.inTenant}, so row-level security holds even if a predicate here were wrong.
 *
 * <p>Pages are keyset pages: ordered by {@code (created_at, order_id)} descending, each page starts
 * after the position the previous one ended at. An order's creation time never changes, so walking
 * the pages sees every order once, however many status changes arrive meanwhile.
 */
final class OrderListQuery {

  /** What the client asked for; every part is optional. Times bound {@code created_at}: from inclusive, to exclusive. */
  record Filter(Optional<String> customerId, Set<String> statuses, Optional<String> vendorId, Optional<Instant> from,
      Optional<Instant> to) {}

  /** Where a page ended: the last row's creation time (UTC, as stored) and order id. */
  record Position(LocalDateTime createdAt, String orderId) {}

  /**
   * Which orders of the tenant the caller may see. Staff see all of them, whole; a buyer its own and
   * its organization's, whole; a vendor those with a line of its own, and only its own part of them.
   */
  record Scope(boolean everything, Optional<String> buyer, Optional<String> organization, Optional<String> vendor) {
    static Scope staff() {
      return new Scope(true, Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** One row as stored. {@code whole} is false when the caller sees only its vendor part of the order. */
  record Row(String orderId, String customerId, String status, long totalAmount, String currency, int itemCount,
      List<String> vendors, List<Long> vendorSubtotals, List<Long> vendorItemCounts, String organizationId,
      String purchaseOrderNumber, String rejectionReason, LocalDateTime createdAt, LocalDateTime updatedAt, long version,
      boolean whole) {}

  /** One page: at most {@code limit} rows, and where the next page starts if there is one. */
  record Page(List<Row> rows, Optional<Position> next) {}

  private static final String COLUMNS = "order_id, customer_id, status, total_amount, currency, item_count, vendors,"
      + " vendor_subtotals, vendor_item_counts, organization_id, purchase_order_number, rejection_reason, created_at,"
      + " updated_at, version";

  private OrderListQuery() {}

  static Page page(Handle handle, String tenantId, Scope scope, Filter filter, Optional<Position> after, int limit) {
    String whole = wholeOrder(scope);
    List<String> where = new ArrayList<>();
    where.add("tenant_id = :tenant");
    if (!scope.everything()) {
      where.add(scope.vendor().isPresent() ? "(" + whole + " or vendors @> array[:scopeVendor]::text[])" : whole);
    }
    // A vendor sees orders without their buyer: filtering by customer would tell it who bought what.
    filter.customerId().ifPresent(c -> where.add("customer_id = :customerId and " + whole));
    if (!filter.statuses().isEmpty()) {
      where.add("status = any(:statuses)");
    }
    filter.vendorId().ifPresent(v -> where.add("vendors @> array[:vendorId]::text[]"));
    filter.from().ifPresent(f -> where.add("created_at >= :from"));
    filter.to().ifPresent(t -> where.add("created_at < :to"));
    after.ifPresent(a -> where.add("(created_at, order_id) < (:afterCreatedAt, :afterOrderId)"));

    String sql = "select " + COLUMNS + ", " + whole + " as whole from orders.order_list where "
        + String.join(" and ", where) + " order by created_at desc, order_id desc limit :limit";
    Query query = handle.createQuery(sql).bind("tenant", tenantId).bind("limit", limit + 1);
    scope.buyer().ifPresent(b -> query.bind("buyer", b));
    scope.organization().ifPresent(o -> query.bind("organization", o));
    scope.vendor().ifPresent(v -> query.bind("scopeVendor", v));
    filter.customerId().ifPresent(c -> query.bind("customerId", c));
    if (!filter.statuses().isEmpty()) {
      query.bindArray("statuses", String.class, filter.statuses());
    }
    filter.vendorId().ifPresent(v -> query.bind("vendorId", v));
    filter.from().ifPresent(f -> query.bind("from", OrderListParameters.utc(f)));
    filter.to().ifPresent(t -> query.bind("to", OrderListParameters.utc(t)));
    after.ifPresent(a -> query.bind("afterCreatedAt", a.createdAt()).bind("afterOrderId", a.orderId()));

    List<Row> rows = new ArrayList<>(query.map((rs, ctx) -> row(rs)).list());
    Optional<Position> next = Optional.empty();
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
      Row last = rows.get(limit - 1);
      next = Optional.of(new Position(last.createdAt(), last.orderId()));
    }
    return new Page(List.copyOf(rows), next);
  }

  /** The predicate of the orders the caller sees whole: all for staff, its own and its organization's for a buyer. */
  private static String wholeOrder(Scope scope) {
    if (scope.everything()) {
      return "true";
    }
    List<String> any = new ArrayList<>();
    scope.buyer().ifPresent(b -> any.add("customer_id = :buyer"));
    scope.organization().ifPresent(o -> any.add("organization_id = :organization"));
    return any.isEmpty() ? "false" : "(" + String.join(" or ", any) + ")";
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getString("order_id"), rs.getString("customer_id"), rs.getString("status"),
        rs.getLong("total_amount"), rs.getString("currency"), rs.getInt("item_count"),
        list(rs.getArray("vendors"), String.class), list(rs.getArray("vendor_subtotals"), Long.class),
        list(rs.getArray("vendor_item_counts"), Long.class), rs.getString("organization_id"),
        rs.getString("purchase_order_number"), rs.getString("rejection_reason"),
        rs.getObject("created_at", LocalDateTime.class), rs.getObject("updated_at", LocalDateTime.class),
        rs.getLong("version"), rs.getBoolean("whole"));
  }

  private static <T> List<T> list(Array array, Class<T> type) throws SQLException {
    if (array == null) {
      return List.of();
    }
    try {
      return Arrays.stream((Object[]) array.getArray()).map(type::cast).toList();
    } finally {
      array.free();
    }
  }
}
