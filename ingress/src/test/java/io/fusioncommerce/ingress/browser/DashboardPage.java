package io.fusioncommerce.ingress.browser;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The operator's dashboard as a user works it: open it, sign in with the development form, read a tile. */
public final class DashboardPage {

  private final WebDriver browser;
  private final WebDriverWait wait;

  public DashboardPage(WebDriver browser, Duration patience) {
    this.browser = browser;
    this.wait = new WebDriverWait(browser, patience);
  }

  /** Opens {@code baseUrl}/dashboard and waits for the sign-in form. */
  public DashboardPage open(String baseUrl) {
    browser.get(baseUrl + "/dashboard");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dev-form")));
    return this;
  }

  /** Signs in through the development form (embedded mode) as {@code user} of {@code tenant} with {@code role}. */
  public DashboardPage signIn(String tenant, String user, String role) {
    type("dev-tenant", tenant);
    type("dev-user", user);
    new Select(browser.findElement(By.id("dev-role"))).selectByValue(role);
    browser.findElement(By.id("dev-submit")).click();
    return this;
  }

  /** Waits until the element {@code id} shows exactly {@code text}. */
  public void awaitText(String id, String text) {
    wait.until(ExpectedConditions.textToBe(By.id(id), text));
  }

  /** Waits until the element {@code id} contains {@code text}. */
  public void awaitContains(String id, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
  }

  public String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private void type(String id, String text) {
    browser.findElement(By.id(id)).clear();
    browser.findElement(By.id(id)).sendKeys(text);
  }
}
