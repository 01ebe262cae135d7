#!/usr/bin/env bash
# Starts or stops a Docker engine for CI and local test runs (as root), on a Debian machine where
# no image registry is reachable: Debian's docker.io, dockerd without a bridge network (containers
# and builds use --network host, so all traffic stays on loopback) and without iptables rules.
#
#   .ci/docker-engine.sh start [STATE_DIR]   installs docker.io if dockerd is missing, starts dockerd
#                                            unless an engine already answers, waits until it does
#   .ci/docker-engine.sh stop  [STATE_DIR]   stops the dockerd that start started (never another one)
#   .ci/docker-engine.sh check               exit 0 when an engine answers
#
# STATE_DIR (default /run/replkit-docker) holds dockerd.pid and dockerd.log of the engine this
# script started; stop acts only on that pid, and only while it still is a dockerd.
set -euo pipefail

state="${2:-/run/replkit-docker}"
pidfile="$state/dockerd.pid"
log="$state/dockerd.log"

answers() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ours() {
  [[ -f "$pidfile" ]] || return 1
  local pid
  pid="$(cat "$pidfile")"
  [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q '^dockerd '
}

start() {
  if answers; then
    echo "docker-engine: an engine already answers ($(docker version --format '{{.Server.Version}}')); not starting another"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "docker-engine: installing docker.io"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends docker.io >/dev/null
  fi
  mkdir -p "$state"
  # The package's own services are not used: no init system starts them here.
  setsid dockerd --bridge=none --iptables=false --ip-masq=false --pidfile "$state/dockerd.daemon.pid" \
    >"$log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 60); do
    if answers; then
      echo "docker-engine: dockerd $(docker version --format '{{.Server.Version}}') up (pid $(cat "$pidfile"), log $log)"
      return 0
    fi
    if ! ours; then
      echo "docker-engine: dockerd exited during start-up; its log:" >&2
      tail -20 "$log" >&2
      rm -f "$pidfile"
      return 1
    fi
    sleep 1
  done
  echo "docker-engine: dockerd did not answer within 60 s; its log: $log" >&2
  stop
  return 1
}

stop() {
  if ! ours; then
    rm -f "$pidfile"
    echo "docker-engine: no engine started by this script is running"
    return 0
  fi
  local pid
  pid="$(cat "$pidfile")"
  kill -TERM "$pid"
  for _ in $(seq 1 30); do
    [[ -d "/proc/$pid" ]] || break
    sleep 1
  done
  if [[ -d "/proc/$pid" ]]; then
    echo "docker-engine: dockerd $pid did not stop in 30 s; killing it" >&2
    kill -KILL "$pid" || true
  fi
  rm -f "$pidfile"
  echo "docker-engine: dockerd $pid stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  check) answers ;;
  *) echo "usage: $0 start|stop [STATE_DIR] | check" >&2; exit 2 ;;
esac
