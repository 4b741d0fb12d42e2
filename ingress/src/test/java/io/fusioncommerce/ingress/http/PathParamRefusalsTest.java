package io.fusioncommerce.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.ingress.TestServer;
import io.fusioncommerce.ingress.campaigns.CampaignRoutes;
import io.fusioncommerce.ingress.catalog.ProductRoutes;
import io.fusioncommerce.ingress.inventory.InventoryRoutes;
import io.fusioncommerce.ingress.orders.OrderRoutes;
import io.fusioncommerce.ingress.payments.PaymentRoutes;
import io.fusioncommerce.ingress.payments.WalletRoutes;
import io.fusioncommerce.ingress.shipping.ShipmentRoutes;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hostile caller tries on the ids in a path (traversal, injection, markup, lookups, overlong or
 * non-ASCII values): every route that takes an id refuses it with 400 problem details naming the path
 * parameter, before reading a store, the database or a body, and writes no command. No database, store
 * or Kafka stands behind these routes here: reaching any of them would answer something else.
 */
class PathParamRefusalsTest {

  /** Hostile values, URL-encoded as they travel in the path; none is a valid id, SKU or customer id. */
  static final List<String> HOSTILE = List.of(
      "..%5C..%5Cwindows%5Cwin.ini",      // ..\..\windows\win.ini
      "x%27%20or%20%271%27%3D%271",       // x' or '1'='1
      "%3Cscript%3Ealert(1)%3C%5Cscript%3E", // <script>alert(1)<\script>
      "%24%7Bjndi%3Aldap%3Ax%7D",          // ${jndi:ldap:x}
      "caf%C3%A9",                         // non-ASCII
      "a%20b",                             // a space
      "a".repeat(300));                    // longer than any id

  /** A route taking an id in its path: method, path with {id} for the id, the parameter's name, a body. */
  record Route(String method, String path, String parameter, String body) {
    String at(String id) {
      return path.replace("{id}", id);
    }
  }

  static final List<Route> ROUTES = List.of(
      new Route("GET", "/v1/orders/{id}", "orderId", null),
      new Route("GET", "/v1/orders/{id}/history", "orderId", null),
      new Route("POST", "/v1/orders/{id}/cancel", "orderId", "{\"reason\":\"changed my mind\"}"),
      new Route("GET", "/v1/campaigns/{id}", "campaignId", null),
      new Route("POST", "/v1/campaigns/{id}/join", "campaignId", "{\"customerId\":\"boss\",\"quantity\":1}"),
      new Route("GET", "/v1/campaigns/{id}/participants/boss", "campaignId", null),
      new Route("GET", "/v1/campaigns/{id}/participants", "campaignId", null),
      new Route("GET", "/v1/shipments/{id}", "shipmentId", null),
      new Route("GET", "/v1/shipments/{id}/label", "shipmentId", null),
      new Route("POST", "/v1/shipments/{id}/tracking", "shipmentId", "{\"status\":\"IN_TRANSIT\"}"),
      new Route("POST", "/v1/shipments/{id}/label/retry", "shipmentId", null),
      new Route("GET", "/v1/payments/{id}", "paymentId", null),
      new Route("POST", "/v1/payments/{id}/confirm", "paymentId", "{\"paymentMethod\":\"pm_card_visa\"}"),
      new Route("POST", "/v1/payments/{id}/refunds", "paymentId", "{\"amount\":{\"amount\":100,\"currency\":\"USD\"}}"),
      new Route("GET", "/v1/wallets/{id}", "customerId", null),
      new Route("POST", "/v1/wallets/{id}/credits", "customerId", "{\"amount\":{\"amount\":100,\"currency\":\"USD\"}}"),
      new Route("GET", "/v1/inventory/{id}", "sku", null),
      new Route("PUT", "/v1/inventory/{id}", "sku", "{\"available\":5}"),
      new Route("GET", "/v1/products/{id}", "sku", null),
      new Route("POST", "/v1/products/{id}/approve", "sku", null));

  @TempDir static Path dir;
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() {
    ObjectStore noObjects = (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
        new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
          throw new AssertionError("a refused request reached the object store");
        });
    server = TestServer.start(dir, List.of(new OrderRoutes(null), new CampaignRoutes(null, null),
        new ShipmentRoutes(noObjects, Map.of()), new PaymentRoutes(Optional.empty()), new WalletRoutes(),
        new InventoryRoutes((tenant, sku) -> {
          throw new AssertionError("a refused request reached the catalog");
        }),
        new ProductRoutes(null)));
    admin = server.token("acme", "boss", null, "admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> hostileIds() {
    List<Arguments> cases = new ArrayList<>();
    ROUTES.forEach(route -> HOSTILE.forEach(id -> cases.add(Arguments.of(route, id))));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("hostileIds")
  void aHostileIdInThePathIsRefusedWith400NamingTheParameterAndChangesNothing(Route route, String id) {
    TestServer.Response response = server.send(route.method(), route.at(id), admin,
        route.body() == null ? null : "application/json", route.body(), Map.of());

    JsonNode problem = response.problem(400);
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("title").asText()).isEqualTo("Invalid request");
    assertThat(problem.path("type").asText()).endsWith("validation");
    assertThat(response.errorFields()).containsExactly(route.parameter());
    assertThat(problem.path("errors").get(0).path("message").asText()).isNotBlank();
    assertThat(server.sent()).as("no command written").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void theRefusalSaysWhatTheParameterMustBe(String path, String field, String message) {
    JsonNode problem = server.get(path, admin).problem(400);
    assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo(field);
    assertThat(problem.path("errors").get(0).path("message").asText()).isEqualTo(message);
  }

  static Stream<Arguments> messages() {
    return Stream.of(
        Arguments.of("/v1/orders/a%20b", "orderId", "not an order id"),
        Arguments.of("/v1/campaigns/a%20b", "campaignId", "not a campaign id"),
        Arguments.of("/v1/shipments/a%20b", "shipmentId", "not a shipment id"),
        Arguments.of("/v1/payments/a%20b", "paymentId", "not a payment id"),
        Arguments.of("/v1/wallets/a%20b", "customerId", "not a customer id"),
        Arguments.of("/v1/inventory/a%20b", "sku",
            "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"),
        Arguments.of("/v1/products/a%20b", "sku", "not a valid SKU"));
  }
}
