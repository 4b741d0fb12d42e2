package io.fusioncommerce.e2e.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import io.fusioncommerce.ingress.auth.TokenVerifier;
import io.fusioncommerce.runtime.platform.EmbeddedPlatform;
import io.fusioncommerce.runtime.platform.PlatformNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances share the inventory topology's partitions; each answers reads for every key, serving
 * its own keys from its store and forwarding the others to their owner.
 */
@PlatformTest
@OwnPlatform // a second node joins its topologies' consumer groups
class InteractiveQueryRoutingIT {

  @TempDir static Path secondStateDir;
  private final TestTenant acme;
  private final EmbeddedPlatform platform;
  private PlatformNode second;

  InteractiveQueryRoutingIT(TestTenant acme) {
    this.acme = acme;
    platform = acme.platform();
  }

  @BeforeAll
  void startSecondNode() {
    second = PlatformNode.start(
        new PlatformNode.Settings("127.0.0.1", 0, "127.0.0.1", secondStateDir, "second-node", 1, 20, 1, true, 1 << 20,
            Optional.empty()),
        new PlatformNode.Endpoints(platform.bootstrapServers(), platform.schemaRegistryUrl(),
            io.fusioncommerce.ingress.database.Database.Settings.of(platform.jdbcUrl(), "postgres", ""),
            platform.objectStore(), platform.analytics()),
        new TokenVerifier(platform.devTokens().verificationKeys(), DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE),
        Optional.empty(),
        platform.inviteCodes(),
        List.of());
  }

  @AfterAll
  void stopSecondNode() {
    second.close();
  }

  @Test
  void eitherInstanceAnswersForEveryKey() {
    ApiClient first = acme.api();
    ApiClient other = new ApiClient("http://127.0.0.1:" + second.port());
    String admin = acme.admin();
    await().atMost(Duration.ofSeconds(60)).until(() ->
        "UP".equals(second.readiness().status()) && "UP".equals(platform.readiness().status()));

    int skus = 24;
    for (int i = 0; i < skus; i++) {
      assertThat(first.put("/v1/inventory/SKU-" + i, admin, "{\"available\":" + (i + 1) + "}").status()).isEqualTo(202);
    }
    Set<String> servedBy = new HashSet<>();
    for (int i = 0; i < skus; i++) {
      for (ApiClient instance : List.of(first, other)) {
        ApiClient.Response stock = instance.get("/v1/inventory/SKU-" + i + "?waitMs=10000&version=0", admin);
        assertThat(stock.status()).as("SKU-%d via %s", i, instance.baseUrl()).isEqualTo(200);
        assertThat(stock.json().path("available").asLong()).isEqualTo(i + 1);
        servedBy.add(stock.header("X-Fusion-Served-By"));
      }
    }
    // both instances own partitions, so some answers were forwarded across
    assertThat(servedBy).containsExactlyInAnyOrder("127.0.0.1:" + platform.httpPort(), "127.0.0.1:" + second.port());
  }

  @Test
  void ordersPlacedThroughOneInstanceAreReadAndCancelledThroughEither() {
    ApiClient first = acme.api();
    ApiClient other = new ApiClient("http://127.0.0.1:" + second.port());
    String alice = acme.customer("alice");
    await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(second.readiness().status()));
    acme.seedProduct("ROUTED", 700, "USD", "v1");
    acme.setStock("ROUTED", 100);

    Set<String> servedBy = new HashSet<>();
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ApiClient.Response placed = first.post("/v1/orders", alice,
          "{\"customerId\":\"alice\",\"currency\":\"USD\",\"items\":[{\"sku\":\"ROUTED\",\"quantity\":1}]}");
      ids.add(placed.json().path("orderId").asText());
    }
    for (String id : ids) {
      ApiClient.Response viaOther = other.get("/v1/orders/" + id + "?waitMs=10000&status=CREATED", alice);
      assertThat(viaOther.json().path("status").asText()).isEqualTo("CONFIRMED");
      servedBy.add(viaOther.header("X-Fusion-Served-By"));
    }
    assertThat(servedBy).hasSize(2);
    // a cancel must see the order's state, so it runs on the owner wherever it arrives
    for (String id : ids.subList(0, 4)) {
      assertThat(other.post("/v1/orders/" + id + "/cancel", alice, "{}").status()).isEqualTo(202);
      assertThat(first.get("/v1/orders/" + id + "?waitMs=10000&status=CONFIRMED", alice).json().path("status").asText())
          .isEqualTo("CANCELLED");
    }
  }
}
