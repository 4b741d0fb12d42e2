package io.fusioncommerce.ingress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.ingress.catalog.store.IdempotencyKeyPurge;
import io.fusioncommerce.ingress.database.PostgresFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stored Idempotency-Key answers older than 48 hours are purged, for every tenant, in bounded
 * batches, even when the purge runs as the application role that row-level security confines to one
 * tenant; younger ones stay and still replay.
 */
class IdempotencyKeyPurgeIT {

  @RegisterExtension static final PostgresFixture postgres = PostgresFixture.databaseOnly();

  /** Inserted as the application does: as the app role, inside the tenant. */
  private static void key(String tenant, String key, Duration age) {
    postgres.database().inTenant(tenant, handle -> handle.createUpdate("insert into catalog.idempotency_keys (tenant_id, scope, "
            + "idempotency_key, request_hash, response_status, response_body, created_at) values (:tenant, 'admin|post', "
            + ":key, 'h', 201, '{}'::jsonb, now() - cast(:age as interval))")
        .bind("tenant", tenant).bind("key", key).bind("age", age.toSeconds() + " seconds").execute());
  }

  /** Every tenant's keys: read as the schema owner (the pool logs in as the app role, confined to one tenant). */
  private static List<String> keys() {
    return postgres.login("postgres").withHandle(handle -> handle
        .createQuery("select tenant_id || '/' || idempotency_key from catalog.idempotency_keys order by 1")
        .mapTo(String.class).list());
  }

  @Test
  void keysOlderThanTheRetentionGoForEveryTenantAndYoungerOnesStay() {
    key("acme", "old-1", Duration.ofHours(49));
    key("globex", "old-2", Duration.ofDays(30));
    key("acme", "fresh", Duration.ofHours(47));

    // the pool's connections run as the app role, which row-level security confines to one tenant
    int deleted = postgres.database().jdbi().withHandle(handle -> handle
        .createQuery("select catalog.purge_idempotency_keys(interval '48 hours', 10)").mapTo(Integer.class).one());

    assertThat(deleted).isEqualTo(2);
    assertThat(keys()).containsExactly("acme/fresh");
  }

  @Test
  void onePurgeStatementDeletesNoMoreThanItsBatchAndTheScheduledPurgeFinishesTheRest() {
    for (int i = 0; i < 7; i++) {
      key("initech", "batch-" + i, Duration.ofDays(3));
    }
    int first = postgres.database().jdbi().withHandle(handle -> handle
        .createQuery("select catalog.purge_idempotency_keys(interval '48 hours', 3)").mapTo(Integer.class).one());
    assertThat(first).isEqualTo(3);

    new IdempotencyKeyPurge(postgres.database(), IdempotencyKeyPurge.DEFAULT_RETENTION).purgeOnce();
    assertThat(keys()).noneMatch(k -> k.startsWith("initech/"));
  }
}
