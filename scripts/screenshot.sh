#!/usr/bin/env bash
# Opens the real window on the demo shop under Xvfb, runs one batch, and
# saves a screenshot of the window to the file given as $1 (language $2:
# zh or en).
set -euo pipefail

# Inside the virtual display (the script calls itself through xvfb-run):
# start the window, wait for the batch, capture the screen, close it.
if [ "${1:-}" = "--inner" ]; then
  bin=$2 lang=$3 out=$4
  log=$(mktemp)
  "$bin" demo --orders 60 --lang "$lang" --auto-batch >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    grep -q "printstation: batch done" "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  grep -q "printstation: batch done" "$log" || { echo "no batch within 60 s" >&2; kill "$pid"; exit 1; }
  sleep 1
  import -window root -crop 1200x760+0+0 "$out"
  kill "$pid"
  exit 0
fi

out=${1:?usage: scripts/screenshot.sh OUT.png [zh|en]}
lang=${2:-zh}
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin
bin=$(mktemp -d)/printstation
go build -o "$bin" ./cmd/printstation
out=$(realpath -m "$out")

xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" --inner "$bin" "$lang" "$out"
echo "saved $out"
