#!/usr/bin/env bash
# Regenerates `.sqlx/`, the offline data that lets `query!`/`query_as!` check their SQL at compile
# time with no database. Run it after changing a query or a migration, and commit `.sqlx/`.
#
# It creates a scratch database on the PostgreSQL at $SQLX_PREPARE_SERVER (default
# postgres://postgres@127.0.0.1:5432), applies `migrations/*.sql` in order, re-runs the macros
# against it with `cargo check`, then drops the database. `--check` writes into a temporary
# directory instead and fails if it differs from `.sqlx/` (CI's freshness check).
set -euo pipefail
cd "$(dirname "$0")/.."

server="${SQLX_PREPARE_SERVER:-postgres://postgres@127.0.0.1:5432}"
db="recomply_sqlx_prepare_$$"
out="$PWD/.sqlx"
check=0
if [ "${1:-}" = "--check" ]; then
  check=1
  out="$(mktemp -d)"
fi

cleanup() {
  psql "$server/postgres" -qAtc "drop database if exists $db" >/dev/null || true
  if [ "$check" = 1 ]; then rm -rf "$out"; fi
}
trap cleanup EXIT

psql "$server/postgres" -qAtc "create database $db" >/dev/null
for migration in migrations/*.sql; do
  psql "$server/$db" -qX -v ON_ERROR_STOP=1 -1 -f "$migration" >/dev/null
done

if [ "$check" = 0 ]; then rm -rf "$out" && mkdir "$out"; fi
# Touching the crate root makes cargo re-run the macros (their output is otherwise cached).
touch src/lib.rs
SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$out" DATABASE_URL="$server/$db" cargo check --locked --lib

if [ "$check" = 1 ]; then
  if ! diff -r "$out" .sqlx >/dev/null; then
    echo "sqlx-prepare: .sqlx/ is stale; run scripts/sqlx-prepare.sh and commit .sqlx/" >&2
    diff -rq "$out" .sqlx >&2 || true
    exit 1
  fi
  echo "sqlx-prepare: .sqlx/ is up to date"
fi
