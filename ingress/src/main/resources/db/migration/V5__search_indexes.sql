-- GIN's fast-update pending list makes every search scan the unmerged entries until a vacuum merges
-- them: after a bulk import a one-word search went from 2 ms to 20 ms. Searches matter more than the
-- cost of merging on insert, so the catalog's GIN indexes merge at once.
alter index catalog.products_search set (fastupdate = off);
alter index catalog.products_name_trgm set (fastupdate = off);
alter index catalog.products_categories set (fastupdate = off);
alter index catalog.products_attributes set (fastupdate = off);
alter index catalog.categories_path set (fastupdate = off);

-- Planner statistics after a bulk import, without waiting for autovacuum: fusion_app may not ANALYZE
-- a table it does not own, so the owner lends it this one statement.
create function catalog.refresh_product_statistics() returns void
  language sql security definer set search_path = pg_catalog, pg_temp
  as 'analyze catalog.products';
revoke all on function catalog.refresh_product_statistics() from public;
grant execute on function catalog.refresh_product_statistics() to fusion_app;
