#!/usr/bin/env bash
# Opens the real window on the demo shop under Xvfb, runs one batch, and
# saves a screenshot of the window to the file given as $1.
set -euo pipefail
out=${1:?usage: scripts/screenshot.sh OUT.png [LANG]}
lang=${2:-zh}
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin
go build -o /tmp/printstation-screenshot ./cmd/printstation
xvfb-run -a -s "-screen 0 1280x800x24" \
  /tmp/printstation-screenshot demo --orders 60 --lang "$lang" --screenshot "$out"
echo "saved $out"
