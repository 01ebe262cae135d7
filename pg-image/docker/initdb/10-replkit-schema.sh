#!/usr/bin/env bash
# Runs once, at the first start of the image: extensions first, then the trigger schema
# (/replkit/sql/*.sql in file-name order, each in one transaction with its bookkeeping row).
set -euo pipefail
run_psql() { psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" "$@"; }

run_psql -c 'CREATE EXTENSION IF NOT EXISTS pg_cron' -c 'CREATE EXTENSION IF NOT EXISTS pg_net'
for file in /replkit/sql/*.sql; do
  name="$(basename "$file")"
  echo "replkit: applying $name"
  run_psql -1 -f "$file" -c "INSERT INTO replication.schema_migrations (name) VALUES ('$name')"
done
