#!/usr/bin/env bash
# The crash scenario (docs/crash-scenario.md): the emulator with faults, one `serve` and two
# `worker` processes renew a seeded world while workers are killed with SIGKILL; prints its
# figures and fails if a target is missed. Takes a few minutes; not part of `cargo test`.
#
# Size and seed: SCENARIO_TENANTS (5), SCENARIO_BUNDLES (10), SCENARIO_KILLS (12),
# SCENARIO_SEED (7), SCENARIO_TIMEOUT_SECS (420). Extra arguments go to the test binary.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./test.sh --test api crash_scenario -- --ignored --nocapture --test-threads 1 "$@"
