package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.analytics.druid.DruidDistribution;
import io.fusioncommerce.analytics.query.AnalyticsQueries;
import io.fusioncommerce.connectors.deploy.ConnectorCatalog;
import io.fusioncommerce.connectors.deploy.ConnectorConfig;
import io.fusioncommerce.connectors.deploy.ConnectorDeployer;
import io.fusioncommerce.connectors.objectstore.EmbeddedS3Server;
import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.connectors.objectstore.S3ObjectStore;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import io.fusioncommerce.ingress.auth.TokenVerifier;
import io.fusioncommerce.connectors.webhooks.WebhookSettings;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.health.HealthCheck;
import io.fusioncommerce.runtime.analytics.EmbeddedAnalytics;
import io.fusioncommerce.runtime.embedded.EmbeddedConnect;
import io.fusioncommerce.runtime.embedded.EmbeddedKafka;
import io.fusioncommerce.runtime.embedded.EmbeddedMailServer;
import io.fusioncommerce.runtime.embedded.EmbeddedPostgres;
import io.fusioncommerce.runtime.embedded.EmbeddedSchemaRegistry;
import io.fusioncommerce.runtime.embedded.Ports;
import io.fusioncommerce.runtime.embedded.SettingsConfigProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything in one JVM plus the child processes it owns: Kafka broker, Postgres, schema registry,
 * Connect worker with the bundled connectors, the S3 object store, every topology and the HTTP ingress. Independent parts
 * start in parallel; {@link #close()} stops them in reverse order, so nothing acknowledged is lost.
 */
public final class EmbeddedPlatform implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlatform.class);
  public static final String DATABASE = "fusion";
  public static final String REGISTRY_DATABASE = "registry";
  /** The embedded object store's one bucket; keys start with the tenant. */
  public static final String OBJECT_BUCKET = "fusion";

  private final StartedComponents started = new StartedComponents(LOG);
  private final List<CompletableFuture<?>> inFlight = new java.util.ArrayList<>();
  private final PlatformSettings settings;
  private final EmbeddedAnalytics analytics;
  private final boolean analyticsOn;
  private EmbeddedKafka kafka;
  private EmbeddedPostgres postgres;
  private EmbeddedSchemaRegistry registry;
  private EmbeddedConnect connect;
  private EmbeddedS3Server objectServer;
  private S3ObjectStore objectStore;
  private EmbeddedMailServer mailServer;
  private PlatformNode node;
  private DevTokenIssuer devTokens;
  private io.fusioncommerce.topologies.campaigns.InviteCodes inviteCodes;
  private Duration startupTime;

  private EmbeddedPlatform(PlatformSettings settings, boolean analyticsOn) {
    this.settings = settings;
    this.analyticsOn = analyticsOn;
    this.analytics = new EmbeddedAnalytics(new EmbeddedAnalytics.Settings(analyticsOn,
        settings.dataDir().resolve("druid"), DruidDistribution::locate));
  }

  /** The platform without analytics (Druid is not started). */
  public static EmbeddedPlatform start(PlatformSettings settings) {
    return start(settings, false);
  }

  /**
   * @param analyticsOn start Apache Druid in the background once the core is ready (the core's start
   *     does not wait for it; {@link #analytics()} answers once Druid is up)
   */
  public static EmbeddedPlatform start(PlatformSettings settings, boolean analyticsOn) {
    EmbeddedPlatform platform = new EmbeddedPlatform(settings, analyticsOn);
    try {
      platform.startAll();
      return platform;
    } catch (RuntimeException e) {
      // let parts still starting in parallel finish, so close() stops them too
      platform.inFlight.forEach(future -> future.handle((value, error) -> null).join());
      platform.close();
      throw e;
    }
  }

  private void startAll() {
    long begin = System.nanoTime();
    devTokens = DevTokenIssuer.loadOrCreate(settings.devIssuerKey(), Clock.systemUTC());
    inviteCodes = InviteCodeSecret.loadOrCreate(settings.inviteCodeKey());
    // chosen now, so Connect (starting in parallel with the registry) knows where schemas will be
    int registryPort = Ports.orFree(settings.registryPort());
    CompletableFuture<EmbeddedPostgres> postgresStarted = CompletableFuture.supplyAsync(() ->
        remember(EmbeddedPostgres.start(settings.postgresDir(), settings.postgresPort(), List.of(DATABASE, REGISTRY_DATABASE))));
    CompletableFuture<EmbeddedKafka> kafkaStarted = CompletableFuture.supplyAsync(() ->
        remember(EmbeddedKafka.start(settings.kafkaDir(), settings.kafkaPort(), settings.partitions())));
    CompletableFuture<EmbeddedSchemaRegistry> registryStarted = postgresStarted.thenApplyAsync(pg -> {
      EmbeddedSchemaRegistry started = remember(EmbeddedSchemaRegistry.start(settings.registryHome(),
          pg.jdbcUrl(REGISTRY_DATABASE), EmbeddedPostgres.USER, registryPort,
          settings.logsDir().resolve("schema-registry.log")));
      started.awaitReady(Duration.ofSeconds(90));
      return started;
    });
    CompletableFuture<S3ObjectStore> objectStoreStarted = CompletableFuture.supplyAsync(() -> {
      objectServer = remember(EmbeddedS3Server.start(settings.objectsDir(), settings.objectStorePort()));
      return remember(S3ObjectStore.connect(objectServer.clientSettings(OBJECT_BUCKET)));
    });
    CompletableFuture<Void> topicsCreated = kafkaStarted.thenAcceptAsync(this::createTopics);
    CompletableFuture<EmbeddedConnect> connectStarted = kafkaStarted.thenCombineAsync(postgresStarted, (k, pg) ->
        remember(EmbeddedConnect.start(k.bootstrapServers(), settings.connectPort(),
            connectorEnvironment(pg, EmbeddedSchemaRegistry.url(registryPort)))));
    inFlight.addAll(List.of(postgresStarted, kafkaStarted, objectStoreStarted, registryStarted, topicsCreated,
        connectStarted));

    kafka = join(kafkaStarted);
    postgres = join(postgresStarted);
    registry = join(registryStarted);
    objectStore = join(objectStoreStarted);
    join(topicsCreated);

    mailServer = remember(EmbeddedMailServer.start());

    ConnectHealth connectHealth = new ConnectHealth();
    node = remember(PlatformNode.start(
        new PlatformNode.Settings(settings.httpHost(), settings.httpPort(), settings.httpHost(), settings.streamsDir(),
            InstanceIdentity.loadOrCreate(settings.dataDir()), settings.streamThreads(), settings.commitIntervalMs(), 1,
            true, 1024 * 1024, Optional.empty(), WebhookSettings.embedded(System.getenv())),
        new PlatformNode.Endpoints(kafka.bootstrapServers(), registry.url(),
            Database.Settings.of(postgres.jdbcUrl(DATABASE), EmbeddedPostgres.USER, ""), objectStore, analytics,
            Optional.of(mailServer.smtpSettings())),
        new TokenVerifier(devTokens.verificationKeys(), DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE),
        Optional.of(devTokens), inviteCodes,
        coreHealth(connectHealth)));

    connect = join(connectStarted);
    List<ConnectorConfig> connectors = ConnectorCatalog.bundled();
    ConnectorDeployer deployer = new ConnectorDeployer(connect.restUrl());
    deployer.deploy(connectors);
    connectHealth.set(deployer, connectors.stream().map(ConnectorConfig::name).toList());
    awaitReady(Duration.ofSeconds(120));

    startupTime = Duration.ofNanos(System.nanoTime() - begin);
    // Druid only now, in the background: the core is ready without it; closed first (before the ingress
    // and topologies), Druid before ZooKeeper
    remember(analytics).startInBackground(kafka.bootstrapServers());
    LOG.atInfo().addKeyValue("startupMs", startupTime.toMillis()).addKeyValue("http", baseUrl())
        .log("embedded platform started");
  }

  /** Startup ends when /health/ready would answer 200: every dependency, connector and topology is up. */
  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    var readiness = node.readiness();
    while (!"UP".equals(readiness.status())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the platform was not ready within " + timeout + ": " + readiness.checks());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for readiness", e);
      }
      readiness = node.readiness();
    }
  }

  private void createTopics(EmbeddedKafka broker) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicProvisioner.ensureTopics(admin, settings.partitions(), (short) 1);
    }
  }

  /** Values for the ${env:...} placeholders of the bundled connector configurations. */
  private static Map<String, String> connectorEnvironment(EmbeddedPostgres pg, String registryUrl) {
    String prefix = "config.providers.env.param.";
    return Map.of(
        "config.providers", "env",
        "config.providers.env.class", SettingsConfigProvider.class.getName(),
        prefix + "FUSION_DB_HOST", "127.0.0.1",
        prefix + "FUSION_DB_PORT", Integer.toString(pg.port()),
        prefix + "FUSION_DB_NAME", DATABASE,
        // least-privilege logins the migrations define (V10); the embedded server trusts loopback
        prefix + "FUSION_DB_SINK_USER", "fusion_sink",
        prefix + "FUSION_DB_SINK_PASSWORD", "",
        prefix + "FUSION_DB_CDC_USER", "fusion_cdc",
        prefix + "FUSION_DB_CDC_PASSWORD", "",
        // the Avro converter's registry, named as role mode's environment names it
        prefix + "SCHEMA_REGISTRY_URL", registryUrl);
  }

  /** The readiness checks; analytics only when it is on (optional: it never makes the node not ready). */
  private List<HealthCheck> coreHealth(HealthCheck connectHealth) {
    List<HealthCheck> checks = new java.util.ArrayList<>(List.of(kafkaHealth(), postgresHealth(), registryHealth(),
        new ObjectStoreHealth(objectStore), connectHealth));
    if (analyticsOn) {
      checks.add(analytics.health());
    }
    return checks;
  }

  private HealthCheck kafkaHealth() {
    return simpleCheck("kafka", () -> kafka != null, () -> kafka.bootstrapServers());
  }

  private HealthCheck postgresHealth() {
    return simpleCheck("postgres", () -> {
      try (var connection = postgres.connect(DATABASE)) {
        return connection.isValid(2);
      } catch (java.sql.SQLException e) {
        return false;
      }
    }, () -> "127.0.0.1:" + postgres.port());
  }

  private HealthCheck registryHealth() {
    return simpleCheck("schemaRegistry", () -> registry.isRunning(), () -> registry.url());
  }

  private static HealthCheck simpleCheck(String name, java.util.function.BooleanSupplier up,
      java.util.function.Supplier<String> detail) {
    return new NamedHealthCheck(name, () -> new HealthCheck.Status(up.getAsBoolean(), detail.get()));
  }

  /** Each tenant's live figures, from the analytics topology's stores (for the ingress's live routes). */
  public io.fusioncommerce.analytics.live.LiveFiguresSource liveFigures() {
    return node.liveFigures();
  }

  public String baseUrl() {
    return "http://" + settings.httpHost() + ":" + node.port();
  }

  public int httpPort() {
    return node.port();
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String schemaRegistryUrl() {
    return registry.url();
  }

  public String jdbcUrl() {
    return postgres.jdbcUrl(DATABASE);
  }

  public java.net.URI connectUrl() {
    return connect.restUrl();
  }

  /** The object store the ingress uses (embedded S3 server, bucket {@value #OBJECT_BUCKET}). */
  public ObjectStore objectStore() {
    return objectStore;
  }

  /** The embedded S3 server's URL (S3 API, path-style). */
  public java.net.URI objectStoreEndpoint() {
    return objectServer.endpoint();
  }

  /** The local SMTP server the platform's mails go to, with every mail it received. */
  public EmbeddedMailServer mailServer() {
    return mailServer;
  }

  public DevTokenIssuer devTokens() {
    return devTokens;
  }

  /** The invite code signer (another node of this platform must share it). */
  public io.fusioncommerce.topologies.campaigns.InviteCodes inviteCodes() {
    return inviteCodes;
  }

  /**
   * The analytics queries for the ingress's analytics routes: answered by the embedded Druid once it is
   * up, {@link io.fusioncommerce.analytics.query.AnalyticsUnavailableException} before that, while Druid
   * is down, and when analytics is off.
   */
  public AnalyticsQueries analytics() {
    return analytics;
  }

  /** The embedded Druid broker's URL, once Druid runs. */
  public Optional<String> druidBrokerUrl() {
    return analytics.brokerUrl();
  }

  public Duration startupTime() {
    return startupTime;
  }

  public io.fusioncommerce.ingress.health.HealthRoutes.Readiness readiness() {
    return node.readiness();
  }

  private <T extends AutoCloseable> T remember(T component) {
    return started.add(component);
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }
  }

  /**
   * Stops everything in the reverse order of starting: ingress, topologies, Connect, then the
   * infrastructure (registry, object store, Kafka, Postgres, in reverse of the order they came up).
   */
  @Override
  public void close() {
    started.close();
  }

  /** The connectors' readiness, known once they are deployed. */
  private static final class ConnectHealth implements HealthCheck {
    private volatile ConnectorDeployer deployer;
    private volatile List<String> names = List.of();

    void set(ConnectorDeployer deployer, List<String> names) {
      this.names = names;
      this.deployer = deployer;
    }

    @Override
    public String name() {
      return "connect";
    }

    @Override
    public Status check() {
      if (deployer == null) {
        return Status.down("starting");
      }
      if (!deployer.workerHealthy()) {
        return Status.down("worker not healthy");
      }
      Map<String, String> states = deployer.states(names);
      boolean running = states.values().stream().allMatch("RUNNING"::equals);
      String detail = states.isEmpty() ? "worker up, no connectors"
          : states.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
      return new Status(running, detail);
    }
  }
}
