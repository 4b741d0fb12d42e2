package io.fusioncommerce.runtime.launcher;

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
    Optional<String> connectUrl,
    Optional<String> jwksUrl,
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
    int connectPort) {

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
        Optional.ofNullable(env.get("CONNECT_URL")),
        role.equals("connect") ? Optional.ofNullable(env.get("FUSION_JWT_JWKS_URL"))
            : Optional.of(required(env, "FUSION_JWT_JWKS_URL")),
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
        integer(env, "FUSION_CONNECT_PORT", 8083));
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
