#!/usr/bin/env bash
# Refreshes the README's screenshots: runs the browser tests (which write every page they visit
# into target/screenshots/) and copies the pictures the README and docs show into docs/screenshots/.
# Needs what the tests need (see ./test.sh); review the images before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --test api browser -- --test-threads=1
for name in docs/screenshots/*.png; do
  src="target/screenshots/$(basename "$name")"
  if [ -f "$src" ]; then cp "$src" "$name"; echo "refreshed $name"; else echo "not produced: $src" >&2; fi
done
