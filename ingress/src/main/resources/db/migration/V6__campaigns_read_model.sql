-- The campaign list: one row per campaign, the read model GET /v1/campaigns answers from. The JDBC
-- sink (connectors/campaigns-read-model-sink.json) upserts it from the compacted topic campaigns.view
-- (CampaignListRow, camelCase to snake_case). The campaign itself, and its exact count, live in the
-- campaign topology's state store; a row follows a status change at once and a count within a second.
-- Times are `timestamp` holding UTC, as in orders.order_list (V2, ADR 0012).

create schema if not exists campaigns;
grant usage on schema campaigns to fusion_app, fusion_sink;

create table campaigns.campaign_list (
  tenant_id          text    not null,
  campaign_id        text    not null,
  sku                text    not null,
  product_name       text    not null,
  vendor_id          text    not null,
  status             text    not null,
  participants       integer not null,
  min_participants   integer not null,
  max_participants   integer,
  group_price_amount bigint  not null,
  currency           text    not null,
  starts_at          timestamp not null,  -- UTC
  ends_at            timestamp not null,  -- UTC
  created_at         timestamp not null,  -- UTC
  updated_at         timestamp not null,  -- UTC
  version            bigint  not null,
  synced_at          timestamp not null default (clock_timestamp() at time zone 'UTC'),
  primary key (tenant_id, campaign_id)
);

create index campaign_list_newest on campaigns.campaign_list (tenant_id, created_at desc, campaign_id desc);
create index campaign_list_sku on campaigns.campaign_list (tenant_id, sku, created_at desc, campaign_id desc);
create index campaign_list_status on campaigns.campaign_list (tenant_id, status, created_at desc, campaign_id desc);
create index campaign_list_vendor on campaigns.campaign_list (tenant_id, vendor_id, created_at desc, campaign_id desc);

-- never older over newer (see orders.keep_newest_order in V2)
create function campaigns.keep_newest_campaign() returns trigger
  language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.version < old.version then
    return null;
  end if;
  new.synced_at := clock_timestamp() at time zone 'UTC';
  return new;
end
$$;

create trigger keep_newest before insert or update on campaigns.campaign_list
  for each row execute function campaigns.keep_newest_campaign();

alter table campaigns.campaign_list enable row level security;
create policy tenant_isolation on campaigns.campaign_list to fusion_app
  using (tenant_id = current_setting('fusion.tenant', true));
create policy sink_writes_every_tenant on campaigns.campaign_list to fusion_sink
  using (true) with check (true);
grant select on campaigns.campaign_list to fusion_app;
grant select, insert, update on campaigns.campaign_list to fusion_sink;
