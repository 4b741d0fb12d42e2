package io.fusioncommerce.ingress.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.analytics.live.CampaignProgress;
import io.fusioncommerce.analytics.live.LiveFigures;
import io.fusioncommerce.analytics.live.LiveMinute;
import io.fusioncommerce.analytics.live.LowStockSku;
import io.fusioncommerce.analytics.query.CampaignPoint;
import io.fusioncommerce.analytics.query.Granularity;
import io.fusioncommerce.analytics.query.SalesPoint;
import io.fusioncommerce.analytics.query.TopProduct;
import io.fusioncommerce.ingress.TestServer;
import io.fusioncommerce.ingress.browser.DashboardPage;
import io.fusioncommerce.ingress.browser.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless chromium through chromedriver): sign in with the
 * development form, see the live tiles and the history, see a tile change when the live figures change.
 * The analytics store and the live figures are fakes here; the full-platform version places real orders.
 * Skipped with a message when chromium or chromedriver is not installed, unless FUSION_REQUIRE_BROWSER=true
 * (set by .ci/run once it has installed them), where a missing browser fails.
 */
class DashboardBrowserIT {

  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  TestServer server;
  FakeAnalytics analytics = new FakeAnalytics();
  HeadlessChromium chromium;
  WebDriver browser;

  @BeforeEach
  void start() {
    chromium = HeadlessChromium.startOrSkip();
    browser = chromium.driver();
    server = TestServer.start(dir, List.of(new AnalyticsRoutes(analytics),
        new LiveRoutes(analytics, LiveSettings.defaults()), new DashboardRoutes()));
  }

  @AfterEach
  void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anOperatorSignsInSeesTheTilesAndHistoryAndATileChangesWithTheFigures() throws Exception {
    Instant now = Instant.now();
    analytics.live.put("acme", figures("acme", now, 0));
    analytics.salesByGranularity.put(Granularity.MINUTE, sales(now, ChronoUnit.MINUTES, 60, 15_000));
    analytics.salesByGranularity.put(Granularity.DAY, sales(now, ChronoUnit.DAYS, 30, 1_900_000));
    analytics.topProducts = List.of(new TopProduct("TEE-BLK-M", "v-threads", 41, 96, 249_600, "USD"),
        new TopProduct("MUG-ENAMEL", "v-home", 30, 55, 82_500, "USD"),
        new TopProduct("SOCK-3PK", "v-threads", 22, 40, 47_960, "USD"));
    analytics.campaign = List.of(new CampaignPoint(now.minus(2, ChronoUnit.HOURS), 6, 14, 0),
        new CampaignPoint(now.minus(1, ChronoUnit.HOURS), 9, 21, 0), new CampaignPoint(now, 4, 8, 1));

    new DashboardPage(browser, WAIT).open(server.baseUrl()).signIn("acme", "ops-lead", "admin");
    WebDriverWait wait = new WebDriverWait(browser, WAIT);

    long placed = totalPlaced(figures("acme", now, 0));
    wait.until(ExpectedConditions.textToBe(By.id("tile-orders"), Long.toString(placed)));
    assertThat(browser.findElement(By.id("tile-revenue")).getText()).startsWith("$");
    assertThat(browser.findElement(By.id("who")).getText()).contains("ops-lead").contains("acme");
    assertThat(browser.findElement(By.id("low-stock")).getText()).contains("MUG-ENAMEL");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("top-products"), "TEE-BLK-M"));
    assertThat(browser.findElement(By.id("top-products")).getText()).contains("$2,496.00");
    assertThat(browser.findElement(By.id("history-state")).isDisplayed()).isFalse();

    analytics.live.put("acme", figures("acme", now, 7)); // seven more orders in the last minute
    wait.until(ExpectedConditions.textToBe(By.id("tile-orders"), Long.toString(placed + 7)));
    assertThat(browser.findElement(By.id("live-state")).getText()).startsWith("Live");

    Thread.sleep(500); // the charts' entry animation
    chromium.screenshot(Path.of("target", "dashboard.png"));
  }

  @Test
  void whileTheAnalyticsStoreStartsTheHistorySaysSoAndTheLiveTilesStillWork() {
    analytics.available = false;
    analytics.live.put("acme", figures("acme", Instant.now(), 0));
    new DashboardPage(browser, WAIT).open(server.baseUrl()).signIn("acme", "ana", "analyst");
    WebDriverWait wait = new WebDriverWait(browser, WAIT);

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history-state"), "Analytics starting"));
    wait.until(ExpectedConditions.textToBe(By.id("tile-orders"),
        Long.toString(totalPlaced(figures("acme", Instant.now(), 0)))));
  }

  @Test
  void anOperatorSeesTheLiveTilesAndTheSalesHistory() {
    analytics.live.put("acme", figures("acme", Instant.now(), 0));
    new DashboardPage(browser, WAIT).open(server.baseUrl()).signIn("acme", "ops", "operator");
    WebDriverWait wait = new WebDriverWait(browser, WAIT);

    wait.until(ExpectedConditions.textToBe(By.id("tile-orders"),
        Long.toString(totalPlaced(figures("acme", Instant.now(), 0)))));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("history-state")));
    assertThat(analytics.asked).isNotEmpty();
  }

  private static long totalPlaced(LiveFigures figures) {
    return figures.minutes().stream().mapToLong(LiveMinute::ordersPlaced).sum();
  }

  /** An hour of a shop's orders, minute by minute; {@code extra} more orders in the newest minute. */
  static LiveFigures figures(String tenant, Instant now, long extra) {
    Instant hourAgo = now.truncatedTo(ChronoUnit.MINUTES).minus(59, ChronoUnit.MINUTES);
    List<LiveMinute> minutes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long placed = 4 + (i * 7 % 11) + (i > 45 ? 6 : 0) + (i == 59 ? extra : 0);
      long rejected = i % 9 == 0 ? 1 : 0;
      long confirmed = placed - rejected;
      minutes.add(new LiveMinute(hourAgo.plus(i, ChronoUnit.MINUTES), placed, confirmed, rejected, confirmed * 2,
          Map.of("USD", confirmed * 3_450L, "EUR", confirmed * 410L),
          rejected == 0 ? Map.of() : Map.of(i % 2 == 0 ? "INSUFFICIENT_STOCK" : "QUANTITY_LIMIT_EXCEEDED", rejected),
          38L + i % 5, 160L + i % 13 * 9));
    }
    return new LiveFigures(tenant, now, minutes,
        List.of(new LowStockSku("MUG-ENAMEL", "v-home", 3, 10, hourAgo), new LowStockSku("TEE-WHT-S", "v-threads", 1, 5, hourAgo)),
        List.of(new CampaignProgress("spring-bundle", "SOCK-3PK", 64, 100, now.plus(2, ChronoUnit.DAYS)),
            new CampaignProgress("mug-group", "MUG-ENAMEL", 18, 50, now.plus(5, ChronoUnit.HOURS))));
  }

  /** {@code buckets} buckets of sales in USD (and a little in EUR) ending now, around {@code typical} cents each. */
  static List<SalesPoint> sales(Instant now, ChronoUnit unit, int buckets, long typical) {
    List<SalesPoint> points = new ArrayList<>();
    Instant last = now.truncatedTo(unit);
    for (int i = 0; i < buckets; i++) {
      Instant time = last.minus(buckets - 1 - i, unit);
      long wave = typical / 10 * ((i * 7 % 11) + (i * 3 % 5));
      points.add(new SalesPoint(time, null, 5, 9, typical + wave, "USD"));
      points.add(new SalesPoint(time, null, 1, 2, typical / 6 + wave / 8, "EUR"));
    }
    return points;
  }
}
