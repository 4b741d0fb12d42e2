package io.fusioncommerce.runtime.launcher;

import io.fusioncommerce.schemas.kafka.KafkaClientSecurity;
import io.fusioncommerce.analytics.query.AnalyticsQueries;
import io.fusioncommerce.connectors.deploy.ConnectorCatalog;
import io.fusioncommerce.connectors.deploy.ConnectorDeployer;
import io.fusioncommerce.connectors.objectstore.S3ObjectStore;
import io.fusioncommerce.connectors.webhooks.WebhookSettings;
import io.fusioncommerce.ingress.auth.RemoteJwks;
import io.fusioncommerce.ingress.auth.TokenVerifier;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.runtime.analytics.DruidEndpoints;
import io.fusioncommerce.runtime.embedded.EmbeddedConnect;
import io.fusioncommerce.runtime.platform.AnalyticsOff;
import io.fusioncommerce.runtime.platform.ObjectStoreHealth;
import io.fusioncommerce.runtime.platform.PlatformNode;
import io.fusioncommerce.runtime.platform.TopicProvisioner;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Role mode: one part of a distributed deployment, against external Kafka, registry and Connect
 * (see docs/runbook-distributed.md). {@code all} and {@code topologies} run the topologies with the
 * HTTP API (their instances answer each other's queries); {@code ingress} is stateless and sends reads
 * to {@code FUSION_QUERY_UPSTREAM}; {@code connect} runs a Connect worker with the bundled connectors.
 */
final class RoleMode {

  private RoleMode() {}

  static int run(String role, Map<String, String> env) throws InterruptedException {
    if (role.equals("analytics")) {
      return AnalyticsRole.run(env);
    }
    RoleSettings settings = RoleSettings.from(role, env);
    // before any Kafka client is made: every one of them takes its security from here
    KafkaClientSecurity.install(settings.kafkaSecurity());
    List<AutoCloseable> started = new ArrayList<>();
    if (settings.runsTopologies()) {
      try (Admin admin = Admin.create(KafkaClientSecurity.applyTo(
          Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers())))) {
        TopicProvisioner.ensureTopics(admin, settings.partitions(), (short) settings.replicationFactor());
      }
    }
    if (settings.runsHttp()) {
      // connected before the node starts (its bucket is created if missing) and closed after it
      S3ObjectStore objects = S3ObjectStore.connect(settings.objectStore().orElseThrow(), Duration.ofSeconds(60));
      started.add(objects);
      RemoteJwks jwks = settings.jwks().orElseThrow();
      TokenVerifier tokens = new TokenVerifier(jwks.source(), settings.jwtIssuer(), settings.jwtAudience(),
          jwks.cacheTtl());
      AnalyticsQueries analytics = DruidEndpoints.queries(System.getenv())
          .map(druid -> {
            started.add(druid);
            return (AnalyticsQueries) druid;
          })
          .orElseGet(AnalyticsOff::new);
      started.add(PlatformNode.start(
          new PlatformNode.Settings(settings.httpHost(), settings.httpPort(), settings.advertisedHost(),
              settings.stateDir(), settings.instanceId(), settings.streamThreads(), settings.commitIntervalMs(),
              settings.replicationFactor(), settings.runsTopologies(), 1024 * 1024, settings.queryUpstream(),
              WebhookSettings.roleMode(), settings.tls()),
          new PlatformNode.Endpoints(settings.bootstrapServers(), settings.schemaRegistryUrl(),
              // the owner's user and password travel in the JDBC URL (?user=..&password=..) and run the
              // migrations; the pool logs in as the unprivileged application role
              Database.Settings.of(settings.databaseUrl(), null, null, settings.databaseAppUser(),
                  settings.databaseAppPassword()), objects, analytics),
          tokens, Optional.empty(), settings.inviteCodes().orElseThrow(), List.of(new ObjectStoreHealth(objects))));
    }
    if (settings.role().equals("connect")) {
      EmbeddedConnect worker = EmbeddedConnect.start(settings.bootstrapServers(), settings.connectHost(),
          settings.connectPort(), Map.of(
          "config.providers", "env",
          "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
          "config.storage.replication.factor", Integer.toString(settings.replicationFactor()),
          "offset.storage.replication.factor", Integer.toString(settings.replicationFactor()),
          "status.storage.replication.factor", Integer.toString(settings.replicationFactor()),
          "rest.advertised.host.name", settings.connectHost().equals(EmbeddedConnect.LOOPBACK)
              ? EmbeddedConnect.LOOPBACK : settings.advertisedHost()));
      started.add(worker);
      new ConnectorDeployer(worker.restUrl()).deploy(ConnectorCatalog.bundled());
    } else if (settings.role().equals("all") && settings.connectUrl().isPresent()) {
      new ConnectorDeployer(URI.create(settings.connectUrl().get())).deploy(ConnectorCatalog.bundled());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Termination.onSignal(() -> {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (Exception ignored) {
          // keep stopping the rest
        }
      }
      stopped.countDown();
    });
    System.out.println("FusionCommerce role " + role + " running");
    stopped.await();
    return 0;
  }
}
