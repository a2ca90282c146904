#!/usr/bin/env bash
# A throwaway local PostgreSQL for MLExt's shared studies and their tests.
#
#   eval "$(tools/services/postgres.sh start)"   installs Debian's postgresql 15 (and python3-optuna, python3-psycopg2, to check
#                                                 that Optuna reads our studies) when missing, initialises a cluster in a
#                                                 temporary folder, starts it on a free loopback port as a non-root user,
#                                                 creates the database "mlext" and prints
#                                                 export MLEXT_TEST_POSTGRES=postgresql://mlext@127.0.0.1:PORT/mlext
#   tools/services/postgres.sh stop               stops that cluster and removes its folder.
#
# Only the export line goes to standard output; progress goes to standard error. Running "start" again reuses a running cluster.
set -euo pipefail

dir="${MLEXT_POSTGRES_DIR:-${TMPDIR:-/tmp}/mlext-postgres}"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
  local missing=()
  [ -n "$(bin_dir)" ] || missing+=(postgresql)
  /usr/bin/python3 -c 'import optuna, psycopg2' >/dev/null 2>&1 || missing+=(python3-optuna python3-psycopg2)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]} (apt-get)" >&2
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
}

# The server refuses to run as root: as root, the cluster belongs to the "postgres" user the package creates.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port in 55432-55532" >&2
  return 1
}

start() {
  install_missing
  local bin; bin="$(bin_dir)"
  if [ -z "$bin" ]; then echo "PostgreSQL is not installed and apt-get could not install it" >&2; exit 1; fi
  if [ -f "$dir/port" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    echo "export MLEXT_TEST_POSTGRES=postgresql://mlext@127.0.0.1:$(cat "$dir/port")/mlext"
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
  local port; port="$(free_port)"
  echo "initialising a cluster in $dir, port $port" >&2
  as_owner "$bin/initdb" -D "$dir/data" -U mlext --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off" start >&2
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U mlext mlext
  echo "$port" > "$dir/port"
  echo "export MLEXT_TEST_POSTGRES=postgresql://mlext@127.0.0.1:$port/mlext"
}

stop() {
  local bin; bin="$(bin_dir)"
  if [ -n "$bin" ] && [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
