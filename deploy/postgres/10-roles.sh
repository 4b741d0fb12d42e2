#!/bin/sh
# Runs once, when the Postgres volume is empty (docker-entrypoint-initdb.d): the least-privilege logins
# the platform's migrations expect (they keep existing roles), and Druid's metadata database.
# Passwords come from the container's environment (docker-compose.yml), never from this file.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app="$FUSION_APP_DB_PASSWORD" -v sink="$FUSION_SINK_DB_PASSWORD" -v cdc="$FUSION_CDC_DB_PASSWORD" \
  -v druid="$DRUID_DB_PASSWORD" <<'SQL'
create role fusion_app login nosuperuser nobypassrls password :'app';
create role fusion_sink login nosuperuser nobypassrls password :'sink';
create role fusion_cdc login replication nosuperuser nobypassrls password :'cdc';
create role druid login nosuperuser nobypassrls password :'druid';
create database druid owner druid;
SQL
