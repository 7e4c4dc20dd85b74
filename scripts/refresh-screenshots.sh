#!/usr/bin/env bash
# Refreshes the screenshots the README shows (docs/screenshots/) from a browser-test run.
# The browser tests write every screenshot under target/screenshots/ (so a test run never changes
# tracked files); this copies the ones the README uses. Needs what ./test.sh needs, plus Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

CI=true ./test.sh --test api -- browser:: evidence_pack::renewal_pack

from=target/screenshots
to=docs/screenshots
copy() { # copy SOURCE NAME: target/screenshots/SOURCE.png -> docs/screenshots/NAME.png
  if [ -f "$from/$1.png" ]; then
    cp "$from/$1.png" "$to/$2.png"
    echo "docs/screenshots/$2.png <- $from/$1.png"
  else
    echo "refresh-screenshots: $from/$1.png was not made; $to/$2.png left as it was" >&2
  fi
}

for page in renewal renewal-compliant renewal-completed admin-dashboard admin-renewal landing; do
  copy "$page" "$page"
done
copy tour/renewal-fr-1280 branded-french
copy tour/renewal-addresses-1280 demo-renewal-addresses
# The evidence pack's first page, rendered from the PDF the evidence tests leave behind.
pack=target/evidence/renewal.pdf
if [ -f "$pack" ] && command -v pdftoppm >/dev/null; then
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pack" "$to/evidence-pack"
  echo "docs/screenshots/evidence-pack.png <- $pack (page 1)"
fi
git status --short docs/screenshots
