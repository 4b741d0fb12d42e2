-- The order list: one row per order, the read model GET /v1/orders answers from. The JDBC sink
-- (connectors/orders-read-model-sink.json) upserts it from the compacted topic orders.view, whose
-- OrderView fields become these columns (camelCase to snake_case); nothing else writes it. The order
-- itself lives in the order topology's state store; this table may lag it by the sink's delay.
--
-- Times are `timestamp` holding UTC, not `timestamptz`: the sink binds Connect timestamps as zone-less
-- date-times in UTC, which a timestamptz column would read in the session's time zone (the Connect
-- worker JVM's), shifting every row written by a worker that does not run in UTC. See ADR 0012.

-- The role the sink writes as (its connecting user is granted it in production; embedded mode
-- connects as the tables' owner). It writes every tenant's rows: it is the pipe they all arrive through.
do $$
begin
  if not exists (select from pg_roles where rolname = 'fusion_sink') then
    create role fusion_sink nologin nosuperuser nobypassrls;
  end if;
end
$$;

create extension if not exists btree_gin;

create schema if not exists orders;
grant usage on schema orders to fusion_app, fusion_sink;

create table orders.order_list (
  tenant_id             text    not null,
  order_id              text    not null,
  customer_id           text    not null,
  status                text    not null,
  total_amount          bigint  not null,
  currency              text    not null,
  item_count            integer not null,
  -- the vendor parts, parallel arrays sorted by vendor id: vendor_subtotals[i] and
  -- vendor_item_counts[i] belong to vendors[i]
  vendors               text[]  not null default '{}',
  vendor_subtotals      bigint[] not null default '{}',
  vendor_item_counts    bigint[] not null default '{}',
  organization_id       text,
  purchase_order_number text,
  rejection_reason      text,
  created_at            timestamp not null,  -- UTC
  updated_at            timestamp not null,  -- UTC: when the order last changed status
  version               bigint  not null,
  -- when the sink last wrote the row (UTC), set by the trigger below: how stale the list is
  synced_at             timestamp not null default (clock_timestamp() at time zone 'UTC'),
  primary key (tenant_id, order_id)
);

-- Newest first, with the order id as a tie-breaker: the list's order and its keyset cursor.
create index order_list_newest on orders.order_list (tenant_id, created_at desc, order_id desc);
create index order_list_customer on orders.order_list (tenant_id, customer_id, created_at desc, order_id desc);
create index order_list_organization on orders.order_list (tenant_id, organization_id, created_at desc, order_id desc)
  where organization_id is not null;
create index order_list_status on orders.order_list (tenant_id, status, created_at desc, order_id desc);
-- vendorId filters (vendors @> array[...]); btree_gin puts the tenant into the same index
create index order_list_vendors on orders.order_list using gin (tenant_id, vendors);

-- Never older over newer. The sink's upsert (INSERT ... ON CONFLICT DO UPDATE) cannot carry a
-- condition, so the table keeps the newer row itself: an update that would lower the version
-- changes nothing. (Records of one order arrive in order anyway: one key, one partition, one task;
-- this guards replays after a connector reset and a second sink writing the same table.)
create function orders.keep_newest_order() returns trigger
  language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.version < old.version then
    return null;
  end if;
  new.synced_at := clock_timestamp() at time zone 'UTC';
  return new;
end
$$;

create trigger keep_newest before insert or update on orders.order_list
  for each row execute function orders.keep_newest_order();

-- Row-level security: the application sees only the tenant set for its transaction, and only reads;
-- the sink writes every tenant.
alter table orders.order_list enable row level security;
create policy tenant_isolation on orders.order_list to fusion_app
  using (tenant_id = current_setting('fusion.tenant', true));
create policy sink_writes_every_tenant on orders.order_list to fusion_sink
  using (true) with check (true);
grant select on orders.order_list to fusion_app;
grant select, insert, update on orders.order_list to fusion_sink;
