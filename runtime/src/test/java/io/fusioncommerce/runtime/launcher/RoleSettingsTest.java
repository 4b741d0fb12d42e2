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
      "FUSION_JWT_JWKS_URL", "https://idp.example/jwks.json",
      "S3_BUCKET", "fusion-media",
      "PAYMENTS_PROVIDER", "sandbox",
      "DATABASE_APP_PASSWORD", "app-secret",
      "FUSION_INVITE_CODE_SECRET", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NQ==");

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
  void encryptionSettingsAreCheckedAtStart() {
    assertThat(RoleSettings.from("all", MINIMAL).tls()).isEmpty();
    assertThat(RoleSettings.from("all", MINIMAL).kafkaSecurity().encrypted()).isFalse();
    var halfTls = new java.util.HashMap<>(MINIMAL);
    halfTls.put("FUSION_TLS_CERT_FILE", "/etc/fusion/tls/cert.pem");
    assertThatThrownBy(() -> RoleSettings.from("ingress", halfTls)).hasMessageContaining("FUSION_TLS_KEY_FILE");
    var unreadable = new java.util.HashMap<>(halfTls);
    unreadable.put("FUSION_TLS_KEY_FILE", "/nonexistent/key.pem");
    assertThatThrownBy(() -> RoleSettings.from("ingress", unreadable)).hasMessageContaining("cannot read");
    var sasl = new java.util.HashMap<>(MINIMAL);
    sasl.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    assertThatThrownBy(() -> RoleSettings.from("topologies", sasl)).hasMessageContaining("KAFKA_SASL_MECHANISM");
    sasl.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    sasl.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    assertThat(RoleSettings.from("topologies", sasl).kafkaSecurity().properties())
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void aConnectWorkerNeedsNoRegistryOrTokens() {
    RoleSettings settings = RoleSettings.from("connect", Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092"));
    assertThat(settings.runsHttp()).isFalse();
    assertThat(settings.objectStore()).isEmpty();
    assertThat(settings.paymentsProvider()).isEmpty();
  }

  @Test
  void theConnectRestApiListensOnLoopbackUnlessAnInterfaceIsNamed() {
    assertThat(RoleSettings.from("connect", Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092")).connectHost())
        .isEqualTo("127.0.0.1");
    assertThat(RoleSettings.from("connect", Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
        "FUSION_CONNECT_HOST", "10.0.0.5")).connectHost()).isEqualTo("10.0.0.5");
  }

  @Test
  void theObjectStoreIsMinioWithAnEndpointAndAwsS3Without() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.putAll(Map.of("S3_ENDPOINT", "http://minio:9000", "S3_REGION", "eu-central-1",
        "S3_ACCESS_KEY_ID", "fusion", "S3_SECRET_ACCESS_KEY", "fusion-secret"));
    var minio = RoleSettings.from("ingress", env).objectStore().orElseThrow();
    assertThat(minio.endpoint()).contains(java.net.URI.create("http://minio:9000"));
    assertThat(minio.region()).isEqualTo("eu-central-1");
    assertThat(minio.bucket()).isEqualTo("fusion-media");
    assertThat(minio.accessKeyId()).contains("fusion");
    assertThat(minio.secretAccessKey()).contains("fusion-secret");
    assertThat(minio.pathStyle()).isTrue();

    var aws = RoleSettings.from("all", MINIMAL).objectStore().orElseThrow();
    assertThat(aws.endpoint()).isEmpty();
    assertThat(aws.region()).isEqualTo("us-east-1");
    assertThat(aws.accessKeyId()).isEmpty();
    assertThat(aws.pathStyle()).isFalse();
  }

  @Test
  void aWrongObjectStoreSettingIsNamed() {
    var noBucket = new java.util.HashMap<>(MINIMAL);
    noBucket.remove("S3_BUCKET");
    assertThatThrownBy(() -> RoleSettings.from("topologies", noBucket)).hasMessageContaining("S3_BUCKET");
    for (var wrong : java.util.List.of(Map.of("S3_ENDPOINT", "minio:9000"), Map.of("S3_PATH_STYLE", "yes"),
        Map.of("S3_BUCKET", "Not_A_Bucket"), Map.of("S3_ACCESS_KEY_ID", "only-the-id"))) {
      var env = new java.util.HashMap<>(MINIMAL);
      env.putAll(wrong);
      assertThatThrownBy(() -> RoleSettings.from("ingress", env)).as(wrong.toString()).hasMessageContaining("S3_");
    }
  }

  @Test
  void roleModeRefusesToStartWithoutAnExplicitPaymentProvider() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.remove("PAYMENTS_PROVIDER");
    for (String role : java.util.List.of("all", "ingress", "topologies")) {
      assertThatThrownBy(() -> RoleSettings.from(role, env)).as(role).hasMessageContaining("PAYMENTS_PROVIDER");
    }
    env.put("PAYMENTS_PROVIDER", "free");
    assertThatThrownBy(() -> RoleSettings.from("all", env)).hasMessageContaining("PAYMENTS_PROVIDER");
    assertThat(RoleSettings.from("all", MINIMAL).paymentsProvider()).contains("sandbox");
  }

  @Test
  void stripeNeedsItsWebhookSecret() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.putAll(Map.of("PAYMENTS_PROVIDER", "stripe", "STRIPE_API_KEY", "sk_live_x"));
    assertThatThrownBy(() -> RoleSettings.from("topologies", env)).hasMessageContaining("STRIPE_WEBHOOK_SECRET");
    env.put("STRIPE_WEBHOOK_SECRET", "whsec_x");
    assertThat(RoleSettings.from("topologies", env).paymentsProvider()).contains("stripe");
    env.remove("STRIPE_API_KEY");
    assertThatThrownBy(() -> RoleSettings.from("topologies", env)).hasMessageContaining("STRIPE_API_KEY");
  }

  @Test
  void roleModeRefusesAJwksUrlInClearText() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.put("FUSION_JWT_JWKS_URL", "http://idp.example/jwks.json");
    for (String role : java.util.List.of("all", "ingress", "topologies")) {
      assertThatThrownBy(() -> RoleSettings.from(role, env)).as(role)
          .hasMessageContaining("FUSION_JWT_JWKS_URL").hasMessageContaining("https");
    }
    assertThat(RoleSettings.from("all", MINIMAL).jwks()).get()
        .satisfies(jwks -> assertThat(jwks.url().toString()).isEqualTo("https://idp.example/jwks.json"));
  }

  @Test
  void thePoolHasItsOwnUnprivilegedLogin() {
    RoleSettings settings = RoleSettings.from("all", MINIMAL);
    assertThat(settings.databaseAppUser()).isEqualTo("fusion_app");
    assertThat(settings.databaseAppPassword()).isEqualTo("app-secret");
    var env = new java.util.HashMap<>(MINIMAL);
    env.remove("DATABASE_APP_PASSWORD");
    assertThatThrownBy(() -> RoleSettings.from("ingress", env)).hasMessageContaining("DATABASE_APP_PASSWORD");
  }

  @Test
  void inviteCodesNeedAConfiguredSecretOfTheRightStrength() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.remove("FUSION_INVITE_CODE_SECRET");
    assertThatThrownBy(() -> RoleSettings.from("ingress", env)).hasMessageContaining("FUSION_INVITE_CODE_SECRET");
    env.put("FUSION_INVITE_CODE_SECRET", "short");
    assertThatThrownBy(() -> RoleSettings.from("ingress", env)).hasMessageContaining("FUSION_INVITE_CODE_SECRET");
    var ingress = RoleSettings.from("ingress", MINIMAL).inviteCodes().orElseThrow();
    var topologies = RoleSettings.from("topologies", MINIMAL).inviteCodes().orElseThrow();
    assertThat(topologies.verify("acme", "c1", ingress.issue("acme", "c1", null))).as("same secret, same codes").isTrue();
  }
}
