package io.fusioncommerce.e2e.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher as a separate process, started the way {@code ./fusion start} starts it (same class
 * path, same main class, same heap limit), for black-box tests and benchmarks.
 */
public final class LauncherProcess implements AutoCloseable {

  private static final Pattern API_LINE = Pattern.compile("API\\s+(http://\\S+)");
  private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+) s");

  private final Process process;
  private final String baseUrl;
  private final double reportedStartupSeconds;
  private final long millisToReady;
  private final List<String> output;

  private LauncherProcess(Process process, String baseUrl, double reportedStartupSeconds, long millisToReady,
      List<String> output) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.reportedStartupSeconds = reportedStartupSeconds;
    this.millisToReady = millisToReady;
    this.output = output;
  }

  /**
   * Request rate limits for load: the limiter stays on (its cost is part of every figure) but far above any
   * rate a benchmark or burst test sends from one token or one tenant, so nothing they send is refused.
   */
  public static final java.util.Map<String, String> LOAD_TEST_RATE_LIMITS = java.util.Map.of(
      "FUSION_RATE_LIMIT_CALLER", "1000000:1000000", "FUSION_RATE_LIMIT_TENANT", "1000000:1000000");

  /** Starts {@code fusion start} on {@code dataDir} with a free HTTP port and waits until it is ready. */
  public static LauncherProcess start(Path dataDir, Duration timeout) {
    return start(dataDir, timeout, java.util.Map.of());
  }

  /** The same, with these environment variables added to the launcher's (settings such as FUSION_*). */
  public static LauncherProcess start(Path dataDir, Duration timeout, java.util.Map<String, String> environment) {
    String jar = required("fusion.launcher.jar");
    String classpath;
    try {
      classpath = Files.readString(Path.of(required("fusion.launcher.classpath"))).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("build the runtime first: ./mvnw -pl runtime -am package", e);
    }
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
        "-Dfusion.registry.home=" + required("fusion.registry.home"),
        "-cp", jar + ":" + classpath,
        "io.fusioncommerce.runtime.launcher.Fusion", "start",
        "--data-dir", dataDir.toString(), "--http-port", "0");
    long begin = System.nanoTime();
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      // Druid (about 1.4 GB and a minute of two cores) only where a test or benchmark asks for it
      builder.environment().put("FUSION_ANALYTICS", "off");
      builder.environment().putAll(environment);
      Process process = builder
          .redirectError(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + "-launcher.log").toFile()))
          .start();
      List<String> output = new ArrayList<>();
      CompletableFuture<String[]> ready = CompletableFuture.supplyAsync(() -> awaitBanner(process, output));
      String[] banner;
      try {
        banner = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
        throw new IllegalStateException("the launcher did not become ready within " + timeout + "; output: " + output, e);
      }
      long millis = (System.nanoTime() - begin) / 1_000_000;
      return new LauncherProcess(process, banner[0], Double.parseDouble(banner[1]), millis, output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the launcher", e);
    }
  }

  private static String[] awaitBanner(Process process, List<String> output) {
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String base = null;
      String seconds = null;
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (output) {
          output.add(line);
        }
        Matcher started = STARTED.matcher(line);
        if (started.find()) {
          seconds = started.group(1);
        }
        Matcher api = API_LINE.matcher(line);
        if (api.find()) {
          base = api.group(1);
        }
        if (base != null && seconds != null && line.contains("Stop with Ctrl-C")) {
          // keep draining stdout so the launcher never blocks on a full pipe
          Thread.ofPlatform().daemon().start(() -> drain(reader));
          return new String[] {base, seconds};
        }
      }
      throw new IllegalStateException("the launcher exited with " + process.waitFor());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void drain(BufferedReader reader) {
    try {
      while (reader.readLine() != null) {
        // discard
      }
    } catch (IOException closed) {
      // the launcher exited
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set");
    }
    return value;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** A value the banner printed, e.g. {@code banner("Kafka")} is the broker's bootstrap address. */
  public String banner(String label) {
    synchronized (output) {
      for (String line : output) {
        String trimmed = line.trim();
        if (trimmed.startsWith(label + " ")) {
          return trimmed.substring(label.length()).trim().split("\\s+")[0];
        }
      }
    }
    throw new IllegalStateException("the banner has no " + label + " line: " + output);
  }

  /** What the launcher reported as its start-up time (until every readiness check was up). */
  public double reportedStartupSeconds() {
    return reportedStartupSeconds;
  }

  /** From process creation to the ready banner, JVM start included. */
  public long millisToReady() {
    return millisToReady;
  }

  public long pid() {
    return process.pid();
  }

  /** Every process the launcher started (Postgres, the registry, their guards). */
  public List<ProcessHandle> children() {
    return process.descendants().toList();
  }

  /** Resident memory of the launcher JVM, in KiB. */
  public long launcherRssKb() {
    return rssKb(process.pid());
  }

  /** Resident memory of the launcher and all its descendants, in KiB. */
  public long totalRssKb() {
    return rssKb(process.pid()) + process.descendants().mapToLong(p -> rssKb(p.pid())).sum();
  }

  /** Ctrl-C: SIGTERM, then wait for the orderly shutdown. */
  public int stop(Duration timeout) {
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the launcher did not stop within " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** kill -9. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(60));
    }
  }

  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended
    }
    return 0;
  }
}
