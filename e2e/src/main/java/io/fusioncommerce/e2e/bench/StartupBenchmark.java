package io.fusioncommerce.e2e.bench;

import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.launcher.LauncherProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.io.file.PathUtils;

/**
 * Cold start and restart of the embedded platform, as a user sees it: from starting the launcher
 * process to the moment every readiness check is up; then resident memory and heap after start.
 *
 * <p>Run: {@code e2e/run-benchmark startup [runs]}
 */
public final class StartupBenchmark {

  public static void main(String[] args) throws IOException {
    int runs = BenchLauncher.argument(args, 0, 3);
    Path work = Files.createTempDirectory("fusion-startup-bench");
    List<Long> cold = new ArrayList<>();
    List<Long> warm = new ArrayList<>();
    List<Long> launcherRss = new ArrayList<>();
    List<Long> totalRss = new ArrayList<>();
    List<Double> heapMb = new ArrayList<>();
    try {
      for (int run = 0; run < runs; run++) {
        Path data = work.resolve("data-" + run);
        try (LauncherProcess launcher = LauncherProcess.start(data, Duration.ofSeconds(180))) {
          cold.add(launcher.millisToReady());
          exercise(launcher);
          launcherRss.add(launcher.launcherRssKb());
          totalRss.add(launcher.totalRssKb());
          heapMb.add(heapUsedMb(launcher));
        }
        try (LauncherProcess restarted = LauncherProcess.start(data, Duration.ofSeconds(180))) {
          warm.add(restarted.millisToReady());
        }
        System.out.printf("run %d: cold %d ms, restart %d ms%n", run + 1, cold.get(run), warm.get(run));
      }
    } finally {
      PathUtils.deleteDirectory(work);
    }
    System.out.println();
    System.out.printf("cold start to ready (fresh data dir): median %d ms, max %d ms%n", median(cold), max(cold));
    System.out.printf("restart to ready (same data dir):     median %d ms, max %d ms%n", median(warm), max(warm));
    System.out.printf("resident memory after start: launcher JVM median %d MiB, with Postgres and registry %d MiB%n",
        median(launcherRss) / 1024, median(totalRss) / 1024);
    System.out.printf("heap used after start: median %.0f MiB (limit -Xmx1g)%n",
        heapMb.stream().sorted().toList().get(heapMb.size() / 2));
  }

  /** One stock write and read, so the measured memory is that of a platform that has done work. */
  private static void exercise(LauncherProcess launcher) {
    ApiClient api = new ApiClient(launcher.baseUrl());
    String admin = api.token("bench", "admin", "admin");
    api.put("/v1/inventory/SKU-1", admin, "{\"available\":10}");
    api.get("/v1/inventory/SKU-1?waitMs=10000&version=0", admin);
  }

  private static double heapUsedMb(LauncherProcess launcher) {
    String metrics = new ApiClient(launcher.baseUrl()).get("/metrics", null).text();
    return metrics.lines()
        .filter(line -> line.startsWith("jvm_memory_used_bytes{area=\"heap\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum() / (1024 * 1024);
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  private static long max(List<Long> values) {
    return values.stream().max(Comparator.naturalOrder()).orElse(0L);
  }

}
