#!/usr/bin/env bash
# Installs the clients the PostgreSQL-wire tests drive: psql (Debian `postgresql-client`) and
# Debian's python3 with SQLAlchemy 1.4 and psycopg2 (what Superset uses to reach PostgreSQL).
# Idempotent: does nothing when they are present. Installing needs root (as on CI).
set -euo pipefail

have_all() {
  command -v psql >/dev/null 2>&1 &&
    /usr/bin/python3 -c 'import sqlalchemy, psycopg2' >/dev/null 2>&1
}

if have_all; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "python-postgres-clients.sh: installing postgresql-client python3-sqlalchemy python3-psycopg2 needs root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends postgresql-client python3 python3-sqlalchemy python3-psycopg2 >&2
have_all
