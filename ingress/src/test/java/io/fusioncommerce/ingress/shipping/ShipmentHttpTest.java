package io.fusioncommerce.ingress.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.connectors.objectstore.StoredObject;
import io.fusioncommerce.connectors.shipping.CarrierWebhook;
import io.fusioncommerce.ingress.TestServer;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.shipping.HyperlocalAgent;
import io.fusioncommerce.schemas.shipping.RecordTracking;
import io.fusioncommerce.schemas.shipping.ShipmentCommand;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipping routes' edge: what they refuse before anything is written, and what they write. */
class ShipmentHttpTest {

  static final String SECRET = "whsec_test";

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, List.of(new ShipmentRoutes(new NoObjects(),
        Map.of("parcel-api", new CarrierWebhook(SECRET))), new HyperlocalRoutes()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TestServer.Response webhook(String carrier, String signature, String body) {
    return server.send("POST", "/v1/webhooks/carriers/" + carrier, null, "application/json", body,
        signature == null ? Map.of() : Map.of(CarrierWebhook.SIGNATURE_HEADER, signature));
  }

  @Test
  void aSignedCarrierWebhookBecomesATrackingCommandForThatTenantsShipment() {
    String body = "{\"reference\":\"acme/shp-1\",\"trackingNumber\":\"PA1\",\"status\":\"out_for_delivery\","
        + "\"location\":\"Shelbyville\"}";
    long now = Instant.now().getEpochSecond();
    TestServer.Response answer = webhook("parcel-api", "t=" + now + ",v1=" + CarrierWebhook.sign(SECRET, now, body), body);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(server.sent()).singleElement().satisfies(record -> {
      assertThat(record.topic()).isEqualTo(Topics.SHIPPING_COMMANDS.name());
      assertThat(record.key()).isEqualTo(new ShipmentKey("acme", "shp-1"));
      RecordTracking tracking = (RecordTracking) ((ShipmentCommand) record.value()).getCommand();
      assertThat(tracking.getStatus()).isEqualTo("OUT_FOR_DELIVERY");
      assertThat(tracking.getTrackingNumber()).isEqualTo("PA1");
      assertThat(tracking.getSource()).isEqualTo("carrier:parcel-api");
    });
  }

  @Test
  void aTamperedStaleOrUnsignedWebhookIsRefusedAndNothingIsWritten() {
    String body = "{\"reference\":\"acme/shp-1\",\"status\":\"delivered\"}";
    long now = Instant.now().getEpochSecond();
    String signed = "t=" + now + ",v1=" + CarrierWebhook.sign(SECRET, now, body);
    webhook("parcel-api", signed, body.replace("acme", "globex")).problem(400);
    long stale = now - 3600;
    webhook("parcel-api", "t=" + stale + ",v1=" + CarrierWebhook.sign(SECRET, stale, body), body).problem(400);
    webhook("parcel-api", null, body).problem(400);
    webhook("other-carrier", signed, body).problem(400);
    assertThat(server.sent()).isEmpty();
  }

  @Test
  void aTrackingUpdateWithAnUnknownStatusIsRefusedWithTheField() {
    String vendor = server.token("acme", "seller", "v1", "vendor");
    TestServer.Response refused = server.post("/v1/shipments/shp-1/tracking", vendor, "{\"status\":\"LOST\"}");
    assertThat(refused.problem(400).path("errors").findValuesAsText("field")).containsExactly("status");
    assertThat(server.post("/v1/shipments/shp-1/tracking", server.token("acme", "c1", null, "customer"),
        "{\"status\":\"DELIVERED\"}").status()).isEqualTo(403);
    assertThat(server.sent()).isEmpty();
  }

  @Test
  void anAdminRegistersAgentsAndTurnsHyperlocalRoutingOn() {
    String admin = server.token("acme", "boss", null, "admin");
    TestServer.Response accepted = registerAgent(admin,
        "{\"agentId\":\"mitte\",\"name\":\"Mitte Bikes\",\"location\":{\"lat\":52.52,\"lon\":13.405},\"radiusKm\":5}");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(server.send("PUT", "/v1/hyperlocal/settings", admin, "application/json", "{\"enabled\":true}", Map.of())
        .status()).isEqualTo(202);

    assertThat(server.sent()).extracting(r -> r.topic())
        .containsExactly(Topics.SHIPPING_HYPERLOCAL_AGENTS.name(), Topics.SHIPPING_OPTIONS.name());
    HyperlocalAgent agent = (HyperlocalAgent) server.sent().get(0).value();
    assertThat(agent.getTenantId()).isEqualTo("acme");
    assertThat(agent.getRadiusKm()).isEqualTo(5.0);
    assertThat(agent.getActive()).isTrue();
  }

  @Test
  void aBadAgentIsRefusedWithEveryWrongFieldAndOnlyAdminsRegisterAgents() {
    TestServer.Response refused = registerAgent(server.token("acme", "boss", null, "admin"),
        "{\"agentId\":\"bad id!\",\"name\":\"X\",\"location\":{\"lat\":95,\"lon\":13.4},\"radiusKm\":-1}");
    assertThat(refused.problem(400).path("errors").findValuesAsText("field"))
        .contains("agentId", "location.lat", "radiusKm");
    assertThat(registerAgent(server.token("acme", "seller", "v1", "vendor"),
        "{\"agentId\":\"a\",\"name\":\"X\",\"location\":{\"lat\":1,\"lon\":1},\"radiusKm\":1}").status()).isEqualTo(403);
    assertThat(server.sent()).isEmpty();
  }

  private TestServer.Response registerAgent(String token, String agent) {
    return server.post("/v1/hyperlocal/agents", token, agent);
  }

  /** The label routes are exercised on the embedded platform; these tests never reach the store. */
  private static final class NoObjects implements ObjectStore {
    @Override
    public void put(String key, InputStream content, long length, String contentType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StoredObject> get(String key) {
      return Optional.empty();
    }

    @Override
    public void delete(String key) {}

    @Override
    public boolean exists(String key) {
      return false;
    }

    @Override
    public boolean isHealthy() {
      return true;
    }

    @Override
    public String describe() {
      return "none";
    }
  }
}
