-- Outbound webhooks (ADR 0026): each tenant's subscriptions, the deliveries the webhook worker owes them
-- and every attempt it made. The deliveries table is the worker's durable queue: an event's deliveries
-- are written here before its Kafka offset is committed, and a delivery leaves the queue only when a
-- receiver answered 2xx or 24 hours of retries are over. Versioned 26 after the ADR, so the migrations
-- that other contexts add in between keep their numbers.

create schema if not exists webhooks;
grant usage on schema webhooks to fusion_app;

create table webhooks.subscriptions (
  tenant_id       text        not null,
  subscription_id text        not null,
  url             text        not null,
  events          text[]      not null,
  -- the HMAC key of the Fusion-Signature header; shown to the admin once, kept to sign every delivery
  secret          text        not null,
  active          boolean     not null default true,
  created_at      timestamptz not null,
  disabled_at     timestamptz,
  primary key (tenant_id, subscription_id)
);

create index subscriptions_active on webhooks.subscriptions (tenant_id) where active;

create table webhooks.deliveries (
  -- the queue's order: events of one resource go out in (occurred_at, seq) order per subscription
  seq             bigserial   not null unique,
  tenant_id       text        not null,
  delivery_id     text        not null,
  subscription_id text        not null,
  event_id        text        not null,
  event_type      text        not null,
  -- the resource the event is about (order:ORD-1, sku:SKU-1): a failing delivery holds back its later ones
  resource        text        not null,
  occurred_at     timestamptz not null,
  -- the exact body that is signed and sent
  payload         text        not null,
  -- PENDING until DELIVERED, or FAILED when the retries are over
  status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
  attempts        integer     not null default 0,
  next_attempt_at timestamptz not null,
  created_at      timestamptz not null,
  -- a replay is a new delivery of the same event
  replay_of       text,
  primary key (tenant_id, delivery_id),
  foreign key (tenant_id, subscription_id) references webhooks.subscriptions (tenant_id, subscription_id)
);

-- an event consumed twice (after a restart, before its offset was committed) is scheduled once
create unique index deliveries_once_per_event on webhooks.deliveries (tenant_id, subscription_id, event_type, event_id)
  where replay_of is null;
-- at most one replay of a delivery pending at a time: replaying again while it is answers that one
create unique index deliveries_one_pending_replay on webhooks.deliveries (tenant_id, replay_of)
  where status = 'PENDING' and replay_of is not null;
create index deliveries_due on webhooks.deliveries (tenant_id, next_attempt_at) where status = 'PENDING';
create index deliveries_by_resource on webhooks.deliveries (tenant_id, subscription_id, resource, occurred_at, seq)
  where status = 'PENDING';
create index deliveries_of_subscription on webhooks.deliveries (tenant_id, subscription_id, seq desc);

create table webhooks.delivery_attempts (
  tenant_id       text        not null,
  delivery_id     text        not null,
  attempt         integer     not null,
  attempted_at    timestamptz not null,
  status_code     integer,
  error           text,
  duration_ms     bigint      not null,
  -- null when the delivery succeeded or was given up
  next_attempt_at timestamptz,
  primary key (tenant_id, delivery_id, attempt),
  foreign key (tenant_id, delivery_id) references webhooks.deliveries (tenant_id, delivery_id)
);

do $$
declare
  t text;
begin
  foreach t in array array['subscriptions', 'deliveries', 'delivery_attempts'] loop
    execute format('alter table webhooks.%I enable row level security', t);
    execute format('create policy tenant_isolation on webhooks.%I to fusion_app
      using (tenant_id = current_setting(''fusion.tenant'', true))
      with check (tenant_id = current_setting(''fusion.tenant'', true))', t);
  end loop;
end
$$;

grant select, insert, update on webhooks.subscriptions, webhooks.deliveries, webhooks.delivery_attempts to fusion_app;
grant usage on sequence webhooks.deliveries_seq_seq to fusion_app;

-- The worker works tenant by tenant under row-level security; this names the tenants that have a
-- delivery due (only their ids, nothing else crosses tenants). It runs as the tables' owner.
create function webhooks.tenants_with_due_deliveries(due_by timestamptz) returns setof text
  language sql stable security definer set search_path = pg_catalog, webhooks as $$
    select distinct tenant_id from webhooks.deliveries where status = 'PENDING' and next_attempt_at <= due_by
$$;
revoke all on function webhooks.tenants_with_due_deliveries(timestamptz) from public;
grant execute on function webhooks.tenants_with_due_deliveries(timestamptz) to fusion_app;
