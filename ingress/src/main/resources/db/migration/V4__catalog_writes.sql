-- Who changed a product last, and the request that did it: Debezium carries both into the catalog
-- events (actor, correlationId), so a product.updated event can be traced to its HTTP request.
alter table catalog.products add column updated_by text;
alter table catalog.products add column correlation_id text;

-- Idempotency-Key for synchronous POSTs: the first answer is kept and replayed for a retry with the
-- same key and body; a different body under the same key is refused.
create table catalog.idempotency_keys (
  tenant_id       text not null,
  scope           text not null,   -- caller and operation
  idempotency_key text not null,
  request_hash    text not null,
  response_status int not null,
  response_body   jsonb not null,
  created_at      timestamptz not null default now(),
  primary key (tenant_id, scope, idempotency_key)
);
alter table catalog.idempotency_keys enable row level security;
create policy tenant_isolation on catalog.idempotency_keys to fusion_app
  using (tenant_id = current_setting('fusion.tenant', true))
  with check (tenant_id = current_setting('fusion.tenant', true));
grant select, insert, delete on catalog.idempotency_keys to fusion_app;
