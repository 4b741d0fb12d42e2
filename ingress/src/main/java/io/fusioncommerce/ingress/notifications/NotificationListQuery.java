package io.fusioncommerce.ingress.notifications;

import io.fusioncommerce.connectors.notifications.EmailAddresses;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PageLimit;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL and the parameters of {@code GET /v1/notifications}: keyset pages of {@code notifications.sent},
 * newest first with the event id as tie-breaker, optionally for one recipient. Runs on a handle of
 * {@code Database.inTenant}, so row-level security holds even if a predicate here were wrong.
 */
final class NotificationListQuery {

  private static final Set<String> NAMES = Set.of("recipient", "limit", "cursor");
  private static final String CURSOR_VERSION = "1";

  private NotificationListQuery() {}

  record Position(Instant sentAt, String eventId) {}

  record Parameters(Optional<String> recipient, int limit, Optional<Position> after) {

    static Parameters from(Context ctx) {
      Map<String, List<String>> query = ctx.queryParamMap();
      List<FieldError> errors = new ArrayList<>();
      query.keySet().stream().filter(name -> !NAMES.contains(name)).sorted()
          .forEach(name -> errors.add(new FieldError(name, "not a parameter of this list; use cursor, limit, recipient")));
      query.forEach((name, values) -> {
        if (NAMES.contains(name) && values.size() > 1) {
          errors.add(new FieldError(name, "given more than once"));
        }
      });
      Optional<String> recipient = Optional.ofNullable(ctx.queryParam("recipient")).map(raw -> EmailAddresses.valid(raw)
          .orElseGet(() -> {
            errors.add(new FieldError("recipient", "not a valid e-mail address"));
            return raw;
          }));
      int limit = PageLimit.LISTS.collect(Optional.ofNullable(ctx.queryParam("limit")), errors, PageLimit.LISTS.rule());
      Optional<Position> after = Optional.ofNullable(ctx.queryParam("cursor")).flatMap(raw -> {
        Optional<Position> position = decode(raw, recipient);
        if (position.isEmpty()) {
          errors.add(new FieldError("cursor", "not a cursor of this list; pass the \"next\" value of the previous "
              + "page unchanged, with the same recipient"));
        }
        return position;
      });
      if (!errors.isEmpty()) {
        throw ApiException.validation(errors);
      }
      return new Parameters(recipient, limit, after);
    }
  }

  static NotificationList page(Handle handle, String tenantId, Parameters parameters) {
    List<String> where = new ArrayList<>(List.of("tenant_id = :tenant"));
    parameters.recipient().ifPresent(r -> where.add("recipient = :recipient"));
    parameters.after().ifPresent(a -> where.add("(sent_at, event_id) < (:afterSentAt, :afterEventId)"));
    Query query = handle.createQuery("select event_id, kind, recipient, subject, message_id, order_id, sku, sent_at"
            + " from notifications.sent where " + String.join(" and ", where)
            + " order by sent_at desc, event_id desc limit :limit")
        .bind("tenant", tenantId).bind("limit", parameters.limit() + 1);
    parameters.recipient().ifPresent(r -> query.bind("recipient", r));
    parameters.after().ifPresent(a -> query.bind("afterSentAt", a.sentAt().atOffset(ZoneOffset.UTC))
        .bind("afterEventId", a.eventId()));
    List<Row> rows = query.map((rs, ctx) -> new Row(rs.getString("event_id"), rs.getString("kind"),
        rs.getString("recipient"), rs.getString("subject"), rs.getString("message_id"), rs.getString("order_id"),
        rs.getString("sku"), rs.getObject("sent_at", OffsetDateTime.class).toInstant())).list();
    String next = null;
    if (rows.size() > parameters.limit()) {
      rows = rows.subList(0, parameters.limit());
      Row last = rows.getLast();
      next = encode(new Position(last.sentAt(), last.eventId()), parameters.recipient());
    }
    return new NotificationList(rows.stream().map(Row::item).toList(), next);
  }

  private record Row(String eventId, String kind, String recipient, String subject, String messageId, String orderId,
      String sku, Instant sentAt) {
    NotificationList.Item item() {
      return new NotificationList.Item(eventId, kind, recipient, subject, messageId, orderId, sku, sentAt.toString());
    }
  }

  static String encode(Position last, Optional<String> recipient) {
    String text = String.join("\n", CURSOR_VERSION, last.sentAt().toString(), last.eventId(), recipient.orElse(""));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The position of a cursor this list made for the same recipient filter; empty for anything else. */
  static Optional<Position> decode(String cursor, Optional<String> recipient) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 4 || !CURSOR_VERSION.equals(parts[0]) || !parts[3].equals(recipient.orElse(""))
          || parts[2].isEmpty() || parts[2].length() > 256) {
        return Optional.empty();
      }
      return Optional.of(new Position(Instant.parse(parts[1]), parts[2]));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
