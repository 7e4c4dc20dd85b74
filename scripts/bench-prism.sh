#!/usr/bin/env bash
# The emulator benchmark side by side with Prism (docs/emulator-performance.md): Twilio's own
# stateless mock of its OpenAPI spec, serving the Regulatory Compliance API of
# `twilio_numbers_v2.json`. Fetches both through npm into target/prism/ (never committed):
# the spec from `@twilio-alpha/mcp` (which ships Twilio's OpenAPI documents) and Prism from
# `@stoplight/prism-cli`. Starts Prism on a free loopback port with static examples (no
# `--dynamic`) and warn-level logging, waits until it answers, then runs
# `cargo bench --bench emulator` (release) with PRISM_URL set, so the emulator's figures and
# Prism's come from one run with the same client and concurrency. Prism is stopped on exit.
#
# Needs node and npm (a registry that answers) and curl. Arguments go to the bench:
# `<stored> <lists> <concurrency>`, default 10000 5000 16. Quick run:
# scripts/bench-prism.sh 1000 1000 16
set -euo pipefail
cd "$(dirname "$0")/.."
MCP_VERSION=0.7.0
PRISM_VERSION=5.16.0
dir=target/prism
spec="$dir/spec/twilio_numbers_v2.json"
prism="$dir/cli/node_modules/.bin/prism"
mkdir -p "$dir"

if [ ! -f "$spec" ]; then
    echo "fetching @twilio-alpha/mcp@$MCP_VERSION for twilio_numbers_v2.json" >&2
    tgz=$(cd "$dir" && npm pack --silent "@twilio-alpha/mcp@$MCP_VERSION")
    mkdir -p "$dir/spec"
    tar -xzf "$dir/$tgz" -C "$dir/spec" --strip-components=4 \
        package/twilio-oai/spec/json/twilio_numbers_v2.json
    rm "$dir/$tgz"
fi
if [ ! -x "$prism" ]; then
    echo "installing @stoplight/prism-cli@$PRISM_VERSION" >&2
    npm install --silent --no-audit --no-fund --prefix "$dir/cli" \
        "@stoplight/prism-cli@$PRISM_VERSION"
fi

port=$(node -e "const s = require('net').createServer();
s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });")
"$prism" mock --host 127.0.0.1 --port "$port" --verboseLevel warn "$spec" \
    >"$dir/prism.log" 2>&1 &
prism_pid=$!
trap 'kill "$prism_pid" 2>/dev/null || true; wait "$prism_pid" 2>/dev/null || true' EXIT

export PRISM_URL="http://127.0.0.1:$port"
echo "waiting for Prism at $PRISM_URL (log: $dir/prism.log)" >&2
for _ in $(seq 1 240); do
    # Any answer will do (a list without credentials gets 401): Prism is up.
    if curl -s -o /dev/null "$PRISM_URL/v2/RegulatoryCompliance/Bundles"; then
        break
    fi
    kill -0 "$prism_pid" 2>/dev/null || {
        echo "Prism exited; see $dir/prism.log" >&2
        exit 1
    }
    sleep 0.5
done
curl -s -o /dev/null "$PRISM_URL/v2/RegulatoryCompliance/Bundles" || {
    echo "Prism did not answer within 120 s; see $dir/prism.log" >&2
    exit 1
}
cargo bench --locked --bench emulator -- "$@"
