-- Notifications (issue 14, ADR 0025). The mail worker's ledger of what it sent (one row per tenant and
-- event: the row that makes a redelivered event send nothing), each tenant's sender and branding, the
-- e-mail of each order (for mails of events that do not carry it, such as a refund's), and vendors'
-- e-mail addresses. The worker writes through the application pool (fusion_app) with the event's tenant
-- set for its transaction, so row-level security holds for its writes as for every read.

create schema if not exists notifications;
grant usage on schema notifications to fusion_app;

create table notifications.sent (
  tenant_id  text not null,
  event_id   text not null,
  kind       text not null,
  recipient  text not null check (length(recipient) <= 254),
  subject    text not null,
  message_id text not null,
  order_id   text,
  sku        text,
  sent_at    timestamptz not null,
  primary key (tenant_id, event_id)
);
-- the list (newest first, event id as the tie-breaker of its keyset cursor), whole or for one recipient
create index sent_newest on notifications.sent (tenant_id, sent_at desc, event_id desc);
create index sent_by_recipient on notifications.sent (tenant_id, recipient, sent_at desc, event_id desc);

create table notifications.senders (
  tenant_id    text primary key,
  from_name    text not null check (length(from_name) between 1 and 100),
  from_address text not null check (length(from_address) between 3 and 254),
  brand_name   text not null check (length(brand_name) between 1 and 100),
  accent_color text not null check (accent_color ~ '^#[0-9a-fA-F]{6}$'),
  footer       text not null default '' check (length(footer) <= 500),
  updated_at   timestamptz not null default now()
);

create table notifications.order_recipients (
  tenant_id text not null,
  order_id  text not null,
  email     text not null check (length(email) <= 254),
  primary key (tenant_id, order_id)
);

alter table catalog.vendors add column email text check (email is null or length(email) <= 254);

do $$
declare
  t text;
begin
  foreach t in array array['sent', 'senders', 'order_recipients'] loop
    execute format('alter table notifications.%I enable row level security', t);
    execute format('create policy tenant_isolation on notifications.%I to fusion_app
                      using (tenant_id = current_setting(''fusion.tenant'', true))
                      with check (tenant_id = current_setting(''fusion.tenant'', true))', t);
  end loop;
end
$$;
-- what was sent is never changed nor removed by the application
grant select, insert on notifications.sent to fusion_app;
grant select, insert, update on notifications.senders, notifications.order_recipients to fusion_app;
