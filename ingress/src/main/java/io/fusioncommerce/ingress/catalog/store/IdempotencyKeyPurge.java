package io.fusioncommerce.ingress.catalog.store;

import io.fusioncommerce.ingress.database.Database;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the stored answers of Idempotency-Keys once they are older than their retention (48 hours
 * by default), on a schedule, a bounded batch at a time, through
 * {@code catalog.purge_idempotency_keys} (which may cross tenants; the application role may not).
 */
public final class IdempotencyKeyPurge implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

  /** How long a key's answer is replayed. */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(48);
  /** How often expired keys are looked for. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
  /** Rows one statement deletes at most; a run repeats statements until fewer come back. */
  public static final int BATCH = 5_000;
  /** Statements per run at most, so one run is bounded too; the next run goes on. */
  private static final int MAX_BATCHES_PER_RUN = 20;

  private final Database database;
  private final Duration retention;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "idempotency-key-purge");
    thread.setDaemon(true);
    return thread;
  });

  public IdempotencyKeyPurge(Database database, Duration retention) {
    this.database = database;
    this.retention = retention;
  }

  /** Starts purging every {@code interval}, the first time after one interval. */
  public IdempotencyKeyPurge start(Duration interval) {
    timer.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Deletes expired keys of every tenant, up to a bounded number of batches; returns how many. */
  public int purgeOnce() {
    int total = 0;
    for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      int deleted = database.jdbi().withHandle(handle -> handle
          .createQuery("select catalog.purge_idempotency_keys(cast(:older as interval), :max)")
          .bind("older", retention.toSeconds() + " seconds").bind("max", BATCH).mapTo(Integer.class).one());
      total += deleted;
      if (deleted < BATCH) {
        break;
      }
    }
    return total;
  }

  private void runQuietly() {
    try {
      int deleted = purgeOnce();
      if (deleted > 0) {
        LOG.atInfo().addKeyValue("deleted", deleted).addKeyValue("retention", retention).log("expired idempotency keys purged");
      }
    } catch (RuntimeException e) {
      LOG.warn("purging expired idempotency keys failed; trying again at the next interval", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
