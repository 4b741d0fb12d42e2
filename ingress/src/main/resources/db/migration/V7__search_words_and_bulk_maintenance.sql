-- Bulk imports and search, measured at 100,000 products (docs/BENCHMARKS.md):
--
-- 1. GIN indexes merge their fast-update pending list into the index on vacuum; until then every search
--    scans it. V5 turned fast update off, which kept searches fast but made every insert pay for the
--    merge, row by row. Merging in bulk is far cheaper: fast update is on again, and a bulk import ends
--    by merging the pending lists at once (refresh_product_statistics below), so a search never meets
--    a long list; the few entries single edits add wait for autovacuum.
alter index catalog.products_search reset (fastupdate);
alter index catalog.products_name_trgm reset (fastupdate);
alter index catalog.products_categories reset (fastupdate);
alter index catalog.products_attributes reset (fastupdate);

create or replace function catalog.refresh_product_statistics() returns void
  language plpgsql security definer set search_path = pg_catalog, pg_temp
  as $$
begin
  perform gin_clean_pending_list('catalog.products_search'::regclass);
  perform gin_clean_pending_list('catalog.products_name_trgm'::regclass);
  perform gin_clean_pending_list('catalog.products_categories'::regclass);
  perform gin_clean_pending_list('catalog.products_attributes'::regclass);
  analyze catalog.products;
end
$$;
revoke all on function catalog.refresh_product_statistics() from public;
grant execute on function catalog.refresh_product_statistics() to fusion_app;

-- 2. Typo tolerance. Trigram similarity of a query against every product name is slow at size (the
--    trigrams of a short word are shared by much of the catalog) and misses transpositions. Instead,
--    a search whose words match nothing corrects each word against the tenant's own vocabulary (the
--    distinct words of its product names, a few thousand rows) by edit distance, then searches again.
create extension if not exists fuzzystrmatch;

create table catalog.search_words (
  tenant_id text not null,
  word      text not null,
  primary key (tenant_id, word)
);
create index search_words_length on catalog.search_words (tenant_id, length(word));

alter table catalog.search_words enable row level security;
create policy tenant_isolation on catalog.search_words to fusion_app
  using (tenant_id = current_setting('fusion.tenant', true))
  with check (tenant_id = current_setting('fusion.tenant', true));
grant select, insert on catalog.search_words to fusion_app;

-- the words of a name as the search knows them: lower case, letters and digits, three or more
create function catalog.name_words(name text) returns setof text
  language sql immutable
  as $$ select distinct w from regexp_split_to_table(lower(name), '[^[:alnum:]]+') w where length(w) >= 3 $$;

create function catalog.remember_name_words() returns trigger
  language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.name is distinct from old.name then
    insert into catalog.search_words (tenant_id, word)
      select new.tenant_id, w from catalog.name_words(new.name) w
      on conflict do nothing;
  end if;
  return null;
end
$$;

create trigger remember_name_words after insert or update of name on catalog.products
  for each row execute function catalog.remember_name_words();

insert into catalog.search_words (tenant_id, word)
  select distinct p.tenant_id, w from catalog.products p cross join lateral catalog.name_words(p.name) w
  on conflict do nothing;
