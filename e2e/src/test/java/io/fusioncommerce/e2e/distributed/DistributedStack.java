package io.fusioncommerce.e2e.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fusioncommerce.connectors.objectstore.EmbeddedS3Server;
import io.fusioncommerce.e2e.fixtures.CatalogSeed;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import io.fusioncommerce.runtime.embedded.EmbeddedPostgres;
import io.fusioncommerce.runtime.embedded.EmbeddedSchemaRegistry;
import io.fusioncommerce.runtime.embedded.OrphanGuard;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed stack of issue 15, run here as separate processes on loopback: three Kafka nodes (KRaft,
 * replication factor 3, min.insync.replicas 2), Postgres, the schema registry, an object store and an https
 * JWKS endpoint (in this JVM), and the launcher jar in role mode: topology instances and ingress instances.
 * Not part of {@code ./mvnw verify}: {@code e2e/run-distributed} (profile {@code distributed}).
 *
 * <p>{@code fusion.distributed.stage}: 1 = three brokers, one topology, one ingress, orders confirmed;
 * 2 = two of each, reads from either ingress; 3 (default) = and kill -9 of a broker and a topology instance.
 */
class DistributedStack {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SKU = "DIST";
  private static final int INITIAL_STOCK = 100_000;
  private static final int STAGE = Integer.getInteger("fusion.distributed.stage", 3);

  @TempDir Path dir;

  private final List<Proc> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private String token;

  @Test
  void ordersSurviveTheLossOfABrokerAndATopologyInstance() throws Exception {
    Thread hook = new Thread(this::killAll);
    Runtime.getRuntime().addShutdownHook(hook);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("postgres/data"), 0, List.of("fusion", "registry"));
        EmbeddedS3Server objects = EmbeddedS3Server.start(dir.resolve("objects"), 0)) {
      EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(Path.of(System.getProperty("fusion.registry.home")),
          postgres.jdbcUrl("registry"), EmbeddedPostgres.USER, free(), dir.resolve("registry.log"));
      try {
        run(postgres, objects, registry);
      } finally {
        killAll();
        registry.close();
      }
    } finally {
      Runtime.getRuntime().removeShutdownHook(hook);
    }
  }

  private void run(EmbeddedPostgres postgres, EmbeddedS3Server objects, EmbeddedSchemaRegistry registry) throws Exception {
    // --- identity: an https JWKS endpoint with a self-signed certificate the launchers trust
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(dir.resolve("issuer-key.json"), Clock.systemUTC());
    token = issuer.issue("admin-1", "acme", List.of("admin"), null, null, Duration.ofHours(3));
    Path trustStore = certificate();
    HttpsServer jwks = jwksServer(issuer);
    try {
      runWith(jwks, trustStore, postgres, objects, registry);
    } finally {
      jwks.stop(0);
    }
  }

  private void runWith(HttpsServer jwks, Path trustStore, EmbeddedPostgres postgres, EmbeddedS3Server objects,
      EmbeddedSchemaRegistry registry) throws Exception {

    // --- three Kafka nodes
    String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
    List<Integer> brokerPorts = List.of(free(), free(), free());
    List<Integer> controllerPorts = List.of(free(), free(), free());
    Proc[] brokers = new Proc[3];
    for (int node = 1; node <= 3; node++) {
      brokers[node - 1] = startBroker(node, clusterId, brokerPorts, controllerPorts);
    }
    String bootstrap = "127.0.0.1:" + brokerPorts.get(0) + ",127.0.0.1:" + brokerPorts.get(1) + ",127.0.0.1:" + brokerPorts.get(2);
    awaitBrokers(bootstrap, 3, Duration.ofSeconds(90));
    registry.awaitReady(Duration.ofSeconds(90));
    System.out.printf("DIST three Kafka nodes up: %s%n", bootstrap);

    Map<String, String> common = new LinkedHashMap<>();
    common.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    common.put("SCHEMA_REGISTRY_URL", registry.url());
    common.put("DATABASE_URL", postgres.jdbcUrl("fusion") + "?user=" + EmbeddedPostgres.USER + "&password=unused");
    common.put("DATABASE_APP_PASSWORD", "unused-embedded-postgres-trusts-loopback");
    common.put("FUSION_JWT_JWKS_URL", "https://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
    common.put("FUSION_JWT_ISSUER", DevTokenIssuer.ISSUER);
    common.put("FUSION_JWT_AUDIENCE", DevTokenIssuer.AUDIENCE);
    common.put("FUSION_HTTP_HOST", "127.0.0.1");
    common.put("FUSION_ADVERTISED_HOST", "127.0.0.1");
    common.put("FUSION_TRUSTED_PROXIES", "127.0.0.1");
    common.put("FUSION_REPLICATION_FACTOR", "3");
    common.put("FUSION_PARTITIONS", "4");
    common.put("FUSION_STREAM_THREADS", "1");
    common.put("FUSION_STANDBY_REPLICAS", "1");
    common.put("S3_BUCKET", "fusion");
    common.put("S3_ENDPOINT", objects.endpoint().toString());
    common.put("S3_ACCESS_KEY_ID", objects.accessKeyId());
    common.put("S3_SECRET_ACCESS_KEY", objects.secretAccessKey());
    common.put("PAYMENTS_PROVIDER", "sandbox");
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    common.put("FUSION_INVITE_CODE_SECRET", Base64.getEncoder().encodeToString(secret));
    common.put("FUSION_ANALYTICS", "off");
    common.put("FUSION_RATE_LIMIT_CALLER", "1000000:1000000");
    common.put("FUSION_RATE_LIMIT_TENANT", "1000000:1000000");

    int topo1Port = free();
    Proc topo1 = startRole("topologies", "topo-1", topo1Port, common, Map.of(), trustStore);
    awaitReady(topo1Port, Duration.ofSeconds(240));
    int ingress1Port = free();
    Proc ingress1 = startRole("ingress", "ingress-1", ingress1Port, common,
        Map.of("FUSION_QUERY_UPSTREAM", "127.0.0.1:" + topo1Port), trustStore);
    awaitReady(ingress1Port, Duration.ofSeconds(120));
    String i1 = "http://127.0.0.1:" + ingress1Port;

    try (CatalogSeed catalog = new CatalogSeed(bootstrap, registry.url())) {
      catalog.product("acme", SKU, 1000, "USD", "v-dist");
    }
    send("PUT", i1 + "/v1/inventory/" + SKU, "{\"available\":" + INITIAL_STOCK + "}", null);
    send("GET", i1 + "/v1/inventory/" + SKU + "?waitMs=10000&version=0", null, null);

    Map<String, String> accepted = new ConcurrentHashMap<>();
    double oneInstance = burst(List.of(i1), 60, accepted, "one");
    System.out.printf("DIST throughput, one topology instance: %.1f orders/s (60 orders, POST -> CONFIRMED)%n", oneInstance);
    if (STAGE == 1) {
      verify(List.of(i1), accepted);
      return;
    }

    int topo2Port = free();
    Proc topo2 = startRole("topologies", "topo-2", topo2Port, common, Map.of(), trustStore);
    awaitReady(topo2Port, Duration.ofSeconds(240));
    int ingress2Port = free();
    startRole("ingress", "ingress-2", ingress2Port, common, Map.of("FUSION_QUERY_UPSTREAM", "127.0.0.1:" + topo1Port), trustStore);
    awaitReady(ingress2Port, Duration.ofSeconds(120));
    String i2 = "http://127.0.0.1:" + ingress2Port;
    awaitAllReadable(List.of(i1, i2), accepted, Duration.ofSeconds(120));
    double twoInstances = burst(List.of(i1, i2), 60, accepted, "two");
    System.out.printf("DIST throughput, two topology instances: %.1f orders/s (60 orders, POST -> CONFIRMED)%n", twoInstances);
    if (STAGE == 2) {
      verify(List.of(i1, i2), accepted);
      return;
    }

    // --- steady load, then kill -9 a broker and the second topology instance
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    List<String> ingresses = List.of(i1, i2);
    Thread load = Thread.ofPlatform().start(() -> {
      int n = 0;
      while (loading.get()) {
        String key = "steady-" + n;
        String base = ingresses.get(n % 2);
        placeUntilAcknowledged(base, key, accepted, loading);
        sent.incrementAndGet();
        n++;
        sleep(250);
      }
    });
    sleep(10_000);
    System.out.printf("DIST kill -9 broker 3 (pid %d) and topology instance topo-2 (pid %d)%n", brokers[2].pid(), topo2.pid());
    long killedAt = System.nanoTime();
    brokers[2].kill();
    topo2.kill();
    long recoveredMs = awaitAllReadable(ingresses, accepted, Duration.ofSeconds(180));
    System.out.printf("DIST reads of every acknowledged order from both ingresses recovered %d ms after the kill%n",
        (System.nanoTime() - killedAt) / 1_000_000);
    brokers[2] = startBroker(3, clusterId, brokerPorts, controllerPorts);
    topo2 = startRole("topologies", "topo-2", topo2Port, common, Map.of(), trustStore);
    awaitReady(topo2Port, Duration.ofSeconds(240));
    awaitBrokers(bootstrap, 3, Duration.ofSeconds(90));
    System.out.printf("DIST broker 3 and topo-2 restarted and ready %d ms after the kill%n", (System.nanoTime() - killedAt) / 1_000_000);
    sleep(10_000);
    loading.set(false);
    load.join(120_000);
    System.out.printf("DIST steady load: %d orders acknowledged in all%n", accepted.size());
    verify(ingresses, accepted);
    assertTrue(recoveredMs >= 0);
  }

  /** n orders sent 6 at a time; orders/s from the first POST until the last one reads CONFIRMED. */
  private double burst(List<String> ingresses, int n, Map<String, String> accepted, String label) throws Exception {
    long begin = System.nanoTime();
    List<String> keys = new ArrayList<>();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    AtomicBoolean on = new AtomicBoolean(true);
    for (int i = 0; i < n; i++) {
      String key = "burst-" + label + "-" + i;
      keys.add(key);
      String base = ingresses.get(i % ingresses.size());
      pool.submit(() -> placeUntilAcknowledged(base, key, accepted, on));
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES));
    for (int i = 0; i < keys.size(); i++) {
      JsonNode order = settle(ingresses.get((i + 1) % ingresses.size()), accepted.get(keys.get(i)));
      assertEquals("CONFIRMED", order.path("status").asText(), order.toString());
    }
    return n / ((System.nanoTime() - begin) / 1e9);
  }

  private void placeUntilAcknowledged(String base, String key, Map<String, String> accepted, AtomicBoolean on) {
    String body = "{\"customerId\":\"buyer-" + key + "\",\"currency\":\"USD\",\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}]}";
    for (int attempt = 0; attempt < 600; attempt++) {
      try {
        HttpResponse<String> r = http.send(request("POST", base + "/v1/orders", body, key), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 202) {
          String id = JSON.readTree(r.body()).path("orderId").asText();
          String before = accepted.putIfAbsent(key, id);
          if (before != null && !before.equals(id)) {
            throw new AssertionError("Idempotency-Key " + key + " gave two orders: " + before + " and " + id);
          }
          return;
        }
      } catch (IOException e) {
        // the instance is down or restarting: retry with the same key
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      sleep(200);
    }
  }

  /** Every acknowledged order reads from every ingress; the ms it took. */
  private long awaitAllReadable(List<String> ingresses, Map<String, String> accepted, Duration timeout) {
    long begin = System.nanoTime();
    long deadline = begin + timeout.toNanos();
    while (true) {
      boolean all = true;
      for (String id : List.copyOf(accepted.values())) {
        for (String base : ingresses) {
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/orders/" + id))
                .timeout(Duration.ofSeconds(3)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
              all = false;
            }
          } catch (IOException | InterruptedException e) {
            all = false;
          }
          if (!all) {
            break;
          }
        }
        if (!all) {
          break;
        }
      }
      if (all) {
        return (System.nanoTime() - begin) / 1_000_000;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("orders were not readable from every ingress within " + timeout);
      }
      sleep(200);
    }
  }

  private void verify(List<String> ingresses, Map<String, String> accepted) throws Exception {
    Map<String, String> keyByOrder = new HashMap<>();
    int confirmed = 0;
    int i = 0;
    for (Map.Entry<String, String> e : accepted.entrySet()) {
      String other = keyByOrder.put(e.getValue(), e.getKey());
      assertTrue(other == null, "order " + e.getValue() + " acknowledged for two keys: " + other + ", " + e.getKey());
      JsonNode order = settle(ingresses.get(i++ % ingresses.size()), e.getValue());
      assertEquals("CONFIRMED", order.path("status").asText(), "order " + e.getValue() + ": " + order);
      confirmed++;
      JsonNode history = JSON.readTree(send("GET", ingresses.get(0) + "/v1/orders/" + e.getValue() + "/history", null, null));
      int settled = 0;
      for (JsonNode entry : history.path("items")) {
        if ("StatusChanged".equals(entry.path("type").asText()) && !"CREATED".equals(entry.path("status").asText())) {
          settled++;
        }
      }
      assertEquals(1, settled, "order " + e.getValue() + " settles exactly once: " + history);
    }
    JsonNode stock = JSON.readTree(send("GET", ingresses.get(0) + "/v1/inventory/" + SKU, null, null));
    long available = stock.path("available").asLong();
    System.out.printf("DIST %d acknowledged orders, %d CONFIRMED exactly once, stock %d - available %d = %d%n",
        accepted.size(), confirmed, INITIAL_STOCK, available, INITIAL_STOCK - available);
    assertEquals(confirmed, INITIAL_STOCK - available, "confirmed quantities = initial - available: " + stock);
  }

  private JsonNode settle(String base, String id) throws Exception {
    JsonNode order = null;
    for (int attempt = 0; attempt < 30; attempt++) {
      try {
        HttpResponse<String> r = http.send(request("GET", base + "/v1/orders/" + id + "?waitMs=5000&status=CREATED", null, null),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          order = JSON.readTree(r.body());
          if (!"CREATED".equals(order.path("status").asText())) {
            return order;
          }
        }
      } catch (IOException e) {
        // retry
      }
      sleep(300);
    }
    return order == null ? JSON.createObjectNode() : order;
  }

  private String send(String method, String url, String body, String key) throws Exception {
    HttpResponse<String> r = http.send(request(method, url, body, key), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() < 300, method + " " + url + " -> " + r.statusCode() + " " + r.body());
    return r.body();
  }

  private HttpRequest request(String method, String url, String body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return b.build();
  }

  // --- processes

  private Proc startBroker(int node, String clusterId, List<Integer> brokerPorts, List<Integer> controllerPorts) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
        "-cp", System.getProperty("fusion.e2e.classes") + ":" + launcherClasspath(),
        KafkaNode.class.getName(), Integer.toString(node), clusterId, dir.resolve("kafka-" + node).toString(),
        join(brokerPorts), join(controllerPorts)));
    return start("kafka-" + node, command, Map.of());
  }

  private Proc startRole(String role, String id, int port, Map<String, String> common, Map<String, String> extra,
      Path trustStore) throws IOException {
    Map<String, String> env = new HashMap<>(common);
    env.putAll(extra);
    env.put("FUSION_HTTP_PORT", Integer.toString(port));
    env.put("FUSION_INSTANCE_ID", id);
    env.put("FUSION_STATE_DIR", dir.resolve("state-" + id).toString());
    List<String> command = List.of(java(), "-Xms128m", role.equals("ingress") ? "-Xmx384m" : "-Xmx768m", "-XX:+UseG1GC",
        "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
        "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-cp", launcherClasspath(), "io.fusioncommerce.runtime.launcher.Fusion", "start", "--role", role);
    return start(id, command, env);
  }

  private Proc start(String name, List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    // the shutdown hook does not run when this JVM is killed with SIGKILL (a failsafe timeout, a killed build):
    // the guard then kills the process, as the embedded Postgres and registry are stopped
    Proc proc = new Proc(name, process, OrphanGuard.watch(process.pid(), "KILL"));
    synchronized (processes) {
      processes.add(proc);
    }
    System.out.printf("DIST started %s (pid %d), log %s%n", name, proc.pid(), dir.resolve(name + ".log"));
    return proc;
  }

  private void killAll() {
    synchronized (processes) {
      for (Proc p : processes) {
        p.kill();
      }
    }
  }

  private record Proc(String name, Process process, Process guard) {
    long pid() {
      return process.pid();
    }

    void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      guard.destroy(); // its pid is gone: no later kill of a reused pid
    }
  }

  private String launcherClasspath() throws IOException {
    return System.getProperty("fusion.launcher.jar") + ":"
        + Files.readString(Path.of(System.getProperty("fusion.launcher.classpath"))).trim();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void awaitBrokers(String bootstrap, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      while (true) {
        try {
          if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count) {
            return;
          }
        } catch (Exception notYet) {
          // retry
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(count + " brokers did not come up within " + timeout);
        }
        sleep(500);
      }
    }
  }

  private void awaitReady(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long begin = System.nanoTime();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          System.out.printf("DIST 127.0.0.1:%d ready after %d ms%n", port, (System.nanoTime() - begin) / 1_000_000);
          return;
        }
      } catch (IOException | InterruptedException e) {
        // not up yet
      }
      sleep(1000);
    }
    throw new AssertionError("127.0.0.1:" + port + " was not ready within " + timeout + "; see the logs in " + dir);
  }

  // --- identity

  private Path certificate() throws Exception {
    Path keystore = dir.resolve("jwks.p12");
    Path cert = dir.resolve("jwks.cer");
    Path trust = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "jwks", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit");
    keytool("-exportcert", "-alias", "jwks", "-keystore", keystore.toString(), "-storepass", "changeit", "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "jwks", "-file", cert.toString(), "-keystore", trust.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit");
    return trust;
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool " + command + ": " + out);
    }
  }

  private HttpsServer jwksServer(DevTokenIssuer issuer) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(dir.resolve("jwks.p12").toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    byte[] keys = issuer.publicKeys().toString().getBytes(StandardCharsets.UTF_8);
    server.createContext("/jwks.json", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, keys.length);
      exchange.getResponseBody().write(keys);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static int free() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String join(List<Integer> ports) {
    return String.join(",", ports.stream().map(String::valueOf).toList());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
