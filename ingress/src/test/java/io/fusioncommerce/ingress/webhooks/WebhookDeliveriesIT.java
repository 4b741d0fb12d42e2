package io.fusioncommerce.ingress.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fusioncommerce.connectors.webhooks.WebhookDispatcher;
import io.fusioncommerce.connectors.webhooks.WebhookEvent;
import io.fusioncommerce.connectors.webhooks.WebhookSettings;
import io.fusioncommerce.connectors.webhooks.WebhookSignature;
import io.fusioncommerce.connectors.webhooks.WebhookStore;
import io.fusioncommerce.connectors.webhooks.WebhookTargetPolicy;
import io.fusioncommerce.ingress.TestServer.Response;
import io.fusioncommerce.ingress.database.PostgresFixture;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks against the real Postgres server: the subscription routes in role mode (refusals, limits,
 * tenant isolation) and the delivery queue driven round by round with a clock the test moves
 * (retries, order per resource under a failing receiver, giving up, replay), delivered to a local
 * receiver that verifies every signature.
 */
class WebhookDeliveriesIT {

  @RegisterExtension static final PostgresFixture postgres = PostgresFixture.serving(database ->
      List.of(new WebhookRoutes(database, WebhookSettings.roleMode())));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

  private final MovingClock clock = new MovingClock(START);
  private final Receiver receiver = new Receiver();
  private WebhookStore store;
  private WebhookDispatcher dispatcher;
  private String tenant;

  @BeforeEach
  void setUp() throws IOException {
    tenant = "t-" + System.nanoTime();
    store = new WebhookStore(postgres.database().jdbi());
    // retries 1 s doubling to 4 s (jitter 25 %) for one minute; loopback allowed as in embedded mode
    WebhookSettings settings = WebhookSettings.defaults(true)
        .withRetries(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMinutes(1));
    dispatcher = new WebhookDispatcher(store, settings, settings.targetPolicy(), clock);
    receiver.start();
  }

  @AfterEach
  void tearDown() {
    dispatcher.close();
    receiver.stop();
  }

  @Test
  void aFailingDeliveryIsRetriedWithBackoffUntilItSucceedsAndEveryAttemptIsRecorded() throws Exception {
    WebhookStore.Subscription subscription = subscribe(List.of("order.confirmed"));
    receiver.failing.add("ORD-1");
    queue(confirmed("ORD-1", "e1", 0));

    assertThat(dispatcher.runOnce()).isEqualTo(1);
    assertThat(dispatcher.runOnce()).as("not due again before its backoff").isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(dispatcher.runOnce()).isEqualTo(1);
    receiver.failing.clear();
    clock.advance(Duration.ofSeconds(5));
    assertThat(dispatcher.runOnce()).isEqualTo(1);

    WebhookStore.Delivery delivery = onlyDelivery(subscription);
    assertThat(delivery.status()).isEqualTo("DELIVERED");
    assertThat(delivery.attemptLog()).extracting(WebhookStore.Attempt::statusCode).containsExactly(503, 503, 200);
    assertThat(delivery.attemptLog().get(0).error()).isEqualTo("HTTP 503");
    assertThat(delivery.attemptLog().get(0).nextAttemptAt()).isBetween(START.plusMillis(750), START.plusMillis(1250));
    assertThat(delivery.attemptLog().get(2).nextAttemptAt()).isNull();
    assertThat(receiver.received).hasSize(3).allMatch(Received::signatureValid)
        .allMatch(r -> r.eventId().equals("e1"));
    assertThat(dispatcher.runOnce()).as("delivered once it succeeded").isZero();
  }

  @Test
  void aFailingResourceHoldsBackItsOwnLaterEventsButNotOtherResources() throws Exception {
    WebhookStore.Subscription subscription = subscribe(List.of("order.confirmed", "order.shipped"));
    receiver.failing.add("ORD-X");
    queue(confirmed("ORD-X", "x1", 0), confirmed("ORD-Y", "y1", 1), status("ORD-X", "x2", "SHIPPED", 2),
        status("ORD-Y", "y2", "SHIPPED", 3));

    for (int round = 0; round < 4; round++) {
      dispatcher.runOnce();
      clock.advance(Duration.ofSeconds(5));
    }
    assertThat(receiver.delivered()).containsExactly("y1", "y2");
    assertThat(receiver.received).extracting(Received::eventId).doesNotContain("x2");

    receiver.failing.clear();
    dispatcher.runOnce();
    clock.advance(Duration.ofSeconds(5));
    dispatcher.runOnce();
    assertThat(receiver.delivered()).containsExactly("y1", "y2", "x1", "x2");
    assertThat(store.deliveries(tenant, subscription.subscriptionId(), null, 50).orElseThrow().items())
        .allMatch(d -> d.status().equals("DELIVERED"));
  }

  @Test
  void afterTheRetryWindowADeliveryIsGivenUpAndTheNextEventOfItsResourceGoesOut() throws Exception {
    WebhookStore.Subscription subscription = subscribe(List.of("order.confirmed", "order.shipped"));
    receiver.failing.add("ORD-1");
    queue(confirmed("ORD-1", "a1", 0));
    for (int round = 0; round < 30 && !onlyDelivery(subscription).status().equals("FAILED"); round++) {
      dispatcher.runOnce();
      clock.advance(Duration.ofSeconds(5));
    }
    WebhookStore.Delivery failed = onlyDelivery(subscription);
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.attemptLog().get(failed.attemptLog().size() - 1).attemptedAt())
        .isBeforeOrEqualTo(failed.attemptLog().get(0).attemptedAt().plus(Duration.ofMinutes(1)));

    receiver.failing.clear();
    queue(status("ORD-1", "a2", "SHIPPED", 1));
    dispatcher.runOnce();
    assertThat(receiver.delivered()).containsExactly("a2");
  }

  @Test
  void anEventQueuedTwiceIsDeliveredOnceAndAReplaySendsItAgainSigned() throws Exception {
    WebhookStore.Subscription subscription = subscribe(List.of("order.confirmed"));
    WebhookEvent event = confirmed("ORD-1", "r1", 0);
    queue(event);
    queue(event); // read again after a restart, before its offset was committed
    dispatcher.runOnce();
    assertThat(receiver.delivered()).containsExactly("r1");

    WebhookStore.Delivery delivery = onlyDelivery(subscription);
    assertThat(store.replay("other-tenant", delivery.deliveryId(), clock.instant())).isEmpty();
    String replay = store.replay(tenant, delivery.deliveryId(), clock.instant()).orElseThrow();
    dispatcher.runOnce();

    assertThat(receiver.delivered()).containsExactly("r1", "r1");
    assertThat(receiver.received).allMatch(Received::signatureValid);
    assertThat(receiver.received.get(0).body()).isEqualTo(receiver.received.get(1).body());
    assertThat(store.deliveries(tenant, subscription.subscriptionId(), null, 50).orElseThrow().items())
        .extracting(WebhookStore.Delivery::deliveryId, WebhookStore.Delivery::replayOf, WebhookStore.Delivery::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(replay, delivery.deliveryId(), "DELIVERED"),
            org.assertj.core.groups.Tuple.tuple(delivery.deliveryId(), null, "DELIVERED"));

    // one per page: the cursor leads to the older delivery, and the last page has no cursor
    String admin = postgres.api().token(tenant, "admin-1", null, "admin");
    String path = "/v1/webhooks/subscriptions/" + subscription.subscriptionId() + "/deliveries?limit=1";
    JsonNode first = postgres.api().get(path, admin).json();
    assertThat(first.path("items").get(0).path("deliveryId").asText()).isEqualTo(replay);
    JsonNode second = postgres.api().get(path + "&cursor=" + first.path("next").asText(), admin).json();
    assertThat(second.path("items").get(0).path("deliveryId").asText()).isEqualTo(delivery.deliveryId());
    assertThat(second.path("items").get(0).path("attemptLog").get(0).path("statusCode").asInt()).isEqualTo(200);
    assertThat(second.path("next").isNull()).isTrue();
    postgres.api().get(path + "&cursor=abc", admin).problem(400);
    postgres.api().get(path.replace("limit=1", "limit=501"), admin).problem(400);
  }

  @Test
  void replayingAgainWhileAReplayIsPendingQueuesNothingMore() throws Exception {
    WebhookStore.Subscription subscription = subscribe(List.of("order.confirmed"));
    queue(confirmed("ORD-1", "p1", 0));
    dispatcher.runOnce();
    WebhookStore.Delivery delivery = onlyDelivery(subscription);

    String replay = store.replay(tenant, delivery.deliveryId(), clock.instant()).orElseThrow();
    for (int i = 0; i < 5; i++) { // an admin (or a script) repeating the request
      assertThat(store.replay(tenant, delivery.deliveryId(), clock.instant())).contains(replay);
    }
    String admin = postgres.api().token(tenant, "admin-1", null, "admin");
    assertThat(postgres.api().post("/v1/webhooks/deliveries/" + delivery.deliveryId() + "/replay", admin, null)
        .json().path("deliveryId").asText()).isEqualTo(replay);
    assertThat(store.deliveries(tenant, subscription.subscriptionId(), null, 50).orElseThrow().items()).hasSize(2);
    dispatcher.runOnce();
    assertThat(receiver.delivered()).containsExactly("p1", "p1");

    // once that replay went out, a new one may be queued
    assertThat(store.replay(tenant, delivery.deliveryId(), clock.instant()).orElseThrow()).isNotEqualTo(replay);
  }

  @Test
  void aTargetThatNowResolvesToAPrivateAddressIsNotDeliveredTo() throws Exception {
    WebhookStore.Subscription subscription = subscribe(List.of("order.confirmed"));
    // the name passed the check when the subscription was made; now it points at the metadata service
    WebhookTargetPolicy rebound = new WebhookTargetPolicy(true, 2048,
        host -> List.of(InetAddress.getByName("169.254.169.254")));
    WebhookSettings settings = WebhookSettings.defaults(true);
    try (WebhookDispatcher guarded = new WebhookDispatcher(store, settings, rebound, clock)) {
      queue(confirmed("ORD-1", "d1", 0));
      guarded.runOnce();
    }
    WebhookStore.Delivery delivery = onlyDelivery(subscription);
    assertThat(delivery.status()).isEqualTo("PENDING");
    assertThat(delivery.attemptLog().get(0).error()).startsWith("target refused").contains("169.254.169.254");
    assertThat(receiver.received).isEmpty();
  }

  @Test
  void subscriptionsAreRefusedForUnknownEventsAndNonPublicTargetsInRoleMode() {
    String admin = postgres.api().token(tenant, "admin-1", null, "admin");
    for (String url : List.of("http://127.0.0.1:8080/h", "http://10.0.0.1/h", "http://169.254.169.254/latest",
        "http://[::1]/h", "http://localhost/h", "ftp://example.com/h", "file:///etc/passwd")) {
      Response refused = postgres.api().post("/v1/webhooks/subscriptions", admin,
          "{\"url\":\"" + url + "\",\"events\":[\"order.created\"]}");
      assertThat(refused.problem(422).path("errors").get(0).path("field").asText()).as(url).isEqualTo("url");
    }
    Response unknown = postgres.api().post("/v1/webhooks/subscriptions", admin,
        "{\"url\":\"https://93.184.216.34/h\",\"events\":[\"order.created\",\"order.exploded\"]}");
    assertThat(unknown.problem(422).path("errors").get(0).path("field").asText()).isEqualTo("events[1]");
    String tooMany = "[" + String.join(",", java.util.Collections.nCopies(21, "\"order.created\"")) + "]";
    assertThat(postgres.api().post("/v1/webhooks/subscriptions", admin,
        "{\"url\":\"https://93.184.216.34/h\",\"events\":" + tooMany + "}").problem(422).path("errors").get(0)
        .path("field").asText()).isEqualTo("events");
    String customer = postgres.api().token(tenant, "alice", null, "customer");
    postgres.api().post("/v1/webhooks/subscriptions", customer,
        "{\"url\":\"https://93.184.216.34/h\",\"events\":[\"order.created\"]}").problem(403);
    assertThat(postgres.api().get("/v1/webhooks/subscriptions", admin).json().path("items")).isEmpty();
  }

  @Test
  void theRoutesAreDocumented() {
    JsonNode paths = postgres.api().get("/openapi.json", null).json().path("paths");
    assertThat(paths.has("/v1/webhooks/subscriptions")).isTrue();
    assertThat(paths.path("/v1/webhooks/subscriptions/{subscriptionId}").has("delete")).isTrue();
    assertThat(paths.path("/v1/webhooks/deliveries/{deliveryId}/replay").path("post").path("responses").has("202"))
        .isTrue();
  }

  @Test
  void theSecretIsShownOnceAndAnotherTenantFindsNeitherSubscriptionNorDeliveries() throws Exception {
    String admin = postgres.api().token(tenant, "admin-1", null, "admin");
    Response created = postgres.api().post("/v1/webhooks/subscriptions", admin,
        "{\"url\":\"https://93.184.216.34/hook\",\"events\":[\"order.created\",\"inventory.low-stock\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("subscriptionId").asText();
    assertThat(created.json().path("secret").asText()).startsWith("whsec_");
    JsonNode shown = postgres.api().get("/v1/webhooks/subscriptions/" + id, admin).json();
    assertThat(shown.path("events").findValuesAsText("")).isEmpty();
    assertThat(shown.has("secret")).isFalse();
    assertThat(shown.path("url").asText()).isEqualTo("https://93.184.216.34/hook");
    assertThat(postgres.api().get("/v1/webhooks/subscriptions/" + id + "/deliveries", admin).json().path("items"))
        .isEmpty();

    String otherAdmin = postgres.api().token("other-" + tenant, "admin-2", null, "admin");
    postgres.api().get("/v1/webhooks/subscriptions/" + id, otherAdmin).problem(404);
    postgres.api().get("/v1/webhooks/subscriptions/" + id + "/deliveries", otherAdmin).problem(404);
    postgres.api().send("DELETE", "/v1/webhooks/subscriptions/" + id, otherAdmin, null, null, java.util.Map.of())
        .problem(404);
    assertThat(postgres.api().get("/v1/webhooks/subscriptions", otherAdmin).json().path("items")).isEmpty();
    postgres.api().post("/v1/webhooks/deliveries/whd_00000000000000000000000000000000/replay", otherAdmin, null)
        .problem(404);

    assertThat(postgres.api().send("DELETE", "/v1/webhooks/subscriptions/" + id, admin, null, null,
        java.util.Map.of()).status()).isEqualTo(204);
    assertThat(postgres.api().get("/v1/webhooks/subscriptions/" + id, admin).json().path("active").asBoolean())
        .isFalse();
  }

  // --- helpers

  private WebhookStore.Subscription subscribe(List<String> events) {
    return store.subscribe(tenant, receiver.url(), events, receiver.secret, clock.instant(), 25);
  }

  private void queue(WebhookEvent... events) {
    store.scheduleForSubscribers(tenant, List.of(events), clock.instant());
  }

  private WebhookStore.Delivery onlyDelivery(WebhookStore.Subscription subscription) {
    List<WebhookStore.Delivery> items =
        store.deliveries(tenant, subscription.subscriptionId(), null, 50).orElseThrow().items();
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private WebhookEvent confirmed(String orderId, String eventId, int secondsLater) {
    return status(orderId, eventId, "CONFIRMED", secondsLater);
  }

  private WebhookEvent status(String orderId, String eventId, String to, int secondsLater) {
    OrderStatusChanged changed = OrderStatusChanged.newBuilder().setEventId(eventId).setTenantId(tenant)
        .setOccurredAt(START.plusSeconds(secondsLater)).setCorrelationId("c").setOrderId(orderId)
        .setCustomerId("cust-1").setToStatus(to).setTotal(new Money(1000L, "USD")).build();
    return WebhookEvent.of("order." + to.toLowerCase(java.util.Locale.ROOT), new OrderKey(tenant, orderId), changed);
  }

  record Received(String eventId, String body, boolean signatureValid) {}

  /** A webhook receiver on a free loopback port: answers 503 for the orders in {@link #failing}. */
  final class Receiver {
    final String secret = WebhookSignature.newSecret();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> deliveredIds = new CopyOnWriteArrayList<>();
    private HttpServer server;

    void start() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/hook", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String eventId = exchange.getRequestHeaders().getFirst(WebhookSignature.EVENT_ID_HEADER);
        boolean valid = WebhookSignature.verify(secret, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
            body, clock.instant(), Duration.ofMinutes(5));
        received.add(new Received(eventId, body, valid));
        String orderId = JSON.readTree(body).at("/data/orderId").asText();
        int status = failing.contains(orderId) ? 503 : valid ? 200 : 401;
        if (status == 200) {
          deliveredIds.add(eventId);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<String> delivered() {
      return List.copyOf(deliveredIds);
    }

    void stop() {
      server.stop(0);
    }
  }

  /** A clock the test moves: the dispatcher's "now" and the receiver's signature check. */
  static final class MovingClock extends Clock {
    private volatile Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
