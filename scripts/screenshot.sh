#!/usr/bin/env bash
# Opens the real window on the demo shop under Xvfb, runs one batch, and
# saves a screenshot of the window.
#
#   scripts/screenshot.sh OUT.png [zh|en] [TAB]   one screenshot, on TAB (default orders)
#   scripts/screenshot.sh --screens DIR [zh|en]   every tab, as DIR/TAB.png
#
# TAB is one of orders, print, scan, exceptions, outbox, printers, summary,
# settings (the demo's --tab flag).
set -euo pipefail

tabs="orders print scan exceptions outbox printers summary settings"

# Inside the virtual display (the script calls itself through xvfb-run):
# start the window, wait for the batch, capture the screen, close it.
if [ "${1:-}" = "--inner" ]; then
  bin=$2 lang=$3 out=$4 tab=$5
  log=$(mktemp)
  tabflag=()
  [ "$tab" = "orders" ] || tabflag=(--tab "$tab")
  "$bin" demo --orders 60 --lang "$lang" --auto-batch "${tabflag[@]}" >"$log" 2>&1 &
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

cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin
bin=$(mktemp -d)/printstation
go build -o "$bin" ./cmd/printstation

shoot() { # OUT LANG TAB
  xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" --inner "$bin" "$2" "$(realpath -m "$1")" "$3"
  echo "saved $1"
}

if [ "${1:-}" = "--screens" ]; then
  dir=${2:?usage: scripts/screenshot.sh --screens DIR [zh|en]}
  lang=${3:-zh}
  mkdir -p "$dir"
  for tab in $tabs; do
    shoot "$dir/$tab.png" "$lang" "$tab"
  done
  exit 0
fi

out=${1:?usage: scripts/screenshot.sh OUT.png [zh|en] [TAB]}
shoot "$out" "${2:-zh}" "${3:-orders}"
