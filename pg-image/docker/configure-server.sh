#!/bin/sh
# Build step: the server settings every new data folder gets (initdb copies postgresql.conf.sample).
# Argument: PG_NET_SOURCE ("standin": no pg_net to preload). The database pg_cron and pg_net serve
# follows $POSTGRES_DB at start (entrypoint.sh).
set -eu
sample=/usr/share/postgresql/17/postgresql.conf.sample
preload=pg_cron
if [ "$1" != standin ]; then preload=pg_cron,pg_net; fi
# listen_addresses given to the server with -c is copied here by entrypoint.sh (see there).
mkdir -p /etc/replkit-postgres
: > /etc/replkit-postgres/listen.conf
chown -R postgres:postgres /etc/replkit-postgres
cat >> "$sample" <<CONF

# replkit sender database
listen_addresses = '*'
include_if_exists = '/etc/replkit-postgres/listen.conf'
shared_preload_libraries = '$preload'
# pg_cron starts its jobs as background workers (no password needed to reach the database).
cron.use_background_workers = on
cron.timezone = 'UTC'
max_worker_processes = 64
# In background-worker mode pg_cron runs at most 5 jobs at once by default; the stand-in alone keeps
# its coordinator and senders running, and dispatch and collection must still start on time.
cron.max_running_jobs = 32
timezone = 'UTC'
log_timezone = 'UTC'
CONF
echo "replkit: server settings added to $sample (shared_preload_libraries = '$preload')"
