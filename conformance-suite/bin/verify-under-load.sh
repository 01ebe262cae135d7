#!/usr/bin/env bash
# Verdicts must not change when the machine is busy: runs ./kit verify on the embedded reference
# receivers RUNS times (default 5) while one busy loop per core keeps every core loaded, and fails
# unless every run exits 0 and gives the same outcome for every (requirement, endpoint).
# Each run draws its own seed, so the runs also differ in their generated examples.
#   usage: conformance-suite/bin/verify-under-load.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
out="$root/conformance-suite/target/verify-under-load"
rm -rf "$out"
mkdir -p "$out"

busy=()
stop_busy() { ((${#busy[@]})) && kill "${busy[@]}" 2>/dev/null || true; }
trap stop_busy EXIT
for _ in $(seq "$(nproc)"); do
  ( while :; do :; done ) &
  busy+=($!)
done
echo "verify-under-load: ${#busy[@]} busy loops on $(nproc) cores; $runs runs of ./kit verify"

for i in $(seq "$runs"); do
  start=$(date +%s)
  if ! "$root/kit" verify --report-dir "$out/run-$i" > "$out/run-$i.txt" 2>&1; then
    tail -30 "$out/run-$i.txt" >&2
    echo "verify-under-load: run $i did not pass under load (log: $out/run-$i.txt)" >&2
    exit 1
  fi
  /usr/bin/python3 - "$out/run-$i/conformance.json" > "$out/run-$i.outcomes" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for r in report["requirements"]:
    print(r["id"], r["endpoint"], r["outcome"])
PY
  echo "  run $i: $(grep -c ' passed$' "$out/run-$i.outcomes") passed, $(grep -vc ' passed$' "$out/run-$i.outcomes") other, $(( $(date +%s) - start )) s, $(grep -m1 '^Seed:' "$out/run-$i.txt")"
  if ! diff -u "$out/run-1.outcomes" "$out/run-$i.outcomes" > "$out/run-$i.diff"; then
    cat "$out/run-$i.diff" >&2
    echo "verify-under-load: run $i gave other outcomes than run 1 (see $out)" >&2
    exit 1
  fi
done
echo "verify-under-load: the same outcomes $runs times out of $runs"
