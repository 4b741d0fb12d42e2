package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.analytics.feed.AnalyticsTopology;
import io.fusioncommerce.analytics.live.LiveFiguresSource;
import io.fusioncommerce.analytics.query.AnalyticsQueries;
import io.fusioncommerce.analytics.live.StoreLiveFiguresSource;
import io.fusioncommerce.connectors.notifications.NotificationDispatcher;
import io.fusioncommerce.connectors.notifications.NotificationWorker;
import io.fusioncommerce.connectors.notifications.PostgresNotificationStore;
import io.fusioncommerce.connectors.notifications.SmtpMailer;
import io.fusioncommerce.connectors.notifications.SmtpSettings;
import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.connectors.payments.PaymentRequestHandler;
import io.fusioncommerce.connectors.payments.PaymentSettings;
import io.fusioncommerce.connectors.payments.PaymentWorker;
import io.fusioncommerce.connectors.webhooks.WebhookWorker;
import io.fusioncommerce.connectors.webhooks.WebhookSettings;
import io.fusioncommerce.ingress.http.IngressTls;
import io.fusioncommerce.ingress.IngressServer;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import io.fusioncommerce.ingress.auth.TokenVerifier;
import io.fusioncommerce.ingress.commands.CommandPublisher;
import io.fusioncommerce.ingress.catalog.store.IdempotencyKeyPurge;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.health.HealthCheck;
import io.fusioncommerce.ingress.health.HealthRoutes;
import io.fusioncommerce.ingress.query.ChangeSignals;
import io.fusioncommerce.ingress.ratelimit.RateLimiter;
import io.fusioncommerce.schemas.registry.ContractRegistration;
import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.PlatformTopologies;
import io.fusioncommerce.topologies.campaigns.InviteCodes;
import io.fusioncommerce.topologies.support.StreamsSettings;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the platform's application layer: the HTTP ingress and (unless it is a stateless
 * ingress) every topology, against a Kafka cluster and schema registry given to it. Embedded mode runs
 * one; a production deployment runs as many as it needs, and they share partitions through the
 * Kafka Streams consumer groups and answer each other's interactive queries.
 */
public final class PlatformNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformNode.class);

  /**
   * @param httpHost interface to bind
   * @param httpPort port to bind (0: a free one)
   * @param advertisedHost how other instances reach this one
   * @param stateDir where this instance's state stores live
   * @param instanceId stable identity (static group membership)
   * @param runTopologies false for a stateless ingress
   * @param queryUpstream for a stateless ingress: a topology instance that answers its reads
   */
  public record Settings(String httpHost, int httpPort, String advertisedHost, Path stateDir, String instanceId,
      int streamThreads, long commitIntervalMs, int replicationFactor, boolean runTopologies, long maxRequestBytes,
      Optional<HostInfo> queryUpstream, WebhookSettings webhooks, Optional<IngressTls> tls) {

    /** Plain HTTP. */
    public Settings(String httpHost, int httpPort, String advertisedHost, Path stateDir, String instanceId,
        int streamThreads, long commitIntervalMs, int replicationFactor, boolean runTopologies, long maxRequestBytes,
        Optional<HostInfo> queryUpstream, WebhookSettings webhooks) {
      this(httpHost, httpPort, advertisedHost, stateDir, instanceId, streamThreads, commitIntervalMs,
          replicationFactor, runTopologies, maxRequestBytes, queryUpstream, webhooks, Optional.empty());
    }

    /** Role mode's webhooks (never to loopback or private addresses). */
    public Settings(String httpHost, int httpPort, String advertisedHost, Path stateDir, String instanceId,
        int streamThreads, long commitIntervalMs, int replicationFactor, boolean runTopologies, long maxRequestBytes,
        Optional<HostInfo> queryUpstream) {
      this(httpHost, httpPort, advertisedHost, stateDir, instanceId, streamThreads, commitIntervalMs,
          replicationFactor, runTopologies, maxRequestBytes, queryUpstream, WebhookSettings.roleMode());
    }
  }

  /**
   * Where the shared infrastructure is.
   *
   * @param objectStore the object store client (product media); its owner closes it, after this node
   */
  /** Where this node's collaborators are; {@code analytics} answers the analytics routes (Druid SQL, or off). */
  public record Endpoints(String bootstrapServers, String schemaRegistryUrl, Database.Settings database,
      ObjectStore objectStore, AnalyticsQueries analytics, Optional<SmtpSettings> smtp) {

    /** Mail goes to the SMTP server of the environment (SMTP_HOST and friends), or nowhere when it names none. */
    public Endpoints(String bootstrapServers, String schemaRegistryUrl, Database.Settings database,
        ObjectStore objectStore, AnalyticsQueries analytics) {
      this(bootstrapServers, schemaRegistryUrl, database, objectStore, analytics,
          SmtpSettings.fromEnvironment(System.getenv()));
    }
  }

  private final StartedComponents started = new StartedComponents(LOG);
  private IngressServer ingress;
  private TopologyRunner topologies;
  private final TopologyRunnerHolder topologyHolder = new TopologyRunnerHolder();
  /** The analytics topology's live figures, read from this node's stores (empty on a stateless ingress). */
  private final LiveFiguresSource liveFigures =
      StoreLiveFiguresSource.of(() -> topologyHolder.streams(AnalyticsTopology.CONTEXT), Clock.systemUTC());

  private PlatformNode() {}

  /**
   * @param inviteCodes signs and verifies campaign invite codes; every instance of a deployment shares its secret
   */
  public static PlatformNode start(Settings settings, Endpoints endpoints, TokenVerifier tokens,
      Optional<DevTokenIssuer> devTokens, InviteCodes inviteCodes, List<HealthCheck> infrastructureChecks) {
    PlatformNode node = new PlatformNode();
    try {
      node.startAll(settings, endpoints, tokens, devTokens, inviteCodes, infrastructureChecks);
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /**
   * Kafka Streams settings an operator may add: {@code FUSION_STANDBY_REPLICAS} ({@code num.standby.replicas},
   * default Kafka's 0) keeps warm copies of each state store on other instances, so a lost instance's tasks
   * resume there without restoring their changelogs from the start.
   */
  static java.util.Map<String, Object> streamsOverrides(java.util.Map<String, String> env) {
    String standby = env.get("FUSION_STANDBY_REPLICAS");
    if (standby == null || standby.isBlank()) {
      return java.util.Map.of();
    }
    int replicas;
    try {
      replicas = Integer.parseInt(standby.trim());
    } catch (NumberFormatException e) {
      replicas = -1;
    }
    if (replicas < 0) {
      throw new IllegalArgumentException("FUSION_STANDBY_REPLICAS must be a whole number >= 0, not " + standby);
    }
    return java.util.Map.of(org.apache.kafka.streams.StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, replicas);
  }

  /**
   * The registry behind {@code /metrics}, with the JVM's meters bound; the topologies and the HTTP layer add
   * theirs. Shared with the test that checks the dashboards and alert rules query only exported names.
   */
  static PrometheusMeterRegistry meterRegistry() {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
        new ProcessorMetrics(), new UptimeMetrics()).forEach(binder -> binder.bindTo(metrics));
    return metrics;
  }

  private void startAll(Settings settings, Endpoints endpoints, TokenVerifier tokens,
      Optional<DevTokenIssuer> devTokens, InviteCodes inviteCodes, List<HealthCheck> infrastructureChecks) {
    PrometheusMeterRegistry metrics = meterRegistry();
    // the integration workers count on Micrometer's global registry: this node's /metrics shows them too
    io.micrometer.core.instrument.Metrics.addRegistry(metrics);
    remember((AutoCloseable) () -> io.micrometer.core.instrument.Metrics.removeRegistry(metrics));
    AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(endpoints.schemaRegistryUrl()));
    ContractRegistration.registerAll(serdes.registry());
    CommandPublisher commands = remember(new CommandPublisher(Producers.commandProducer(endpoints.bootstrapServers(), serdes)));
    Database database = remember(Database.connect(endpoints.database()));
    // stored Idempotency-Key answers are kept 48 hours (see docs/security/streams-failures-and-retention.md)
    remember(new IdempotencyKeyPurge(database, IdempotencyKeyPurge.DEFAULT_RETENTION)
        .start(IdempotencyKeyPurge.DEFAULT_INTERVAL));

    // The ingress binds first: its port is the query endpoint the topologies advertise.
    ChangeSignals changes = new ChangeSignals();
    List<HealthCheck> readiness = new ArrayList<>(infrastructureChecks);
    if (settings.runTopologies()) {
      readiness.add(topologyHolder.healthCheck());
    }
    ingress = remember(IngressServer.start(
        new IngressServer.Settings(settings.httpHost(), settings.httpPort(), settings.advertisedHost(),
            settings.maxRequestBytes(), version(), settings.queryUpstream(), settings.tls()),
        new IngressServer.Components(tokens, devTokens, commands, serdes, topologyHolder, metrics, readiness,
            Clock.systemUTC(), ApiModules.all(database, endpoints.objectStore(), inviteCodes,
            endpoints.analytics(), liveFigures, settings.webhooks()), changes,
            RateLimiter.fromEnvironment(System.getenv()))));

    if (settings.runTopologies()) {
      StreamsSettings streamsSettings = new StreamsSettings(endpoints.bootstrapServers(), settings.stateDir(),
          settings.advertisedHost() + ":" + ingress.port(), settings.streamThreads(), settings.commitIntervalMs(),
          settings.replicationFactor(), settings.instanceId());
      topologies = remember(new TopologyRunner(topologies(inviteCodes), streamsSettings, serdes, metrics, changes,
          io.fusioncommerce.schemas.Topics.DEAD_LETTER, TopologyRunner.MAX_RECORD_BYTES,
          streamsOverrides(System.getenv())));
      topologyHolder.set(topologies);
      topologies.start();
      // integration workers run beside the topologies whose requests they answer (closed before them)
      // the workers' transactional ids come from the instance id, so a restarted instance fences its predecessor
      String workerId = settings.instanceId() != null ? settings.instanceId() : UUID.randomUUID().toString();
      remember(ShippingWorkers.labelWorker(endpoints.bootstrapServers(), serdes, endpoints.objectStore(), System.getenv(),
          workerId));
      // the payment integration worker runs beside the topologies: it makes the provider calls they ask for
      PaymentSettings payments = PaymentSettings.fromEnvironment(System.getenv());
      remember(new PaymentWorker(endpoints.bootstrapServers(), serdes.registry(),
          new PaymentRequestHandler(payments.providers(), payments.defaultProvider(), Clock.systemUTC()), workerId).start());
      // the mail worker: customers' and vendors' mails, once per event (ADR 0025)
      endpoints.smtp().ifPresentOrElse(smtp -> remember(new NotificationWorker(endpoints.bootstrapServers(),
              serdes.registry(), new NotificationDispatcher(new PostgresNotificationStore(database.jdbi()),
                  new SmtpMailer(smtp), smtp.from(), Clock.systemUTC()), workerId).start()),
          () -> LOG.warn("SMTP_HOST is not set: no customer or vendor mail is sent"));
      // the webhook worker: event topics -> the delivery queue in Postgres -> the subscribers' URLs
      remember(new WebhookWorker(endpoints.bootstrapServers(), serdes.registry(), database.jdbi(), settings.webhooks(),
          Clock.systemUTC()).start());
    }
    LOG.atInfo().addKeyValue("port", ingress.port()).addKeyValue("topologies", settings.runTopologies())
        .log("platform node started");
  }

  /**
   * The platform's topologies and the analytics feed, which starts with them (its application reads
   * the retained events from the beginning on its first start). It lives outside
   * {@link PlatformTopologies} because the analytics module builds on the topologies module.
   */
  static List<TopologyDefinition> topologies(InviteCodes inviteCodes) {
    List<TopologyDefinition> all = new ArrayList<>(PlatformTopologies.all(inviteCodes));
    all.add(new AnalyticsTopology());
    return List.copyOf(all);
  }

  /** Each tenant's live figures from the analytics topology's stores on this node. */
  public LiveFiguresSource liveFigures() {
    return liveFigures;
  }

  public int port() {
    return ingress.port();
  }

  public HealthRoutes.Readiness readiness() {
    return ingress.readiness();
  }

  private <T extends AutoCloseable> T remember(T component) {
    return started.add(component);
  }

  /** Stops the ingress first (no new commands), then the topologies, then the producer. */
  @Override
  public void close() {
    started.stopFirst(ingress);
    started.close();
  }

  static String version() {
    String version = PlatformNode.class.getPackage().getImplementationVersion();
    return version != null ? version : "development";
  }
}
