#!/usr/bin/env bash
# What the conformance-suite tests need on a fresh Debian 12 machine, as root: Chromium, which the
# report screenshot test drives headless to render index.html. Idempotent.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
