package io.fusioncommerce.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleSettingsTest {

  private static final Map<String, String> MINIMAL = Map.of(
      "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092",
      "SCHEMA_REGISTRY_URL", "http://registry:8080/apis/ccompat/v7",
      "DATABASE_URL", "jdbc:postgresql://postgres:5432/fusion?user=fusion&password=fusion",
      "FUSION_JWT_JWKS_URL", "https://idp.example/jwks.json");

  @Test
  void readsEndpointsFromTheEnvironmentWithProductionDefaults() {
    RoleSettings settings = RoleSettings.from("topologies", MINIMAL);
    assertThat(settings.bootstrapServers()).isEqualTo("kafka-1:9092");
    assertThat(settings.replicationFactor()).isEqualTo(3);
    assertThat(settings.runsTopologies()).isTrue();
    assertThat(settings.runsHttp()).isTrue();
    assertThat(settings.queryUpstream()).isEmpty();
  }

  @Test
  void aStatelessIngressSendsReadsUpstream() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.put("FUSION_QUERY_UPSTREAM", "fusion-topologies:8080");
    RoleSettings settings = RoleSettings.from("ingress", env);
    assertThat(settings.runsTopologies()).isFalse();
    assertThat(settings.queryUpstream()).get().satisfies(h -> {
      assertThat(h.host()).isEqualTo("fusion-topologies");
      assertThat(h.port()).isEqualTo(8080);
    });
  }

  @Test
  void namesTheMissingOrWrongVariable() {
    assertThatThrownBy(() -> RoleSettings.from("all", Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092")))
        .hasMessageContaining("SCHEMA_REGISTRY_URL");
    var env = new java.util.HashMap<>(MINIMAL);
    env.put("FUSION_HTTP_PORT", "eighty");
    assertThatThrownBy(() -> RoleSettings.from("all", env)).hasMessageContaining("FUSION_HTTP_PORT");
    assertThatThrownBy(() -> RoleSettings.from("everything", MINIMAL)).hasMessageContaining("--role");
  }

  @Test
  void aConnectWorkerNeedsNoRegistryOrTokens() {
    RoleSettings settings = RoleSettings.from("connect", Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092"));
    assertThat(settings.runsHttp()).isFalse();
  }
}
