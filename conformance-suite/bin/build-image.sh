#!/usr/bin/env bash
# Builds the kit's image (conformance-suite/Dockerfile): builds the kit on the host with ./kit, stages
# kit-cli.jar and its runtime jars as the Docker context, and builds from BASE (a Java 17 runtime).
#   usage: conformance-suite/bin/build-image.sh [--base IMAGE] [TAG]     (default TAG replkit/kit)
# A machine without a registry makes a local base first, for example:
#   .ci/docker-base-image.sh replkit/kit-base:bookworm-jre17 bookworm openjdk-17-jre-headless
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
base=""
if [[ "${1:-}" == "--base" ]]; then
  base="$2"
  shift 2
fi
tag="${1:-replkit/kit}"

"$root/kit" --version >/dev/null   # builds the kit when a source changed
context="$(mktemp -d /tmp/replkit-kit-image.XXXXXX)"
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/lib"
cp "$root/kit-cli/target/kit-cli.jar" "$context/"
tr ':' '\n' < "$root/kit-cli/target/kit.classpath" | while read -r jar; do
  [[ -n "$jar" ]] && cp "$jar" "$context/lib/"
done
cp "$root/conformance-suite/Dockerfile" "$context/Dockerfile"

args=(build --network host -t "$tag")
[[ -n "$base" ]] && args+=(--build-arg "BASE_IMAGE=$base")
DOCKER_BUILDKIT=0 docker "${args[@]}" "$context"
echo "build-image: $tag ($(ls "$context/lib" | wc -l) jars${base:+, FROM $base})"
