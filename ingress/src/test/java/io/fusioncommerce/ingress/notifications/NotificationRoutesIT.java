package io.fusioncommerce.ingress.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.connectors.notifications.NotificationKind;
import io.fusioncommerce.connectors.notifications.PostgresNotificationStore;
import io.fusioncommerce.connectors.notifications.SentNotification;
import io.fusioncommerce.ingress.TestServer;
import io.fusioncommerce.ingress.database.PostgresFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notifications ledger on PostgreSQL 17 (V13_25), as the mail worker writes it, and its routes over
 * HTTP: a redelivered event is recorded once, lists are paged and tenant-scoped (row-level security),
 * only an admin reads them, and every wrong input is refused with nothing changed.
 */
class NotificationRoutesIT {

  @RegisterExtension static final PostgresFixture postgres =
      PostgresFixture.serving(database -> List.of(new NotificationRoutes(database)));
  static final Instant T0 = Instant.parse("2026-12-06T01:00:00Z");
  static PostgresNotificationStore store;
  static String acmeAdmin;

  @BeforeAll
  static void seed() {
    store = new PostgresNotificationStore(postgres.database().jdbi());
    for (int i = 0; i < 5; i++) {
      store.recordSent(sent("acme", "ev-" + i, i % 2 == 0 ? "ann@buyer.example" : "bob@buyer.example", T0.plusSeconds(i)));
    }
    store.recordSent(sent("globex", "ev-g", "ann@buyer.example", T0));
    acmeAdmin = token("acme", "admin-1", null, "admin");
  }

  static SentNotification sent(String tenant, String eventId, String recipient, Instant at) {
    return new SentNotification(tenant, eventId, NotificationKind.ORDER_CONFIRMED, recipient, "Your order",
        "<" + eventId + "@x.invalid>", "o-" + eventId, null, at);
  }

  static String token(String tenant, String subject, String vendor, String... roles) {
    return postgres.api().token(tenant, subject, vendor, null, List.of(roles));
  }

  static TestServer api() {
    return postgres.api();
  }

  @Test
  void anEventRecordedTwiceIsOneNotification() {
    store.recordSent(sent("acme", "ev-dup", "carol@buyer.example", T0.plusSeconds(100)));
    store.recordSent(sent("acme", "ev-dup", "carol@buyer.example", T0.plusSeconds(200)));

    assertThat(store.alreadySent("acme", "ev-dup")).isTrue();
    JsonNode items = api().get("/v1/notifications?recipient=carol@buyer.example", acmeAdmin).json().path("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("sentAt").asText()).isEqualTo(T0.plusSeconds(100).toString());
  }

  @Test
  void anAdminPagesThroughTheTenantsMailsNewestFirst() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = api().get("/v1/notifications?recipient=ann@buyer.example&limit=2"
          + (cursor == null ? "" : "&cursor=" + cursor), acmeAdmin).json();
      page.path("items").forEach(item -> seen.add(item.path("notificationId").asText()));
      cursor = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.path("next").asText();
    } while (cursor != null);

    assertThat(seen).containsExactly("ev-4", "ev-2", "ev-0");
  }

  @Test
  void anotherTenantsMailsAreNeverVisible() {
    JsonNode acme = api().get("/v1/notifications?limit=500", acmeAdmin).json().path("items");
    assertThat(acme.findValuesAsText("notificationId")).doesNotContain("ev-g");
    JsonNode globex = api().get("/v1/notifications", token("globex", "admin-2", null, "admin")).json().path("items");
    assertThat(globex.findValuesAsText("notificationId")).containsExactly("ev-g");
    // and under row-level security, not only by the queries' predicates
    assertThat(store.alreadySent("acme", "ev-g")).isFalse();
    long acmeRows = postgres.database().inTenant("acme", h -> h.createQuery("select count(*) from notifications.sent")
        .mapTo(Long.class).one());
    assertThat(acmeRows).isEqualTo(acme.size());
  }

  @Test
  void onlyAnAdminReadsWhatWasSent() {
    assertThat(api().get("/v1/notifications", token("acme", "ann", null, "customer")).status()).isEqualTo(403);
    assertThat(api().get("/v1/notifications", token("acme", "v", "v1", "vendor")).status()).isEqualTo(403);
    assertThat(api().get("/v1/notifications", token("acme", "op", null, "analyst")).status()).isEqualTo(403);
    assertThat(api().get("/v1/notifications", null).status()).isEqualTo(401);
  }

  @Test
  void wrongListParametersAreRefusedTogether() {
    TestServer.Response refused = api().get("/v1/notifications?limit=0&recipient=not-an-address&cursor=zzz&sort=asc",
        acmeAdmin);
    refused.problem(400);
    assertThat(refused.errorFields()).contains("limit", "recipient", "cursor", "sort");
    // a cursor of one recipient's list does not page another's
    String next = api().get("/v1/notifications?recipient=ann@buyer.example&limit=1", acmeAdmin).json().path("next").asText();
    assertThat(api().get("/v1/notifications?recipient=bob@buyer.example&cursor=" + next, acmeAdmin).status())
        .isEqualTo(400);
  }

  @Test
  void anAdminSetsTheTenantsSenderAndWrongOnesChangeNothing() {
    String body = "{\"fromName\":\"Acme Shop\",\"fromAddress\":\"shop@acme.example\",\"brandName\":\"Acme\","
        + "\"accentColor\":\"#0A7D53\",\"footer\":\"Acme Ltd\"}";
    TestServer.Response saved = api().send("PUT", "/v1/notifications/sender", acmeAdmin, "application/json", body, Map.of());
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().path("accentColor").asText()).isEqualTo("#0a7d53");

    for (String wrong : List.of(
        "{\"fromName\":\"Acme\",\"fromAddress\":\"not an address\",\"brandName\":\"Acme\"}",
        "{\"fromName\":\"Acme\\r\\nBcc: x@evil.example\",\"fromAddress\":\"shop@acme.example\",\"brandName\":\"Acme\"}",
        "{\"fromName\":\"Acme\",\"fromAddress\":\"shop@acme.example\",\"brandName\":\"Acme\",\"accentColor\":\"red;x\"}",
        "{\"fromName\":\"\",\"fromAddress\":\"shop@acme.example\",\"brandName\":\"Acme\"}")) {
      api().send("PUT", "/v1/notifications/sender", acmeAdmin, "application/json", wrong, Map.of()).problem(400);
    }
    assertThat(api().send("PUT", "/v1/notifications/sender", token("acme", "ann", null, "customer"), "application/json",
        body.replace("Acme Shop", "Evil"), Map.of()).status()).isEqualTo(403);

    assertThat(store.senderProfile("acme")).hasValueSatisfying(profile -> {
      assertThat(profile.fromName()).isEqualTo("Acme Shop");
      assertThat(profile.fromAddress()).isEqualTo("shop@acme.example");
    });
    assertThat(store.senderProfile("globex")).isEmpty();
  }

  @Test
  void aVendorSetsOnlyItsOwnAddress() {
    String vendor = token("acme", "v-user", "v1", "vendor");
    TestServer.Response own = api().send("PUT", "/v1/vendors/v1/email", vendor, "application/json",
        "{\"email\":\"stock@v1.example\"}", Map.of());
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(api().send("PUT", "/v1/vendors/v2/email", vendor, "application/json",
        "{\"email\":\"mine@v1.example\"}", Map.of()).status()).isEqualTo(403);
    api().send("PUT", "/v1/vendors/v1/email", vendor, "application/json", "{\"email\":\"nope\"}", Map.of()).problem(400);
    assertThat(api().send("PUT", "/v1/vendors/v1/email", token("acme", "ann", null, "customer"), "application/json",
        "{\"email\":\"ann@buyer.example\"}", Map.of()).status()).isEqualTo(403);
    // an admin may set any vendor's, in its own tenant only
    assertThat(api().send("PUT", "/v1/vendors/v2/email", acmeAdmin, "application/json",
        "{\"email\":\"ops@v2.example\"}", Map.of()).status()).isEqualTo(200);

    assertThat(store.vendorEmail("acme", "v1")).contains("stock@v1.example");
    assertThat(store.vendorEmail("acme", "v2")).contains("ops@v2.example");
    assertThat(store.vendorEmail("globex", "v1")).isEmpty();
  }
}
