#!/usr/bin/env bash
# Makes a local Docker base image from a Debian root filesystem, for machines that reach Debian's
# package mirror but no image registry (so `FROM debian` or `FROM postgres:17` cannot be pulled).
#
#   .ci/docker-base-image.sh IMAGE SUITE PACKAGES [ROOT]
#     IMAGE     name:tag of the image to make, e.g. replkit/sender-base:trixie-pg17
#     SUITE     Debian suite, e.g. trixie
#     PACKAGES  comma-separated packages debootstrap adds to minbase, e.g. postgresql-17,postgresql-17-cron
#     ROOT      optional: an existing root filesystem made with the same suite and packages (for
#               example the sender's cached one) to import instead of running debootstrap again
#
# The image is labelled with its recipe (org.replkit.base-recipe); when an image of that name with
# the same recipe exists already, nothing is done. Needs root, debootstrap and a running engine.
# KIT_DEBIAN_MIRROR picks the mirror (default http://deb.debian.org/debian).
set -euo pipefail

if (($# < 3)); then
  echo "usage: $0 IMAGE SUITE PACKAGES [ROOT]" >&2
  exit 2
fi
image=$1 suite=$2 packages=$3 root=${4:-}
recipe="$suite|minbase|$packages"

existing="$(docker image inspect --format '{{index .Config.Labels "org.replkit.base-recipe"}}' "$image" 2>/dev/null || true)"
if [[ "$existing" == "$recipe" ]]; then
  echo "docker-base-image: $image is up to date ($recipe)"
  exit 0
fi

work=""
cleanup() { if [[ -n "$work" ]]; then rm -rf "$work"; fi; }
trap cleanup EXIT

if [[ -n "$root" ]]; then
  [[ -f "$root/.replkit-complete" ]] || { echo "docker-base-image: $root is not a complete root filesystem" >&2; exit 1; }
  echo "docker-base-image: importing $root as $image"
else
  command -v debootstrap >/dev/null 2>&1 || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap ca-certificates >/dev/null
  }
  work="$(mktemp -d /var/tmp/replkit-base.XXXXXX)"
  root="$work/root"
  echo "docker-base-image: debootstrap $suite with $packages (about a minute)"
  debootstrap --variant=minbase --include="$packages" "$suite" "$root" \
    "${KIT_DEBIAN_MIRROR:-http://deb.debian.org/debian}" > "$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
fi

# Left out: downloaded packages, apt lists, and any server instance a chroot user keeps in the root.
tar -C "$root" -c --numeric-owner \
    --exclude=./var/cache/apt/archives --exclude=./var/lib/apt/lists --exclude=./var/lib/replkit \
    --exclude=./proc/* --exclude=./sys/* --exclude=./dev/shm/* . \
  | docker import --change "LABEL org.replkit.base-recipe=$recipe" --change 'CMD ["/bin/bash"]' - "$image" >/dev/null
echo "docker-base-image: $image made ($recipe)"
