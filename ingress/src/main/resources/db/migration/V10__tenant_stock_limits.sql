-- Stock limits against hoarding (issue 10), per tenant. Null means the platform default (StockLimits in
-- the topologies: 10 units of a SKU per order, 20 per customer and SKU per 24 h, stock under 10 units
-- held 600 s for an unpaid order); 0 means no limit. Debezium streams the row to tenant.settings, where
-- the order and inventory topologies read it.
alter table catalog.tenants
  add column max_quantity_per_order bigint check (max_quantity_per_order is null or max_quantity_per_order >= 0),
  add column max_quantity_per_customer bigint check (max_quantity_per_customer is null or max_quantity_per_customer >= 0),
  add column customer_limit_window_seconds bigint
    check (customer_limit_window_seconds is null or customer_limit_window_seconds between 60 and 2592000),
  add column scarce_stock_threshold bigint check (scarce_stock_threshold is null or scarce_stock_threshold >= 0),
  add column scarce_hold_seconds bigint check (scarce_hold_seconds is null or scarce_hold_seconds between 60 and 604800);
