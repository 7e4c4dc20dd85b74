#!/usr/bin/env bash
# The scale benchmark (docs/performance.md): one tenant with 10,000 bundles in the built-in
# emulator, 2,000 stamped by one regulation change, on a fresh Postgres database; prints each
# figure as a ratio to its bound or to /healthz, with its target and MET / NOT MET.
#
# Needs Postgres (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a
# database is created and dropped per run). Builds in release (`cargo bench`); the first build
# of the dependencies takes a while. Sizes: BENCH_BUNDLES, BENCH_STAMPED, BENCH_PREPARE,
# BENCH_WORKER_CONCURRENCY, BENCH_CONCURRENCY, BENCH_SECONDS, ... (see docs/performance.md).
# Quick run: BENCH_BUNDLES=1000 BENCH_STAMPED=200 BENCH_PREPARE=100 scripts/bench-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if command -v pg_isready >/dev/null; then
    pg_isready -d "$TEST_DATABASE_URL" >/dev/null || {
        echo "Postgres is not answering at $TEST_DATABASE_URL" >&2
        exit 1
    }
fi
exec cargo bench --locked --bench scale "$@"
