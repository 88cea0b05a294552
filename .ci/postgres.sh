#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1 for the JDBC-source tests and prints its
# JDBC URL on stdout. Idempotent: fast when the server already runs. Installs Debian's
# `postgresql` package when no server binaries are found (needs root, as on CI).
#
#   DEPOT_PG_PORT  port (default 55432)      DEPOT_PG_DATA  cluster directory (default /tmp/depot-ci-postgres)
# The cluster has user `depot` (password `depot`, scram-sha-256 over TCP) and database `depot_test`.
set -euo pipefail
PORT="${DEPOT_PG_PORT:-55432}"
DATA="${DEPOT_PG_DATA:-/tmp/depot-ci-postgres}"
URL="jdbc:postgresql://127.0.0.1:${PORT}/depot_test?user=depot&password=depot"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

BIN="$(find_bin)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "postgres.sh: PostgreSQL is not installed and installing it needs root (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "postgres.sh: installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # policy-rc.d keeps the package from starting Debian's own cluster: we run our own below.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get install -y -qq postgresql >&2
  rm -f /usr/sbin/policy-rc.d
  BIN="$(find_bin)"
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
if [ "$(id -u)" -eq 0 ]; then
  as_owner() { runuser -u postgres -- "$@"; }
  OWNER=postgres
else
  as_owner() { "$@"; }
  OWNER="$(id -un)"
fi

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  echo "$URL"
  exit 0
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA"
  mkdir -p "$DATA"
  chown "$OWNER" "$DATA"
  chmod 700 "$DATA"
  PWFILE="$(mktemp)"
  echo depot > "$PWFILE"
  chown "$OWNER" "$PWFILE"
  as_owner "$BIN/initdb" -D "$DATA" -U depot --pwfile="$PWFILE" --auth-host=scram-sha-256 --auth-local=trust \
    -E UTF8 --locale=C.UTF-8 >&2
  rm -f "$PWFILE"
fi
as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
  -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
if ! as_owner "$BIN/psql" -h "$DATA" -p "$PORT" -U depot -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'depot_test'" | grep -q 1; then
  as_owner "$BIN/psql" -h "$DATA" -p "$PORT" -U depot -d postgres -qc "CREATE DATABASE depot_test" >&2
fi
echo "$URL"
