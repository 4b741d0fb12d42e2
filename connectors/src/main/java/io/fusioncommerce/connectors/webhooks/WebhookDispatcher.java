package io.fusioncommerce.connectors.webhooks;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the deliveries that are due: tenant by tenant, it locks the deliveries first in line for their
 * resource ({@link WebhookStore#lockDue}), POSTs them in parallel (virtual threads, each with a timeout),
 * and records every attempt in the same transaction that held the rows. A crash before that commit
 * records nothing, so the delivery is made again: at least once. A failed delivery waits for the next
 * delay of an exponential backoff with jitter (Failsafe's schedule) and is given up (FAILED) when its
 * next attempt would fall more than the retry window (24 h) after its first; while it waits, the later
 * events of the same resource for the same subscription wait behind it, other resources go on.
 */
public final class WebhookDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int BATCH = 32;
  private static final int MAX_ERROR_LENGTH = 500;
  static final String USER_AGENT = "FusionCommerce-Webhooks/1";

  private final WebhookStore store;
  private final WebhookSettings settings;
  private final WebhookTargetPolicy targets;
  private final RetryPolicy<Object> backoff;
  private final Clock clock;
  private final HttpClient http;
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private Thread thread;

  public WebhookDispatcher(WebhookStore store, WebhookSettings settings, WebhookTargetPolicy targets, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.targets = targets;
    this.clock = clock;
    this.backoff = RetryPolicy.builder()
        .withBackoff(settings.firstRetryDelay(), settings.maxRetryDelay())
        .withJitter(0.25)
        .withMaxRetries(-1)
        .build();
    this.http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER) // a redirect could point anywhere, the metadata service included
        .connectTimeout(settings.requestTimeout())
        .executor(calls)
        .build();
  }

  /** Delivers on a thread of its own every poll interval until {@link #close()}. */
  public WebhookDispatcher start() {
    thread = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::run);
    return this;
  }

  private void run() {
    while (running.get()) {
      int made = 0;
      try {
        made = runOnce();
      } catch (RuntimeException e) {
        if (running.get()) {
          LOG.warn("webhook deliveries failed this round; they are made again: {}", e.toString());
        }
      }
      if (made == 0) {
        sleep(settings.pollInterval());
      }
    }
  }

  /** One round: every delivery due now that is first in line. Returns how many attempts were made. */
  public int runOnce() {
    Instant now = clock.instant();
    int made = 0;
    for (String tenant : store.tenantsWithDueDeliveries(now)) {
      made += store.inTenant(tenant, h -> {
        List<WebhookStore.Due> due = store.lockDue(h, tenant, now, BATCH);
        List<Future<Outcome>> calls = new ArrayList<>();
        for (WebhookStore.Due delivery : due) {
          calls.add(this.calls.submit(() -> deliver(delivery)));
        }
        for (int i = 0; i < due.size(); i++) {
          record(h, due.get(i), outcome(calls.get(i)));
        }
        return due.size();
      });
    }
    return made;
  }

  /** What one attempt came to. */
  private record Outcome(Instant at, Integer statusCode, String error, long durationMs) {
    boolean delivered() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }

  private Outcome deliver(WebhookStore.Due due) {
    Instant at = clock.instant();
    long started = System.nanoTime();
    // checked again now: the name may resolve elsewhere than when the subscription was made
    Optional<String> refused = targets.refusal(due.url());
    if (refused.isPresent()) {
      return new Outcome(at, null, "target refused: " + refused.get(), 0);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(due.url()))
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", USER_AGENT)
        .header(WebhookSignature.HEADER, WebhookSignature.header(due.secret(), at, due.payload()))
        .header(WebhookSignature.EVENT_ID_HEADER, due.eventId())
        .POST(HttpRequest.BodyPublishers.ofString(due.payload()))
        .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      long ms = elapsedMs(started);
      int code = response.statusCode();
      return new Outcome(at, code, code >= 200 && code < 300 ? null : "HTTP " + code, ms);
    } catch (HttpTimeoutException e) {
      return new Outcome(at, null, "timed out after " + settings.requestTimeout().toMillis() + " ms", elapsedMs(started));
    } catch (IOException e) {
      return new Outcome(at, null, abbreviate(e.toString()), elapsedMs(started));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(at, null, "interrupted", elapsedMs(started));
    }
  }

  private Outcome outcome(Future<Outcome> call) {
    try {
      return call.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while delivering", e);
    } catch (ExecutionException e) {
      return new Outcome(clock.instant(), null, abbreviate(e.getCause().toString()), 0);
    }
  }

  private void record(org.jdbi.v3.core.Handle h, WebhookStore.Due due, Outcome outcome) {
    if (outcome.delivered()) {
      store.recordAttempt(h, due, outcome.at(), outcome.statusCode(), null, outcome.durationMs(), "DELIVERED", null);
      return;
    }
    Instant first = due.firstAttemptAt() != null ? due.firstAttemptAt() : outcome.at();
    Instant next = outcome.at().plus(delayAfter(due.attempts() + 1));
    boolean givenUp = next.isAfter(first.plus(settings.retryWindow()));
    if (givenUp) {
      LOG.atWarn().addKeyValue("tenant", due.tenantId()).addKeyValue("delivery", due.deliveryId())
          .log("webhook delivery given up after {} attempts: {}", due.attempts() + 1, outcome.error());
    }
    store.recordAttempt(h, due, outcome.at(), outcome.statusCode(), outcome.error(), outcome.durationMs(),
        givenUp ? "FAILED" : "PENDING", givenUp ? null : next);
  }

  /** The backoff's delay after {@code failures} failed attempts (with jitter). */
  Duration delayAfter(int failures) {
    Execution<Object> execution = Execution.of(backoff);
    for (int i = 0; i < failures; i++) {
      execution.recordException(new IOException("failed attempt"));
    }
    return execution.getDelay();
  }

  private static long elapsedMs(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running.set(false);
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    calls.shutdownNow();
    http.close();
  }
}
