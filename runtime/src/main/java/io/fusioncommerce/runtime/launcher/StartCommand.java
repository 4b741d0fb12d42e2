package io.fusioncommerce.runtime.launcher;

import io.fusioncommerce.runtime.platform.EmbeddedPlatform;
import io.fusioncommerce.runtime.platform.PlatformSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fusion start}: the embedded platform (everything in this JVM and its child processes), or,
 * with {@code --role}, one role of a distributed deployment whose endpoints come from the environment.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start the platform. Without --role: embedded mode, nothing to install.")
final class StartCommand implements Callable<Integer> {

  @Option(names = "--http-port", defaultValue = "${env:FUSION_HTTP_PORT:-8080}",
      description = "HTTP port of the API (env FUSION_HTTP_PORT, default ${DEFAULT-VALUE}); 0 picks a free one")
  int httpPort;

  @Option(names = "--data-dir", defaultValue = "${env:FUSION_DATA_DIR:-./data}",
      description = "Where all state lives (env FUSION_DATA_DIR, default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--host", defaultValue = "${env:FUSION_HTTP_HOST:-127.0.0.1}",
      description = "Interface the API binds to (env FUSION_HTTP_HOST, default ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--allow-remote-dev-tokens", defaultValue = "${env:FUSION_ALLOW_REMOTE_DEV_TOKENS:-false}",
      description = "Embedded mode on a non-loopback --host serves the development token issuer to the network; "
          + "refused unless this is set (env FUSION_ALLOW_REMOTE_DEV_TOKENS)")
  boolean allowRemoteDevTokens;

  @Option(names = "--partitions", defaultValue = "${env:FUSION_PARTITIONS:-6}",
      description = "Partitions per topic, on first start (env FUSION_PARTITIONS, default ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--commit-interval-ms", defaultValue = "${env:FUSION_COMMIT_INTERVAL_MS:-20}",
      description = "Exactly-once commit interval of the topologies (default ${DEFAULT-VALUE})")
  long commitIntervalMs;

  @Option(names = "--role", defaultValue = "${env:FUSION_ROLE:-embedded}",
      description = "embedded (default) | all | ingress | topologies | connect | analytics. Roles other than embedded take "
          + "KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, DATABASE_URL, CONNECT_URL, FUSION_JWT_JWKS_URL and S3_* "
          + "from the environment; analytics submits Druid's supervisors to DRUID_ROUTER_URL and exits.")
  String role;

  @Option(names = "--analytics", defaultValue = "${env:FUSION_ANALYTICS:-on}",
      description = "on (default): start Apache Druid in the background once the platform is ready, for the analytics "
          + "API and dashboards; off: skip it (env FUSION_ANALYTICS)")
  String analytics;

  @Option(names = "--registry-home", defaultValue = "${env:FUSION_REGISTRY_HOME}", hidden = true)
  Path registryHome;

  @Override
  public Integer call() throws Exception {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    if (!"embedded".equals(role)) {
      return RoleMode.run(role, System.getenv());
    }
    boolean analyticsOn = switchedOn(analytics);
    DevTokenExposure.check(host, allowRemoteDevTokens);
    Path home = registryHome != null ? registryHome : RegistryLocator.locate();
    PlatformSettings settings = new PlatformSettings(dataDir.toAbsolutePath().normalize(), host, httpPort, home,
        partitions, 1, commitIntervalMs, 0, 0, 0, 0, 0);
    Files.createDirectories(settings.dataDir());
    EmbeddedPlatform platform = EmbeddedPlatform.start(settings, analyticsOn);
    CountDownLatch stopped = new CountDownLatch(1);
    Termination.onSignal(() -> {
      System.out.println("FusionCommerce stopping...");
      platform.close();
      System.out.println("FusionCommerce stopped.");
      stopped.countDown();
    });
    printWelcome(platform, settings, analyticsOn);
    stopped.await();
    return 0;
  }

  static boolean switchedOn(String analytics) {
    return switch (analytics == null ? "" : analytics.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new StartCommand()),
          "--analytics must be on or off, not '" + analytics + "'");
    };
  }

  private static void printWelcome(EmbeddedPlatform platform, PlatformSettings settings, boolean analyticsOn) {
    String base = platform.baseUrl();
    System.out.printf("""

        FusionCommerce is running (embedded mode), started in %.1f s
          API            %s   (reference: %s/docs, OpenAPI: %s/openapi.json)
          Health         %s/health/ready   Metrics: %s/metrics
          Kafka          %s
          Schema registry %s
          Postgres       %s
          Kafka Connect  %s
          Object store   %s   (S3 API, bucket %s)
          Analytics      %s
          Data dir       %s

        Get a token:
          curl -s -X POST %s/v1/auth/dev-token -H 'Content-Type: application/json' \\
               -d '{"tenant":"acme","sub":"u1","roles":["admin"],"vendor":"v1"}'

        Stop with Ctrl-C.
        %n""",
        platform.startupTime().toMillis() / 1000.0, base, base, base, base, base, platform.bootstrapServers(),
        platform.schemaRegistryUrl(), platform.jdbcUrl(), platform.connectUrl(), platform.objectStoreEndpoint(),
        EmbeddedPlatform.OBJECT_BUCKET,
        analyticsOn ? "Apache Druid starting in the background (see analytics in " + base + "/health/ready)"
            : "off (--analytics off)",
        settings.dataDir(), base);
  }
}
