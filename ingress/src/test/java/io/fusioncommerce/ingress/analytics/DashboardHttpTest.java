package io.fusioncommerce.ingress.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.ingress.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's files: served without a token, only its own, under a policy that runs only its own scripts. */
class DashboardHttpTest {

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, List.of(new DashboardRoutes()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void thePageItsFilesAndTheChartLibraryAreServedUnderAStrictPolicy() {
    TestServer.Response page = server.get("/dashboard", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
        .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    for (String asset : List.of("/dashboard/dashboard.js", "/dashboard/dashboard.css")) {
      assertThat(server.get(asset, null).status()).as(asset).isEqualTo(200);
    }
    Matcher echarts = Pattern.compile("src=\"(/webjars/echarts/[^\"]+)\"").matcher(page.body());
    assertThat(echarts.find()).as("the page names the ECharts webjar with its version").isTrue();
    assertThat(echarts.group(1)).doesNotContain("${");
    assertThat(server.get(echarts.group(1), null).status()).isEqualTo(200);
  }

  @Test
  void nothingElseOfTheClassPathIsServed() {
    for (String path : List.of("/dashboard/index.html", "/dashboard/..%2Flogback-test.xml", "/dashboard/secret.json",
        "/dashboard/%2e%2e%2fdb%2fmigration%2fV1__catalog.sql")) {
      assertThat(server.get(path, null).status()).as(path).isEqualTo(404);
    }
  }
}
