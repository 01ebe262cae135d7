#!/bin/sh
# The sender database's entrypoint. pg_cron and pg_net serve one database, named at start from
# $POSTGRES_DB (default centralcloud), so they always serve the one the kit puts its schema in.
# On the official postgres image its own entrypoint does the rest; on a plain Debian base (the local
# base CI builds from) the part of it the kit and Testcontainers' PostgreSQLContainer use is done
# here: a data folder made once with POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, a first start
# for the init scripts, then the server (Postgres logs "ready to accept connections" once each).
set -eu
db="${POSTGRES_DB:-centralcloud}"
if [ "${1:-}" = postgres ]; then
    # A setting the command gives is kept (the settings check names a database it does not serve).
    given=" $* "
    case "$given" in *cron.database_name=*) ;; *) set -- "$@" -c "cron.database_name=$db" ;; esac
    case "$given" in *pg_net.database_name=*) ;; *) set -- "$@" -c "pg_net.database_name=$db" ;; esac
    # listen_addresses given on the command line is also written where postgresql.conf includes it
    # (configure-server.sh), so that a configuration reload (ALTER SYSTEM + pg_reload_conf(), as pg_net's
    # tuning needs) finds the value in force and logs no "cannot be changed without restarting".
    listen=""
    for arg in "$@"; do
        case "$arg" in *listen_addresses=*) listen="${arg#*listen_addresses=}" ;; esac
    done
    if [ -n "$listen" ] && [ -w /etc/replkit-postgres ]; then
        printf "listen_addresses = '%s'\n" "$(printf '%s' "$listen" | sed "s/'/''/g")" > /etc/replkit-postgres/listen.conf
    fi
fi
if [ -x /usr/local/bin/docker-entrypoint.sh ]; then
    exec /usr/local/bin/docker-entrypoint.sh "$@"
fi
if [ "${1:-}" != postgres ]; then
    exec "$@"
fi

if [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA" /var/run/postgresql
    chown postgres:postgres "$PGDATA" /var/run/postgresql
    chmod 700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    user="${POSTGRES_USER:-postgres}"
    if [ -z "${POSTGRES_PASSWORD:-}" ]; then
        echo "replkit: POSTGRES_PASSWORD must be set (the database is reachable over TCP)" >&2
        exit 1
    fi
    pwfile="$(mktemp)"
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    initdb -D "$PGDATA" -U "$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    shift
    # Unix socket only, whatever port and addresses the command names (they come first, these win).
    pg_ctl -D "$PGDATA" -w start -o "$* -c listen_addresses='' -c port=5432 -c unix_socket_directories=/var/run/postgresql"
    if [ "$db" != postgres ]; then
        psql -v ON_ERROR_STOP=1 -h /var/run/postgresql -U "$user" -d postgres -q -c "CREATE DATABASE \"$db\""
    fi
    for f in /docker-entrypoint-initdb.d/*; do
        case "$f" in
            *.sh) echo "replkit: running $f"; . "$f" ;;
            *.sql) echo "replkit: running $f"; psql -v ON_ERROR_STOP=1 -h /var/run/postgresql -U "$user" -d "$db" -f "$f" ;;
        esac
    done
    pg_ctl -D "$PGDATA" -m fast -w stop
    set -- postgres "$@"
    echo "replkit: PostgreSQL init process complete; ready for start up."
fi
exec "$@"
