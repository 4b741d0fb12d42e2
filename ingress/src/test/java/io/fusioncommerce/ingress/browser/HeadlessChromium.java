package io.fusioncommerce.ingress.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real browser for the dashboard's tests: Debian's headless chromium through its chromedriver. Where
 * they are not installed the test is skipped with the command that installs them, unless
 * FUSION_REQUIRE_BROWSER=true (set by .ci/run once it has installed them), where a missing browser fails.
 */
public final class HeadlessChromium implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver driver;

  private HeadlessChromium(WebDriver driver) {
    this.driver = driver;
  }

  /** Starts the browser, or skips the calling test where it is missing and not required. */
  public static HeadlessChromium startOrSkip() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && !"true".equals(System.getenv("FUSION_REQUIRE_BROWSER"))) {
      Assumptions.abort("the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
          + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver");
    }
    assertThat(installed).as("chromium and chromedriver are installed").isTrue();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        // root in a container has no user namespaces for chromium's sandbox
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1640",
            "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new HeadlessChromium(new ChromeDriver(service, options));
  }

  public WebDriver driver() {
    return driver;
  }

  /** Saves what the browser shows now as a PNG at {@code file}. */
  public void screenshot(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(file)).isPositive();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints the browser's console (failed fetches included) to the test output, then quits. */
  @Override
  public void close() {
    driver.manage().logs().get(LogType.BROWSER).forEach(System.out::println);
    driver.quit();
  }
}
