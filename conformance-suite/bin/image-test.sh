#!/usr/bin/env bash
# The kit as an image gives the same verdicts and exit codes as ./kit verify. Builds the image from a
# local Java base (no registry), starts the reference receivers on the host, then runs the same
# verification (same seed) both ways and compares the outcome of every requirement and the exit
# code: 0 for a passing run, 1 for a failing one (a --strict-baseline listing a requirement that
# passes), 2 for an unreachable receiver. Needs root, a running Docker engine and debootstrap.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/conformance-suite/target/image-test"
rm -rf "$out"
mkdir -p "$out"
base=replkit/kit-base:bookworm-jre17
"$root/.ci/docker-base-image.sh" "$base" bookworm openjdk-17-jre-headless
"$root/conformance-suite/bin/build-image.sh" --base "$base" replkit/kit:test

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$root/kit" receivers --host 127.0.0.1 --port "$port" > "$out/receivers.log" 2>&1 &
receivers=$!
trap 'kill "$receivers" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 1
done
url="http://127.0.0.1:$port/sync/patterns"
printf '{"kit":"replication conformance kit","catalogue_version":2,"expected_failures":[{"id":"SYNC-IDEM-01","endpoint":"patterns","reason":"listed to check exit code 1"}]}\n' > "$out/baseline.json"

compare() { # name expected-exit args...
  local name=$1 expected=$2
  shift 2
  local host=0 image=0
  "$root/kit" verify --seed 20261202 --report-dir "$out/$name-host" "$@" > "$out/$name-host.txt" 2>&1 || host=$?
  docker run --rm --network host -v "$out:$out" replkit/kit:test \
    verify --seed 20261202 --report-dir "$out/$name-image" "$@" > "$out/$name-image.txt" 2>&1 || image=$?
  if [[ $host -ne $expected || $image -ne $expected ]]; then
    tail -5 "$out/$name-host.txt" "$out/$name-image.txt" >&2
    echo "image-test: $name: exit codes host $host, image $image; expected $expected" >&2
    exit 1
  fi
  if [[ -f "$out/$name-host/conformance.json" ]]; then
    for side in host image; do
      /usr/bin/python3 -c 'import json,sys; [print(r["id"], r["endpoint"], r["outcome"]) for r in json.load(open(sys.argv[1]))["requirements"]]' \
        "$out/$name-$side/conformance.json" > "$out/$name-$side.outcomes"
    done
    diff -u "$out/$name-host.outcomes" "$out/$name-image.outcomes" \
      || { echo "image-test: $name: the image's outcomes differ from ./kit verify's" >&2; exit 1; }
  fi
  echo "image-test: $name: exit $expected both ways, same outcomes"
}

compare passing 0 --patterns-url "$url"
compare baselined-fixed 1 --patterns-url "$url" --only SYNC-IDEM-01 --baseline "$out/baseline.json" --strict-baseline
compare unreachable 2 --patterns-url "http://127.0.0.1:9/sync/patterns"
