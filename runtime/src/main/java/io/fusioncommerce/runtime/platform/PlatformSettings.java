package io.fusioncommerce.runtime.platform;

import java.nio.file.Path;

/**
 * How the embedded platform runs. Ports of 0 mean "a free one"; only the HTTP port has a fixed
 * default, because people type it.
 *
 * @param dataDir everything the platform stores (Kafka log, Postgres, state stores, keys, logs)
 * @param httpHost interface the HTTP API binds to (loopback unless told otherwise)
 * @param httpPort port of the HTTP API
 * @param registryHome the unpacked schema registry
 * @param partitions partitions of each platform topic
 * @param streamThreads stream threads per topology
 * @param commitIntervalMs exactly-once commit interval: the floor of each hop's latency
 * @param objectStorePort port of the embedded S3 server (0: a free one)
 */
public record PlatformSettings(
    Path dataDir,
    String httpHost,
    int httpPort,
    Path registryHome,
    int partitions,
    int streamThreads,
    long commitIntervalMs,
    int kafkaPort,
    int postgresPort,
    int registryPort,
    int connectPort,
    int objectStorePort) {

  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_PARTITIONS = 6;
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 20;

  public static PlatformSettings defaults(Path dataDir, int httpPort, Path registryHome) {
    return new PlatformSettings(dataDir, "127.0.0.1", httpPort, registryHome, DEFAULT_PARTITIONS, 1,
        DEFAULT_COMMIT_INTERVAL_MS, 0, 0, 0, 0, 0);
  }

  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  public Path postgresDir() {
    return dataDir.resolve("postgres");
  }

  /** The embedded S3 server's buckets and objects. */
  public Path objectsDir() {
    return dataDir.resolve("objects");
  }

  public Path streamsDir() {
    return dataDir.resolve("streams");
  }

  public Path logsDir() {
    return dataDir.resolve("logs");
  }

  /** The secret campaign invite codes are signed with (embedded mode generates it, owner-only). */
  public Path inviteCodeKey() {
    return dataDir.resolve("keys").resolve("invite-codes.key");
  }

  public Path devIssuerKey() {
    return dataDir.resolve("keys").resolve("dev-issuer.jwk.json");
  }
}
