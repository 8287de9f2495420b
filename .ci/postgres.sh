#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the store tests and prints the
# DSN to use as MARSAD_TEST_POSTGRES. Usage: .ci/postgres.sh [DIR] [PORT]
#
# It uses Debian's postgresql package (installed by .ci/run); the cluster
# lives in DIR (default /tmp/marsad-pg), listens on 127.0.0.1:PORT (default
# 55432) only, trusts local connections, and is owned by the postgres user
# because the server refuses to run as root. For tests durability is off
# (fsync=off); set MARSAD_PG_DURABLE=1 for a cluster with PostgreSQL's
# defaults (benchmarks). Stop it with
#   su postgres -c "pg_ctl -D DIR stop"      (or runuser -u postgres -- …)
set -euo pipefail
dir=${1:-/tmp/marsad-pg}
port=${2:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
	echo "postgres.sh: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
	exit 1
fi
as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ ! -f "$dir/PG_VERSION" ]; then
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
	as_pg "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
opts="-p $port -k /tmp -c listen_addresses=127.0.0.1"
if [ -z "${MARSAD_PG_DURABLE:-}" ]; then
	opts="$opts -c fsync=off -c full_page_writes=off"
fi
if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
	as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "$opts" start >/dev/null
fi
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -Atqc "SELECT 1 FROM pg_database WHERE datname='marsad_test'" postgres | grep -q 1 ||
	as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE marsad_test" postgres
echo "postgres://postgres@127.0.0.1:$port/marsad_test?sslmode=disable"
