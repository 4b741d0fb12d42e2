package io.fusioncommerce.e2e.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.e2e.launcher.LauncherProcess;
import io.fusioncommerce.e2e.platform.OwnPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black box: the launcher as its own process, driven over HTTP like a client, stopped with SIGTERM and
 * with SIGKILL, restarted on the same data dir.
 */
@OwnPlatform // the launcher runs as its own process here
class LauncherJourneyIT {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void stockSurvivesCleanStopsAndCrashesAndChildrenNeverOutliveTheLauncher() {
    Path data = dir.resolve("data");

    List<ProcessHandle> children;
    try (LauncherProcess launcher = LauncherProcess.start(data, START_TIMEOUT)) {
      ApiClient api = new ApiClient(launcher.baseUrl());
      String admin = api.token("acme", "admin-1", "admin");
      assertThat(api.put("/v1/inventory/SKU-1", admin, "{\"available\":100,\"lowStockThreshold\":5}").status()).isEqualTo(202);
      assertThat(api.get("/v1/inventory/SKU-1?waitMs=10000&version=0", admin).json().path("available").asLong()).isEqualTo(100);

      children = launcher.children();
      assertThat(children).as("Postgres and the schema registry run as children").isNotEmpty();
      launcher.stop(Duration.ofSeconds(60));
    }
    assertThat(children).noneMatch(ProcessHandle::isAlive);

    try (LauncherProcess restarted = LauncherProcess.start(data, START_TIMEOUT)) {
      ApiClient api = new ApiClient(restarted.baseUrl());
      String customer = api.token("acme", "shopper-1", "customer");
      assertThat(api.get("/v1/inventory/SKU-1", customer).json().path("available").asLong()).isEqualTo(100);

      List<ProcessHandle> crashedChildren = restarted.children();
      restarted.kill();
      await().atMost(Duration.ofSeconds(5)).until(() -> crashedChildren.stream().noneMatch(ProcessHandle::isAlive));
    }

    try (LauncherProcess afterCrash = LauncherProcess.start(data, START_TIMEOUT)) {
      ApiClient api = new ApiClient(afterCrash.baseUrl());
      String admin = api.token("acme", "admin-1", "admin");
      assertThat(api.get("/v1/inventory/SKU-1", admin).json().path("available").asLong()).isEqualTo(100);
      api.put("/v1/inventory/SKU-1", admin, "{\"available\":60}");
      assertThat(api.get("/v1/inventory/SKU-1?waitMs=10000&version=1", admin).json().path("available").asLong()).isEqualTo(60);
    }
  }
}
