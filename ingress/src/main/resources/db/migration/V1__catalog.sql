-- The catalog: what vendors and admins edit. Debezium streams catalog.products and catalog.tenants
-- into Kafka (connectors/catalog-source.json); the catalog topology turns the changes into events.

create extension if not exists pg_trgm;

-- The role every application query runs as. Row-level security applies to it (it neither owns the
-- tables nor bypasses RLS); the connecting user owns the schema and is granted membership.
do $$
begin
  if not exists (select from pg_roles where rolname = 'fusion_app') then
    create role fusion_app nologin nosuperuser nobypassrls;
  end if;
end
$$;
grant fusion_app to current_user;

create schema if not exists catalog;
grant usage on schema catalog to fusion_app;

-- A tenant's settings. A tenant without a row has the defaults.
create table catalog.tenants (
  tenant_id          text primary key,
  requires_approval  boolean not null default false,
  order_hold_seconds bigint check (order_hold_seconds is null or order_hold_seconds between 60 and 604800),
  house_vendor_id    text not null default 'house',
  version            bigint not null default 1,
  updated_at         timestamptz not null default now()
);

create table catalog.vendors (
  tenant_id  text not null,
  vendor_id  text not null,
  name       text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, vendor_id)
);

-- A tree of any depth. path holds the ids from the root down to the category itself, so a subtree
-- is every category whose path contains the root's id (GIN index on path).
create table catalog.categories (
  tenant_id   text not null,
  category_id text not null,
  name        text not null,
  parent_id   text,
  path        text[] not null,
  created_at  timestamptz not null default now(),
  primary key (tenant_id, category_id),
  foreign key (tenant_id, parent_id) references catalog.categories (tenant_id, category_id)
);
create index categories_path on catalog.categories using gin (path);

create table catalog.products (
  tenant_id        text not null,
  sku              text not null,
  vendor_id        text not null,
  name             text not null,
  description      text,
  price_amount     bigint not null check (price_amount >= 0),
  currency         char(3) not null,
  category_ids     text[] not null default '{}',
  attributes       jsonb not null default '{}'::jsonb check (jsonb_typeof(attributes) = 'object'),
  -- [{"sku":..,"options":{..},"price":{"amount":..,"currency":..}|null}]; each variant SKU is also in catalog.skus
  variants         jsonb not null default '[]'::jsonb check (jsonb_typeof(variants) = 'array'),
  media            jsonb not null default '[]'::jsonb check (jsonb_typeof(media) = 'array'),
  status           text not null check (status in ('PENDING', 'ACTIVE', 'REJECTED', 'ARCHIVED')),
  rejection_reason text,
  version          bigint not null default 1,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  search           tsvector generated always as (
                     setweight(to_tsvector('english', name), 'A')
                     || setweight(to_tsvector('english', coalesce(description, '')), 'B')
                     || setweight(jsonb_to_tsvector('english', attributes, '["string"]'), 'C')) stored,
  primary key (tenant_id, sku),
  foreign key (tenant_id, vendor_id) references catalog.vendors (tenant_id, vendor_id)
);
create index products_search on catalog.products using gin (search);
create index products_name_trgm on catalog.products using gin (name gin_trgm_ops);
create index products_categories on catalog.products using gin (category_ids);
create index products_attributes on catalog.products using gin (attributes jsonb_path_ops);
create index products_vendor on catalog.products (tenant_id, vendor_id);
create index products_status_sku on catalog.products (tenant_id, status, sku);
create index products_price on catalog.products (tenant_id, price_amount);

-- Every orderable SKU of a tenant, products and variants alike: one SKU names one thing.
create table catalog.skus (
  tenant_id   text not null,
  sku         text not null,
  product_sku text not null,
  primary key (tenant_id, sku),
  foreign key (tenant_id, product_sku) references catalog.products (tenant_id, sku) on delete cascade
    deferrable initially deferred
);
create index skus_product on catalog.skus (tenant_id, product_sku);

-- Debezium needs the old row on updates to see which variants went away.
alter table catalog.products replica identity full;

-- Row-level security: fusion_app sees and writes only the rows of the tenant set for its transaction.
do $$
declare
  t text;
begin
  foreach t in array array['tenants', 'vendors', 'categories', 'products', 'skus'] loop
    execute format('alter table catalog.%I enable row level security', t);
    execute format('create policy tenant_isolation on catalog.%I to fusion_app
                      using (tenant_id = current_setting(''fusion.tenant'', true))
                      with check (tenant_id = current_setting(''fusion.tenant'', true))', t);
    execute format('grant select, insert, update, delete on catalog.%I to fusion_app', t);
  end loop;
end
$$;
