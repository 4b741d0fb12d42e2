package io.fusioncommerce.runtime.launcher;

import io.fusioncommerce.schemas.kafka.KafkaClientSecurity;
import io.fusioncommerce.connectors.objectstore.S3ObjectStore;
import io.fusioncommerce.ingress.auth.RemoteJwks;
import io.fusioncommerce.ingress.http.IngressTls;
import io.fusioncommerce.topologies.campaigns.InviteCodes;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Settings of role mode, from the environment (twelve-factor style), validated up front so a
 * misconfigured instance fails at start with the variable that is wrong.
 */
record RoleSettings(
    String role,
    String bootstrapServers,
    String schemaRegistryUrl,
    String databaseUrl,
    String databaseAppUser,
    String databaseAppPassword,
    Optional<String> connectUrl,
    Optional<RemoteJwks> jwks,
    String jwtIssuer,
    String jwtAudience,
    String httpHost,
    int httpPort,
    String advertisedHost,
    Path stateDir,
    String instanceId,
    int replicationFactor,
    int partitions,
    int streamThreads,
    long commitIntervalMs,
    Optional<HostInfo> queryUpstream,
    int connectPort,
    String connectHost,
    Optional<S3ObjectStore.Settings> objectStore,
    Optional<String> paymentsProvider,
    Optional<InviteCodes> inviteCodes,
    Optional<IngressTls> tls,
    KafkaClientSecurity kafkaSecurity) {

  static final java.util.Set<String> ROLES = java.util.Set.of("all", "ingress", "topologies", "connect");

  static RoleSettings from(String role, Map<String, String> env) {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("--role must be one of " + ROLES + " (or embedded), not " + role);
    }
    String advertised = env.getOrDefault("FUSION_ADVERTISED_HOST", env.getOrDefault("HOSTNAME", "127.0.0.1"));
    return new RoleSettings(
        role,
        required(env, "KAFKA_BOOTSTRAP_SERVERS"),
        role.equals("connect") ? env.getOrDefault("SCHEMA_REGISTRY_URL", "") : required(env, "SCHEMA_REGISTRY_URL"),
        role.equals("connect") ? env.getOrDefault("DATABASE_URL", "") : required(env, "DATABASE_URL"),
        // the pool's own login: DATABASE_URL's user owns the tables and only runs the migrations
        optional(env, "DATABASE_APP_USER").orElse("fusion_app"),
        role.equals("connect") ? "" : required(env, "DATABASE_APP_PASSWORD"),
        Optional.ofNullable(env.get("CONNECT_URL")),
        // https only: whoever can change the keys in transit can mint any tenant's admin token
        role.equals("connect") ? Optional.empty() : Optional.of(RemoteJwks.https(required(env, "FUSION_JWT_JWKS_URL"))),
        env.getOrDefault("FUSION_JWT_ISSUER", ""),
        env.getOrDefault("FUSION_JWT_AUDIENCE", "fusioncommerce"),
        env.getOrDefault("FUSION_HTTP_HOST", "0.0.0.0"),
        integer(env, "FUSION_HTTP_PORT", 8080),
        advertised,
        Path.of(env.getOrDefault("FUSION_STATE_DIR", "/var/lib/fusion/streams")),
        env.getOrDefault("FUSION_INSTANCE_ID", advertised),
        integer(env, "FUSION_REPLICATION_FACTOR", 3),
        integer(env, "FUSION_PARTITIONS", 12),
        integer(env, "FUSION_STREAM_THREADS", 2),
        integer(env, "FUSION_COMMIT_INTERVAL_MS", 20),
        Optional.ofNullable(env.get("FUSION_QUERY_UPSTREAM")).map(RoleSettings::hostInfo),
        integer(env, "FUSION_CONNECT_PORT", 8083),
        // Connect's REST API has no authentication: loopback unless the operator names a private interface
        optional(env, "FUSION_CONNECT_HOST").orElse("127.0.0.1"),
        role.equals("connect") ? Optional.empty() : Optional.of(objectStore(env)),
        role.equals("connect") ? Optional.empty() : Optional.of(paymentsProvider(env)),
        role.equals("connect") ? Optional.empty() : Optional.of(inviteCodes(env)),
        // https only when FUSION_TLS_CERT_FILE and FUSION_TLS_KEY_FILE are set (mTLS with FUSION_TLS_CLIENT_CA_FILE)
        role.equals("connect") ? Optional.empty() : IngressTls.fromEnvironment(env),
        KafkaClientSecurity.fromEnvironment(env));
  }

  /**
   * Campaign invite codes are signed with {@code FUSION_INVITE_CODE_SECRET} (base64 of 32+ random bytes, or a
   * passphrase of 32+ bytes), the same on every instance: without it anyone could compute a customer's code.
   */
  private static InviteCodes inviteCodes(Map<String, String> env) {
    String secret = required(env, "FUSION_INVITE_CODE_SECRET");
    try {
      return InviteCodes.withSecret(secret);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("FUSION_INVITE_CODE_SECRET: " + e.getMessage()
          + " (for example: openssl rand -base64 32)", e);
    }
  }

  /**
   * The payment provider must be named in role mode: the sandbox approves Stripe's test card
   * {@code pm_card_visa}, so a production stack that fell back to it would ship goods for free. Stripe
   * needs its webhook secret too, or payment outcomes arriving by webhook could not be trusted.
   * Embedded mode keeps the sandbox default (it never runs this).
   */
  private static String paymentsProvider(Map<String, String> env) {
    String provider = optional(env, "PAYMENTS_PROVIDER").orElseThrow(() -> new IllegalArgumentException(
        "PAYMENTS_PROVIDER must be set in role mode: stripe for real payments (with STRIPE_API_KEY and "
            + "STRIPE_WEBHOOK_SECRET), or sandbox to accept Stripe's test cards without charging anyone"));
    switch (provider) {
      case "sandbox" -> { }
      case "stripe" -> {
        if (optional(env, "STRIPE_API_KEY").isEmpty()) {
          throw new IllegalArgumentException("PAYMENTS_PROVIDER=stripe needs STRIPE_API_KEY");
        }
        if (optional(env, "STRIPE_WEBHOOK_SECRET").isEmpty()) {
          throw new IllegalArgumentException("PAYMENTS_PROVIDER=stripe needs STRIPE_WEBHOOK_SECRET (the whsec_... "
              + "signing secret of the Stripe webhook endpoint)");
        }
      }
      default -> throw new IllegalArgumentException("PAYMENTS_PROVIDER must be sandbox or stripe, not " + provider);
    }
    return provider;
  }

  /**
   * The object store of the HTTP roles: {@code S3_BUCKET} (required), {@code S3_ENDPOINT} (MinIO or another
   * S3-compatible store; unset for AWS S3), {@code S3_REGION} (default us-east-1), {@code S3_ACCESS_KEY_ID} and
   * {@code S3_SECRET_ACCESS_KEY} (unset: the AWS default credential chain), {@code S3_PATH_STYLE} (default true
   * when an endpoint is given, as MinIO needs).
   */
  private static S3ObjectStore.Settings objectStore(Map<String, String> env) {
    String bucket = required(env, "S3_BUCKET");
    Optional<URI> endpoint = optional(env, "S3_ENDPOINT").map(RoleSettings::endpoint);
    try {
      return new S3ObjectStore.Settings(endpoint, optional(env, "S3_REGION").orElse("us-east-1"), bucket,
          optional(env, "S3_ACCESS_KEY_ID"), optional(env, "S3_SECRET_ACCESS_KEY"),
          bool(env, "S3_PATH_STYLE", endpoint.isPresent()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("S3_* variables: " + e.getMessage(), e);
    }
  }

  private static URI endpoint(String value) {
    try {
      URI uri = URI.create(value.trim());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("S3_ENDPOINT must be an http(s) URL such as http://minio:9000, not " + value);
    }
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    return switch (optional(env, name).map(String::toLowerCase).orElse("")) {
      case "" -> fallback;
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, not " + env.get(name));
    };
  }

  /** Without the database URL (it may carry the owner's password) or the pool's password. */
  @Override
  public String toString() {
    return "RoleSettings[role=" + role + ", bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl="
        + schemaRegistryUrl + ", databaseAppUser=" + databaseAppUser + ", jwks=" + jwks + ", http=" + httpHost + ":"
        + httpPort + ", connect=" + connectHost + ":" + connectPort + ", paymentsProvider=" + paymentsProvider + "]";
  }

  boolean runsTopologies() {
    return role.equals("all") || role.equals("topologies");
  }

  boolean runsHttp() {
    return !role.equals("connect");
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be set for this role");
    }
    return value;
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, not " + value);
    }
  }

  private static HostInfo hostInfo(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("FUSION_QUERY_UPSTREAM must be host:port, not " + hostPort);
    }
    return new HostInfo(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }
}
