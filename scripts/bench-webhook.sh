#!/usr/bin/env bash
# One busy bundle's status-callback intake against /healthz, in the same run, in a release
# build (benches/webhook.rs; figures and how to read them in docs/webhooks.md). Needs Postgres
# (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
# and wrk (Debian: apt-get install wrk).
#
# Settings: BENCH_SECS (10 per route), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
# BENCH_CALLBACKS (300000 distinct signed callbacks), BENCH_WORKER_MS (100: how often a worker
# drains the re-read jobs; 0 for no worker). Extra arguments go to `cargo bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench-webhook.sh: wrk is missing (apt-get install wrk)" >&2; exit 1; }
exec cargo bench --locked --bench webhook "$@"
