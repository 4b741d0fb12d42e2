-- Least-privilege logins. The application pool, the JDBC sinks and the CDC source each log in as a
-- role that is NOSUPERUSER and NOBYPASSRLS, so an injected statement cannot "reset role" its way back
-- to the tables' owner or a superuser and out of its tenant. Only these migrations run as the owner.
-- Passwords are the operator's (ALTER ROLE ... PASSWORD, or pre-create the roles with one: the
-- statements below keep an existing role and only make sure it may log in and holds no more than this).
do $$
begin
  alter role fusion_app login nosuperuser nobypassrls nocreatedb nocreaterole noreplication;
  alter role fusion_sink login nosuperuser nobypassrls nocreatedb nocreaterole noreplication;
  -- Debezium's source: REPLICATION for its slot and pgoutput stream of the fusion_catalog publication
  -- (owned by the tables' owner, V3, so the source needs no ownership), SELECT for the initial snapshot.
  if not exists (select from pg_roles where rolname = 'fusion_cdc') then
    create role fusion_cdc login replication nosuperuser nobypassrls nocreatedb nocreaterole;
  end if;
end
$$;

grant usage on schema catalog to fusion_cdc;
grant select on catalog.products, catalog.tenants to fusion_cdc;
-- The snapshot reads every tenant's catalogue (it is the pipe they all leave through), read only.
create policy cdc_reads_every_tenant on catalog.products for select to fusion_cdc using (true);
create policy cdc_reads_every_tenant on catalog.tenants for select to fusion_cdc using (true);
