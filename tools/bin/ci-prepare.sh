#!/usr/bin/env bash
# Installs the independent checkers the tests run against the kit's own artefacts (idempotent):
#   html-validate  checks the HTML report (conformance-suite ReportArtifactsTest)
#   @redocly/cli   lints the OpenAPI document (spec OpenApiLintTest)
#   python3-junitparser  reads junit.xml as CI tools do (conformance-suite ReportArtifactsTest)
# Node.js and npm come with the machine; versions are pinned in package.json / package-lock.json.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! /usr/bin/python3 -c 'import junitparser' >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3-junitparser >/dev/null
fi

if ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
cd "$here"
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
echo "tools/ci-prepare.sh: $(node_modules/.bin/html-validate --version | head -1), redocly $(node_modules/.bin/redocly --version | head -1), junitparser ready"
