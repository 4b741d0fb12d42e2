package io.fusioncommerce.runtime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry (unpacked by the build from Maven Central) as a child JVM, storing schemas in the
 * embedded Postgres so ids written into topics still resolve after a restart. Clients use its
 * Confluent-compatible API; the global compatibility rule is BACKWARD.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
  public static final String CONFLUENT_API = "/apis/ccompat/v7";

  private final Process process;
  private final Process guard;
  private final int httpPort;
  private final int managementPort;

  private EmbeddedSchemaRegistry(Process process, Process guard, int httpPort, int managementPort) {
    this.process = process;
    this.guard = guard;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
  }

  /**
   * Starts the registry; returns once its process runs. Call {@link #awaitReady} before using it.
   *
   * @param home the unpacked registry (holds quarkus-run.jar)
   * @param jdbcUrl the Postgres database that stores the schemas
   */
  public static EmbeddedSchemaRegistry start(Path home, String jdbcUrl, String user, int requestedPort, Path logFile) {
    Path runner = home.resolve("quarkus-run.jar");
    if (!Files.isRegularFile(runner)) {
      throw new IllegalStateException("schema registry not found at " + runner
          + "; build it with ./mvnw -pl runtime -am package (the build unpacks it from Maven Central)");
    }
    int httpPort = Ports.orFree(requestedPort);
    int managementPort = Ports.free();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    command.add("-Dapicurio.storage.kind=sql");
    command.add("-Dapicurio.storage.sql.kind=postgresql");
    command.add("-Dapicurio.datasource.url=" + jdbcUrl);
    command.add("-Dapicurio.datasource.username=" + user);
    command.add("-Dapicurio.datasource.password=");
    command.add("-Dapicurio.datasource.jdbc.initial-size=2");
    command.add("-Dapicurio.datasource.jdbc.min-size=2");
    command.add("-Dapicurio.datasource.jdbc.max-size=10");
    command.add("-Dapicurio.rules.global.compatibility=BACKWARD");
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + httpPort);
    command.add("-Dquarkus.management.host=127.0.0.1");
    command.add("-Dquarkus.management.port=" + managementPort);
    command.add("-Dquarkus.http.access-log.enabled=false");
    command.add("-jar");
    command.add(runner.toString());
    try {
      Files.createDirectories(logFile.getParent());
      Process process = new ProcessBuilder(command)
          .directory(home.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
      Process guard = OrphanGuard.watch(process.pid(), "TERM");
      LOG.atInfo().addKeyValue("pid", process.pid()).addKeyValue("port", httpPort).log("schema registry starting");
      return new EmbeddedSchemaRegistry(process, guard, httpPort, managementPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the schema registry", e);
    }
  }

  /** Waits until the registry answers its readiness probe. */
  public void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the schema registry exited with " + process.exitValue() + "; see its log");
      }
      try {
        var response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the schema registry", e);
      }
      sleep(50);
    }
    throw new IllegalStateException("the schema registry was not ready within " + timeout);
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Base URL of the Confluent-compatible API. */
  public String url() {
    return url(httpPort);
  }

  /** Base URL of the Confluent-compatible API of a registry on {@code port} (known before it starts). */
  public static String url(int port) {
    return "http://127.0.0.1:" + port + CONFLUENT_API;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      guard.destroy();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
