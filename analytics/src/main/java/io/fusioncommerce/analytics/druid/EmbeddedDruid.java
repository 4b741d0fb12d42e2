package io.fusioncommerce.analytics.druid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Druid on this machine, as child JVMs of the launcher: ZooKeeper, then a coordinator that is
 * also the overlord, a broker, a historical and an indexer, all on loopback ports, with Derby metadata
 * and local deep storage under one directory (a restart keeps what was ingested).
 *
 * <p>ZooKeeper runs in its own child JVM rather than in the launcher: its jar is Druid's, and Druid's
 * libraries stay off the platform's class path; it also lives and dies with Druid, not with the core.
 *
 * <p>The children never outlive the launcher: a guard shell stops them (Druid first, then ZooKeeper)
 * the moment the launcher is gone, even after a SIGKILL.
 */
public final class EmbeddedDruid implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDruid.class);
  private static final String ZOOKEEPER = "zookeeper";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  /** Java 17+ module access Druid needs (direct memory, its off-heap buffers, process metrics). */
  static final List<String> MODULE_FLAGS = List.of(
      "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");

  /**
   * @param dataDir where all of Druid's state and logs live
   * @param workerCapacity the indexer's task slots: at least twice the supervisors' tasks, so a task
   *     handing off its segments never blocks the next one from reading
   * @param freePorts a source of free loopback ports
   */
  public record Settings(DruidDistribution distribution, Path dataDir, int workerCapacity, IntSupplier freePorts) {}

  private final Settings settings;
  private final DruidLayout layout;
  private final Map<DruidService, Integer> ports = new EnumMap<>(DruidService.class);
  private final Map<DruidService, Process> services = new EnumMap<>(DruidService.class);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private int zookeeperPort;
  private Process zookeeper;
  private Process guard;
  private long startedNanos;
  private volatile Duration startupTime;

  private EmbeddedDruid(Settings settings) {
    this.settings = settings;
    this.layout = new DruidLayout(settings.dataDir().toAbsolutePath().normalize());
  }

  /** Starts ZooKeeper and the four services; returns once they run. Call {@link #awaitHealthy} before use. */
  public static EmbeddedDruid start(Settings settings) {
    EmbeddedDruid druid = new EmbeddedDruid(settings);
    try {
      druid.startAll();
      return druid;
    } catch (RuntimeException e) {
      druid.close();
      throw e;
    }
  }

  private void startAll() {
    startedNanos = System.nanoTime();
    // ZooKeeper holds only what a start makes anew (announcements, leader election): starting it
    // empty means no announcement of the previous run's ports lingers until its session expires
    layout.clearZookeeper();
    layout.create();
    clearPidFiles();
    guard = startGuard();
    zookeeperPort = settings.freePorts().getAsInt();
    zookeeper = startZookeeper();
    awaitPort(zookeeperPort, zookeeper, Duration.ofSeconds(60));
    int derbyPort = settings.freePorts().getAsInt();
    for (DruidService service : DruidService.values()) {
      ports.put(service, settings.freePorts().getAsInt());
    }
    // all four at once: on two cores this is faster than any ordering, and Druid's services wait for
    // each other through ZooKeeper by themselves
    for (DruidService service : List.of(DruidService.COORDINATOR, DruidService.HISTORICAL, DruidService.BROKER,
        DruidService.INDEXER)) {
      services.put(service, startService(service, derbyPort));
    }
    LOG.atInfo().addKeyValue("version", settings.distribution().version()).addKeyValue("dir", layout.root())
        .addKeyValue("broker", brokerUrl()).log("Druid starting");
  }

  /**
   * Waits until every service answers {@code /status/health} and the broker answers SQL.
   *
   * @throws IllegalStateException when a child exits or the timeout passes (see the logs under the data dir)
   */
  public void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (DruidService service : DruidService.values()) {
      awaitHealth(service, deadline);
    }
    while (!brokerAnswersSql()) {
      checkAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Druid's broker did not answer SQL within " + timeout + "; see " + layout.logs());
      }
      sleep(200);
    }
    startupTime = Duration.ofNanos(System.nanoTime() - startedNanos);
    LOG.atInfo().addKeyValue("startupMs", startupTime.toMillis()).log("Druid healthy");
  }

  /** True while every child runs and answers its health check. */
  public boolean healthy() {
    if (zookeeper == null || !zookeeper.isAlive()) {
      return false;
    }
    for (DruidService service : DruidService.values()) {
      Process process = services.get(service);
      if (process == null || !process.isAlive() || !answersHealth(service)) {
        return false;
      }
    }
    return true;
  }

  /** The broker: Druid SQL, over HTTP and Avatica JDBC. */
  public String brokerUrl() {
    return url(DruidService.BROKER);
  }

  /** The coordinator-overlord: supervisors, tasks and retention rules. */
  public String overlordUrl() {
    return url(DruidService.COORDINATOR);
  }

  public String zookeeperAddress() {
    return "127.0.0.1:" + zookeeperPort;
  }

  /** How long the last start took until healthy; null before {@link #awaitHealthy} returned. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The process ids of ZooKeeper and the services (for measuring them). */
  public Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    if (zookeeper != null) {
      pids.put(ZOOKEEPER, zookeeper.pid());
    }
    services.forEach((service, process) -> pids.put(service.command(), process.pid()));
    return pids;
  }

  public Path logsDir() {
    return layout.logs();
  }

  private String url(DruidService service) {
    return "http://127.0.0.1:" + ports.get(service);
  }

  private Process startZookeeper() {
    Path config = layout.root().resolve("zoo.cfg");
    writeProperties(config, Map.of(
        "dataDir", layout.zookeeper().toString(),
        "clientPort", Integer.toString(zookeeperPort),
        "clientPortAddress", "127.0.0.1",
        "tickTime", "2000",
        "maxClientCnxns", "0",
        "admin.enableServer", "false",
        "4lw.commands.whitelist", "ruok",
        // Druid's announcements are ephemeral; a small snapshot history is enough to restart from
        "autopurge.snapRetainCount", "3",
        "autopurge.purgeInterval", "1"));
    List<String> command = java("96m", null);
    command.add("-Dzookeeper.admin.enableServer=false");
    command.add("-Dzookeeper.jmx.log4j.disable=true");
    command.add("org.apache.zookeeper.server.ZooKeeperServerMain");
    command.add(config.toString());
    return launch(ZOOKEEPER, command);
  }

  private Process startService(DruidService service, int derbyPort) {
    Map<String, String> properties = new TreeMap<>(commonProperties(derbyPort));
    properties.put("druid.service", service.serviceName());
    properties.put("druid.plaintextPort", Integer.toString(ports.get(service)));
    if (service.processesQueries()) {
      // small, few buffers: direct memory = size x (threads + merge buffers + 1)
      properties.put("druid.processing.buffer.sizeBytes", Integer.toString(16 * 1024 * 1024));
      properties.put("druid.processing.numThreads", "2");
      properties.put("druid.processing.numMergeBuffers", "2");
      properties.put("druid.server.http.numThreads", "24");
    }
    properties.putAll(service.properties(layout, settings.workerCapacity()));
    Path conf = layout.conf(service.command());
    writeProperties(conf.resolve("runtime.properties"), properties);
    writeLog4j(conf.resolve("log4j2.xml"));
    List<String> command = java(service.heap(), conf);
    command.add("-XX:MaxDirectMemorySize=" + service.directMemory());
    command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j2.xml"));
    command.add("-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager");
    command.add("-Dlog4j.shutdownCallbackRegistry=org.apache.druid.common.config.Log4jShutdown");
    command.add("-Dlog4j.shutdownHookEnabled=true");
    command.add("-Dderby.stream.error.file=" + layout.logs().resolve("derby.log"));
    command.add("org.apache.druid.cli.Main");
    command.add("server");
    command.add(service.command());
    return launch(service.command(), command);
  }

  private Map<String, String> commonProperties(int derbyPort) {
    Map<String, String> common = new LinkedHashMap<>();
    common.put("druid.host", "127.0.0.1");
    common.put("druid.bindOnHost", "true");
    common.put("druid.zk.service.host", zookeeperAddress());
    common.put("druid.zk.paths.base", "/druid");
    common.put("druid.extensions.loadList", "[]");
    common.put("druid.extensions.directory", layout.extensions().toString());
    common.put("druid.extensions.searchCurrentClassloader", "true");
    // Derby's network server runs inside the coordinator; the others connect to it
    common.put("druid.metadata.storage.type", "derby");
    common.put("druid.metadata.storage.connector.connectURI",
        "jdbc:derby://127.0.0.1:" + derbyPort + "/" + layout.metadata() + ";create=true");
    common.put("druid.metadata.storage.connector.host", "127.0.0.1");
    common.put("druid.metadata.storage.connector.port", Integer.toString(derbyPort));
    common.put("druid.storage.type", "local");
    common.put("druid.storage.storageDirectory", layout.deepStorage().toString());
    common.put("druid.indexer.logs.type", "file");
    common.put("druid.indexer.logs.directory", layout.taskLogs().toString());
    common.put("druid.selectors.indexing.serviceName", "druid/overlord");
    common.put("druid.selectors.coordinator.serviceName", "druid/coordinator");
    common.put("druid.emitter", "noop");
    common.put("druid.startup.logging.logProperties", "false");
    common.put("druid.lookup.enableLookupSyncOnStartup", "false");
    common.put("druid.javascript.enabled", "false");
    common.put("druid.sql.planner.sqlTimeZone", "UTC");
    return common;
  }

  private List<String> java(String heap, Path conf) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    // small heaps: the serial collector costs the least memory and CPU on a two-core machine
    command.add("-XX:+UseSerialGC");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Duser.timezone=UTC");
    command.add("-Dfile.encoding=UTF-8");
    command.add("-Djava.io.tmpdir=" + layout.tmp());
    command.addAll(MODULE_FLAGS);
    command.add("-cp");
    command.add((conf == null ? "" : conf + java.io.File.pathSeparator) + settings.distribution().classPath());
    return command;
  }

  private Process launch(String name, List<String> command) {
    Path log = layout.logs().resolve(name + ".log");
    try {
      Process process = new ProcessBuilder(ownSession(command))
          .directory(layout.root().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      Files.writeString(layout.pids().resolve(name + ".pid"), Long.toString(process.pid()));
      LOG.atInfo().addKeyValue("pid", process.pid()).addKeyValue("log", log).log("Druid " + name + " starting");
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Druid's " + name, e);
    }
  }

  /**
   * The guard shell ({@code guard.sh} under Druid's directory, its output in {@code logs/guard.log}):
   * when the launcher is gone (the guard's parent changes), it stops Druid's four services, then
   * ZooKeeper, each with TERM and, after a minute, KILL.
   */
  private Process startGuard() {
    Path script = layout.root().resolve("guard.sh");
    String text = """
        #!/bin/sh
        # written by EmbeddedDruid; arguments: the launcher's pid, the directory of the children's pid files
        launcher="$1"; dir="$2"
        while [ "$(cut -d' ' -f4 /proc/$$/stat 2>/dev/null)" = "$launcher" ]; do sleep 0.5; done
        echo "$(date -u) launcher $launcher gone: stopping Druid, then ZooKeeper"
        stop() {
          for s in "$@"; do [ -f "$dir/$s.pid" ] && kill -TERM "$(cat "$dir/$s.pid")" 2>/dev/null; done
          for s in "$@"; do
            p=$(cat "$dir/$s.pid" 2>/dev/null) || continue
            i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
            kill -KILL "$p" 2>/dev/null; rm -f "$dir/$s.pid"
          done
        }
        stop indexer broker historical coordinator; stop zookeeper
        echo "$(date -u) stopped"
        """;
    try {
      Files.writeString(script, text);
      return new ProcessBuilder(ownSession(List.of("/bin/sh", script.toString(),
          Long.toString(ProcessHandle.current().pid()), layout.pids().toString())))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.logs().resolve("guard.log").toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the guard of Druid's processes", e);
    }
  }

  /**
   * Runs {@code command} in a session of its own (setsid execs it, same pid): Ctrl-C in a terminal
   * signals the whole foreground process group, and would stop ZooKeeper together with Druid (a
   * coordinator whose ZooKeeper is gone was seen hanging in its stop). Only the launcher gets the
   * signal; it stops Druid, then ZooKeeper.
   */
  private static List<String> ownSession(List<String> command) {
    if (!Files.isExecutable(SETSID)) {
      return command;
    }
    List<String> inSession = new ArrayList<>();
    inSession.add(SETSID.toString());
    inSession.addAll(command);
    return inSession;
  }

  private void awaitHealth(DruidService service, long deadline) {
    while (!answersHealth(service)) {
      checkAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Druid's " + service.command() + " was not healthy in time; see "
            + layout.logs().resolve(service.command() + ".log"));
      }
      sleep(200);
    }
  }

  private boolean answersHealth(DruidService service) {
    return answers(HttpRequest.newBuilder(URI.create(url(service) + "/status/health")).timeout(Duration.ofSeconds(2)).build(),
        body -> body.trim().equals("true"));
  }

  private boolean brokerAnswersSql() {
    return answers(HttpRequest.newBuilder(URI.create(brokerUrl() + "/druid/v2/sql"))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"SELECT 1\"}"))
        .build(), body -> true);
  }

  /** True when the request is answered 200 with a body {@code accepted} takes; false while starting. */
  private boolean answers(HttpRequest request, java.util.function.Predicate<String> accepted) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && accepted.test(response.body());
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void checkAlive() {
    if (zookeeper != null && !zookeeper.isAlive()) {
      throw new IllegalStateException("ZooKeeper exited with " + zookeeper.exitValue() + "; see "
          + layout.logs().resolve(ZOOKEEPER + ".log"));
    }
    services.forEach((service, process) -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("Druid's " + service.command() + " exited with " + process.exitValue()
            + "; see " + layout.logs().resolve(service.command() + ".log"));
      }
    });
  }

  private static void awaitPort(int port, Process process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ZooKeeper exited with " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IllegalStateException("ZooKeeper did not listen on " + port + " within " + timeout);
  }

  private static void writeProperties(Path file, Map<String, String> properties) {
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        out.write("# written by FusionCommerce's EmbeddedDruid at every start; edits are overwritten\n");
        for (Map.Entry<String, String> entry : new TreeMap<>(properties).entrySet()) {
          out.write(entry.getKey() + "=" + entry.getValue().replace("\\", "\\\\") + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void writeLog4j(Path file) {
    // stdout goes to the service's log file; warnings only, plus Druid's own start and stop messages
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Configuration status="WARN">
          <Appenders>
            <Console name="Console" target="SYSTEM_OUT">
              <PatternLayout pattern="%d{ISO8601} %p [%t] %c - %m%n"/>
            </Console>
          </Appenders>
          <Loggers>
            <Root level="warn"><AppenderRef ref="Console"/></Root>
            <Logger name="org.apache.druid.java.util.common.lifecycle.Lifecycle" level="info" additivity="false">
              <AppenderRef ref="Console"/>
            </Logger>
            <Logger name="org.apache.druid.indexing.seekablestream.supervisor" level="info" additivity="false">
              <AppenderRef ref="Console"/>
            </Logger>
          </Loggers>
        </Configuration>
        """;
    try {
      Files.writeString(file, xml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private void clearPidFiles() {
    try (var files = Files.list(layout.pids())) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + layout.pids(), e);
    }
  }

  /** Stops Druid's four services together, then ZooKeeper. */
  @Override
  public void close() {
    if (guard != null) {
      guard.destroy();
    }
    http.shutdownNow();
    // all four at once: the indexer (~30 s: its tasks persist what they hold, to resume on the next
    // start) and the coordinator-overlord (~35 s) each take long alone; one after the other took 65 s
    stop(List.of(DruidService.values()));
    if (zookeeper != null) {
      stopProcess(ZOOKEEPER, zookeeper);
    }
    clearPidFilesQuietly();
  }

  private void stop(List<DruidService> group) {
    group.stream().map(services::get).filter(p -> p != null).forEach(Process::destroy);
    for (DruidService service : group) {
      Process process = services.get(service);
      if (process != null) {
        stopProcess(service.command(), process);
      }
    }
  }

  private static void stopProcess(String name, Process process) {
    long begin = System.nanoTime();
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.atWarn().addKeyValue("pid", process.pid()).log("Druid " + name + " did not stop in time; killing it");
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      LOG.atInfo().addKeyValue("ms", (System.nanoTime() - begin) / 1_000_000).log("Druid " + name + " stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void clearPidFilesQuietly() {
    try {
      clearPidFiles();
    } catch (UncheckedIOException ignored) {
      // nothing to clean
    }
  }

  /** Waiting is given up when the waiting thread is interrupted (the launcher stopping mid-start). */
  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Druid", e);
    }
  }
}
