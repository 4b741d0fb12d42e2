package io.fusioncommerce.e2e.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.launcher.LauncherProcess;
import io.fusioncommerce.e2e.platform.OwnPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `fusion start` with analytics on, killed with SIGKILL once Druid answers: its shutdown hooks never run,
 * and still ZooKeeper and Druid's four services (children in sessions of their own) are all gone, stopped
 * by their guard, as Postgres and the registry are by theirs.
 */
@OwnPlatform // the launcher runs as its own process here
class AnalyticsLauncherCrashIT {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  /** Druid starts after the core; the guard gives each service up to a minute to stop before KILL. */
  private static final Duration DRUID_WITHIN = Duration.ofMinutes(5);

  @TempDir Path dir;

  @Test
  void druidsChildrenDoNotOutliveAKilledLauncher() {
    try (LauncherProcess launcher = LauncherProcess.start(dir.resolve("data"), START_TIMEOUT,
        Map.of("FUSION_ANALYTICS", "on"))) {
      ApiClient api = new ApiClient(launcher.baseUrl());
      String admin = api.token("acme", "admin-1", "admin");
      await().atMost(DRUID_WITHIN).pollInterval(Duration.ofSeconds(1))
          .until(() -> api.get("/v1/analytics/sales", admin).status() == 200);

      List<ProcessHandle> children = launcher.children();
      assertThat(children.stream().map(child -> child.info().commandLine().orElse("")))
          .as("ZooKeeper and the four Druid services run as the launcher's children")
          .anySatisfy(command -> assertThat(command).contains("org.apache.zookeeper.server.ZooKeeperServerMain"))
          .filteredOn(command -> command.contains("org.apache.druid.cli.Main")).hasSize(4);

      launcher.kill();
      await().atMost(DRUID_WITHIN).pollInterval(Duration.ofSeconds(1))
          .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }
  }
}
