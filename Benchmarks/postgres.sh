# Sourced by the benchmarks that need PostgreSQL: starts a throwaway server on 127.0.0.1 in a
# new temporary folder $work (as the postgres user when run as root), stopped and removed on
# exit (after "$cleanup", if a script sets one). Sets $work, $bin, $port and $postgres_url;
# as_pg runs a command as the server's owner, psql_run runs one statement.
work=$(mktemp -d)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$work/pg" -U scantrail --auth=trust -E UTF8 >/dev/null
as_pg "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
cleanup=""
trap 'eval "$cleanup"; as_pg "$bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null; rm -rf "$work"' EXIT
postgres_url="postgres://scantrail@127.0.0.1:$port/postgres?sslmode=disable"
psql_run() { as_pg "$bin/psql" -h "$work" -p "$port" -U scantrail -d postgres -Atc "$1"; }
