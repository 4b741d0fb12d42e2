-- What a bulk import pays per product, measured at 100,000 products (docs/BENCHMARKS.md).
--
-- 1. Indexes no query can use. Under row-level security the planner may not evaluate a query's own
--    non-LEAKPROOF conditions (&&, @>, %) before the policy's, so as fusion_app the GIN indexes on
--    category_ids and attributes are never chosen (EXPLAIN shows a scan of the tenant's rows instead),
--    and the trigram index on name lost its only user when typo tolerance moved to catalog.search_words
--    (V7). Each of them was updated on every insert all the same; the full-text index stays, read by
--    catalog.matching_products (V8).
drop index catalog.products_name_trgm;
drop index catalog.products_categories;
drop index catalog.products_attributes;

-- 2. The vocabulary of product names, kept per statement instead of per row: a batch of 500 inserted
--    products runs one insert into catalog.search_words rather than 500 trigger calls. (A trigger with
--    transition tables cannot name columns, so the update trigger compares the names itself.)
drop trigger remember_name_words on catalog.products;
drop function catalog.remember_name_words();

create function catalog.remember_inserted_name_words() returns trigger
  language plpgsql as $$
begin
  insert into catalog.search_words (tenant_id, word)
    select distinct i.tenant_id, w from inserted i cross join lateral catalog.name_words(i.name) w
    on conflict do nothing;
  return null;
end
$$;

create function catalog.remember_renamed_name_words() returns trigger
  language plpgsql as $$
begin
  insert into catalog.search_words (tenant_id, word)
    select distinct n.tenant_id, w
    from renamed n join previous o on o.tenant_id = n.tenant_id and o.sku = n.sku
    cross join lateral catalog.name_words(n.name) w
    where n.name is distinct from o.name
    on conflict do nothing;
  return null;
end
$$;

create trigger remember_inserted_name_words after insert on catalog.products
  referencing new table as inserted
  for each statement execute function catalog.remember_inserted_name_words();
create trigger remember_renamed_name_words after update on catalog.products
  referencing old table as previous new table as renamed
  for each statement execute function catalog.remember_renamed_name_words();

-- 3. catalog.skus grows as fast as catalog.products (a row per product and variant): its statistics are
--    refreshed with the products' after a bulk import, so look-ups by SKU are planned for its real size.
create or replace function catalog.refresh_product_statistics() returns void
  language plpgsql security definer set search_path = pg_catalog, pg_temp
  as $$
begin
  perform gin_clean_pending_list('catalog.products_search'::regclass);
  analyze catalog.products;
  analyze catalog.skus;
  analyze catalog.search_words;
end
$$;
revoke all on function catalog.refresh_product_statistics() from public;
grant execute on function catalog.refresh_product_statistics() to fusion_app;
