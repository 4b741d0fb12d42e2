-- The publication Debezium's catalog source connector (connectors/catalog-source.json) streams from.
-- Created here, by the tables' owner, so the connector's database user needs only REPLICATION and
-- SELECT (it runs with publication.autocreate.mode=disabled and never needs to own the tables).
-- catalog.products already has REPLICA IDENTITY FULL (V1): its updates carry the old row.
do $$
begin
  if not exists (select from pg_publication where pubname = 'fusion_catalog') then
    create publication fusion_catalog for table catalog.products, catalog.tenants;
  end if;
end
$$;
