-- Idempotency keys of synchronous catalog writes are kept 48 hours (issue 10: state grows without
-- bound). A client retries within minutes; after two days a repeated key is a new request.
create index idempotency_keys_created_at on catalog.idempotency_keys (created_at);

-- Purges expired keys of every tenant, oldest first, at most max_rows per call so one call never
-- holds locks for long. It runs as the table's owner (row-level security would otherwise limit it to
-- one tenant); the application role may call it and nothing else of the kind.
create function catalog.purge_idempotency_keys(older_than interval, max_rows int) returns int
language sql security definer set search_path = catalog, pg_temp as $$
  with expired as (
    select tenant_id, scope, idempotency_key from catalog.idempotency_keys
    where created_at < now() - older_than
    order by created_at
    limit max_rows
  ), gone as (
    delete from catalog.idempotency_keys k using expired e
    where k.tenant_id = e.tenant_id and k.scope = e.scope and k.idempotency_key = e.idempotency_key
    returning 1
  )
  select count(*)::int from gone;
$$;
revoke all on function catalog.purge_idempotency_keys(interval, int) from public;
grant execute on function catalog.purge_idempotency_keys(interval, int) to fusion_app;
