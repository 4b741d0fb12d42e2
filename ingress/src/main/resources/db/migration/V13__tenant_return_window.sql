-- Returns (issue 14): how many days after delivery a tenant's customers may ask to return items. Null means
-- the platform default (30 days, ReturnBook.DEFAULT_WINDOW_DAYS); 0 means no returns. Debezium streams the
-- row to tenant.settings, where the return topology reads it.
alter table catalog.tenants
  add column return_window_days bigint check (return_window_days is null or return_window_days between 0 and 365);
