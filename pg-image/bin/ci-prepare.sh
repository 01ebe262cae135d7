#!/usr/bin/env bash
# Installs what the pg-image tests need on a fresh Debian 12 machine (run as root; idempotent) and
# makes the sender's Debian 13 root filesystem once, so the first test run does not pay for it; where a
# Docker engine answers, imports that root filesystem as the sender image's local base image.
#   debootstrap  makes the root filesystem (postgresql-17, postgresql-17-cron, postgresql-17-http)
#   util-linux   unshare, mount (present on Debian; listed for minimal images)
#   nodejs       SigningTest's independent receiver, which verifies signed deliveries with Node's crypto
# The root filesystem is cached in $KIT_SENDER_CACHE (default /var/cache/replkit/sender-rootfs) under
# a key of the package list; the tests make it themselves when it is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ $(id -u) -ne 0 ]]; then
  echo "ci-prepare.sh: run as root (debootstrap, chroot and mount need it)" >&2
  exit 1
fi

missing=()
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" ca-certificates
fi

# Same key as org.replkit.sender.DebianRootFs: "debian-trixie-pg17-" + first 8 bytes of
# sha256("trixie|minbase|postgresql-17,postgresql-17-cron,postgresql-17-http"), hex.
cache="${KIT_SENDER_CACHE:-/var/cache/replkit/sender-rootfs}"
packages="postgresql-17,postgresql-17-cron,postgresql-17-http"
key="debian-trixie-pg17-$(printf '%s' "trixie|minbase|$packages" | sha256sum | cut -c1-16)"
root="$cache/$key"
if [[ ! -f "$root/.replkit-complete" ]]; then
  mkdir -p "$cache"
  partial="$cache/$key.partial"
  rm -rf "$partial"
  echo "ci-prepare.sh: debootstrap of Debian 13 with $packages into $root (about a minute)"
  debootstrap --variant=minbase --include="$packages" trixie "$partial" \
    "${KIT_DEBIAN_MIRROR:-http://deb.debian.org/debian}" > "$cache/$key.debootstrap.log" 2>&1 \
    || { tail -20 "$cache/$key.debootstrap.log" >&2; exit 1; }
  rm -f "$partial"/var/cache/apt/archives/*.deb
  printf '%s\n' ${packages//,/ } > "$partial/.replkit-complete"
  rm -rf "$root"
  mv "$partial" "$root"
fi
echo "ci-prepare.sh: sender root filesystem ready: $root"

# Where a Docker engine answers (.ci/run starts one first), the same root filesystem becomes the local
# base image pg-image/Dockerfile is built from (BASE_IMAGE, with the pg_net stand-in): no registry needed.
base_image="replkit/sender-base:trixie-pg17"
if command -v docker >/dev/null 2>&1 && timeout 10 docker version >/dev/null 2>&1; then
  bash "$here/../../.ci/docker-base-image.sh" "$base_image" trixie "$packages" "$root"
fi
