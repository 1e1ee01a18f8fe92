#!/usr/bin/env bash
# Make the django-helpdesk peer's database for N tickets, from nothing:
#   bash benchmarks/peer_helpdesk/prepare.sh 100000        # -> database helpdesk_100000
# drops and creates helpdesk_<N> on the benchmark PostgreSQL (127.0.0.1:5432, user postgres),
# migrates it, collects static files, and seeds it (seed.py, which writes var/bench/helpdesk-<N>.json).
# Environment: SEED (default 1), PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/postgres),
# HELPDESK_VENV (default var/bench/helpdesk-venv; made by setup_venv.sh when missing).
set -euo pipefail
N="${1:?usage: prepare.sh N  (number of tickets, e.g. 100000)}"
[[ "$N" =~ ^[0-9]+$ ]] || { echo "N must be a number of tickets" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${HELPDESK_VENV:-$ROOT/var/bench/helpdesk-venv}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="helpdesk_$N"

[[ -x "$VENV/bin/python" ]] || HELPDESK_VENV="$VENV" bash "$HERE/setup_venv.sh"

export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB"
export HELPDESK_DATABASE_URL="$DATABASE_URL"
export DJANGO_SETTINGS_MODULE=hdproject.settings
export PYTHONPATH="$HERE"
start=$SECONDS
dropdb --if-exists "$DB"
createdb "$DB"
echo "database $DB created"
"$VENV/bin/django-admin" migrate --noinput -v0
echo "migrated in $((SECONDS - start)) s"
"$VENV/bin/django-admin" collectstatic --noinput -v0
"$VENV/bin/python" "$HERE/seed.py" --tickets "$N" --seed "${SEED:-1}"
psql -d "$DB" -Atc "SELECT 'size: ' || pg_size_pretty(pg_database_size(current_database()))"
echo "prepare.sh $N: done in $((SECONDS - start)) s"
