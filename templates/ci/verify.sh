#!/usr/bin/env bash
# One conformance run for the CI templates (action.yml for GitHub Actions, gitlab-ci.yml for GitLab):
# every input is an environment variable, the tokens included, so no secret is on a command line.
#   KIT_PATTERNS_URL, KIT_METRICS_URL, KIT_STATUS_URL  the endpoints to check (at least one)
#   KIT_TOKEN, KIT_ADMIN_TOKEN                         bearer tokens, from the CI's secrets
#   KIT_SIGNING_SECRET                                 the receivers' signing secret (whsec_...), from the CI's secrets
#   KIT_PROFILE (core), KIT_BASELINE (a file), KIT_REPORT_DIR (conformance-report), KIT_EXTRA_ARGS
#   KIT_COMMAND                                        how to run the kit (default: ./kit of this checkout)
# Writes verdict, exit-code and report-path to $GITHUB_OUTPUT when it is set, and exits with the
# kit's own code: 0 passed, 1 failed, 2 could not run.
set -uo pipefail
kit_home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
read -r -a kit <<< "${KIT_COMMAND:-$kit_home/kit}"
report_dir="${KIT_REPORT_DIR:-conformance-report}"

args=(verify --profile "${KIT_PROFILE:-core}" --report-dir "$report_dir")
[[ -n "${KIT_PATTERNS_URL:-}" ]] && args+=(--patterns-url "$KIT_PATTERNS_URL")
[[ -n "${KIT_METRICS_URL:-}" ]] && args+=(--metrics-url "$KIT_METRICS_URL")
[[ -n "${KIT_STATUS_URL:-}" ]] && args+=(--status-url "$KIT_STATUS_URL")
[[ -n "${KIT_BASELINE:-}" ]] && args+=(--baseline "$KIT_BASELINE")
read -r -a extra <<< "${KIT_EXTRA_ARGS:-}"
# The tokens and the signing secret reach kit verify through KIT_TOKEN, KIT_ADMIN_TOKEN and
# KIT_SIGNING_SECRET, which it reads itself.
"${kit[@]}" "${args[@]}" "${extra[@]}"
code=$?

verdict="could not run"
if [[ -f "$report_dir/conformance.json" ]]; then
  verdict=$(sed -n 's/^  "verdict" : "\(.*\)",$/\1/p' "$report_dir/conformance.json" | head -1)
fi
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "verdict=$verdict"
    echo "exit-code=$code"
    echo "report-path=$report_dir"
  } >> "$GITHUB_OUTPUT"
fi
echo "replication conformance: $verdict (exit $code); reports in $report_dir"
exit "$code"
