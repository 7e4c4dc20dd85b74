#!/usr/bin/env bash
# The test command: installs what the suite needs (apt, when run as root or with sudo), makes
# sure PostgreSQL runs with trust auth for `postgres` on 127.0.0.1, then runs `cargo test`.
# Extra arguments go to `cargo test` (e.g. `./test.sh --test api webhooks`).
#
# Needs: PostgreSQL (server binaries and a cluster), chromium + chromium-driver (browser tests),
# npm (fetches axe-core for the browser tests' accessibility checks), poppler-utils (pdftotext reads
# the evidence pack's PDF). Without root, missing
# packages are named with the exact command to install them; the browser tests then skip
# (except under CI=true, where they fail).
set -euo pipefail
cd "$(dirname "$0")"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
# The query macros check against the committed `.sqlx/` offline data, never against whatever
# database a `.env`'s DATABASE_URL names (scripts/sqlx-prepare.sh regenerates it).
export SQLX_OFFLINE=true

log() { printf '\n== %s\n' "$*"; }
warn() { printf 'test.sh: %s\n' "$*" >&2; }

# Runs a command as root: directly, through password-less sudo, or not at all (returns 1).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

apt_updated=0
# Installs Debian packages; without root, prints the command to run and returns 1.
apt_install() {
  if ! as_root true 2>/dev/null; then
    warn "missing packages; install them with: sudo apt-get install $*"
    return 1
  fi
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

newest_cluster() {
  find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -n 1
}

start_postgres() {
  log "PostgreSQL"
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql || exit 1
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    local version
    version=$(newest_cluster)
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || {
      warn "PostgreSQL is not running on 127.0.0.1:5432; start it with: sudo pg_ctlcluster $version main start"
      exit 1
    }
    for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  fi
  if ! psql "$TEST_DATABASE_URL" -qAtc 'select 1' >/dev/null 2>&1; then
    # A fresh Debian cluster asks for passwords on TCP: trust loopback for the test user.
    local hba
    hba="/etc/postgresql/$(newest_cluster)/main/pg_hba.conf"
    as_root sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba" || {
      warn "cannot connect as $TEST_DATABASE_URL; add 'host all postgres 127.0.0.1/32 trust' at the top of $hba and reload PostgreSQL, or set TEST_DATABASE_URL"
      exit 1
    }
    as_root pg_ctlcluster --skip-systemctl-redirect "$(newest_cluster)" main reload
  fi
  psql "$TEST_DATABASE_URL" -qAtc 'select version()'
}

install_browser() {
  log "Browser (chromium, chromedriver, axe-core)"
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v npm >/dev/null || missing+=(npm)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  if [ "${#missing[@]}" -gt 0 ]; then
    # Not fatal here: the browser tests name what is missing (and fail under CI=true).
    apt_install "${missing[@]}" || true
  fi
  if command -v npm >/dev/null && [ ! -f target/browser-tools/node_modules/axe-core/axe.min.js ]; then
    npm install --no-save --silent --prefix target/browser-tools axe-core@4 ||
      warn "npm could not install axe-core into target/browser-tools (the browser tests will try again)"
  fi
}

start_postgres
install_browser
log "cargo test"
cargo test --locked "$@"
