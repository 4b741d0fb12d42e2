package io.fusioncommerce.ingress.catalog.store;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The first answer to each Idempotency-Key of a synchronous POST, kept in the same transaction as
 * the change it describes, so a retry replays it and never repeats the change.
 */
public final class IdempotencyStore {

  /** A stored answer. */
  public record Answer(String requestHash, int status, String body) {}

  private final Handle handle;

  public IdempotencyStore(Handle handle) {
    this.handle = handle;
  }

  /**
   * Waits for any other transaction holding the same key, then returns its answer if it committed
   * one. Holding the lock until this transaction ends makes concurrent retries run one after another.
   */
  public Optional<Answer> lockAndFind(String tenantId, String scope, String key) {
    handle.createQuery("select pg_advisory_xact_lock(hashtextextended(:id, 0))")
        .bind("id", tenantId + "\u001f" + scope + "\u001f" + key).mapTo(String.class).one();
    return handle.createQuery("select request_hash, response_status, response_body::text from catalog.idempotency_keys "
            + "where tenant_id = :tenant and scope = :scope and idempotency_key = :key")
        .bind("tenant", tenantId).bind("scope", scope).bind("key", key)
        .map((rs, ctx) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3))).findOne();
  }

  public void save(String tenantId, String scope, String key, Answer answer) {
    handle.createUpdate("insert into catalog.idempotency_keys (tenant_id, scope, idempotency_key, request_hash, "
            + "response_status, response_body) values (:tenant, :scope, :key, :hash, :status, cast(:body as jsonb))")
        .bind("tenant", tenantId).bind("scope", scope).bind("key", key).bind("hash", answer.requestHash())
        .bind("status", answer.status()).bind("body", answer.body()).execute();
  }
}
