#!/usr/bin/env bash
# Released migrations never change: fails when a versioned file (pg-image/sql/V*, pg-image/pgnet-compat/V*)
# differs from the commit that released it, or when a line of released-migrations.sha256 that a
# commit once held is gone or changed. Reads git history, so it also catches an edit whose
# checksum line was rewritten in the same commit, which the build's own checksum test cannot.
#
#   pg-image/bin/migration-guard.sh [REPO_ROOT]
#
# Edits made before the guard existed are listed, with their reason, in
# pg-image/released-migration-edits.txt ("<path> <commit>"): the file is then compared with that
# commit. Exit 0: every released file is as released; 1: one was changed (each named); 2: no history.
set -euo pipefail
root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
cd "$root"
sums=pg-image/src/test/resources/released-migrations.sha256
edits=pg-image/released-migration-edits.txt

if ! git rev-parse --git-dir >/dev/null 2>&1 || [[ "$(git rev-parse --is-shallow-repository)" == true ]]; then
  echo "migration-guard: no full git history here, so releases cannot be compared (clone without --depth)" >&2
  exit 2
fi

changed=0
while IFS= read -r path; do
  # Released = committed; the reference is the commit that added it, or its last accepted edit.
  reference="$(git log --diff-filter=A --format=%H --reverse -- "$path" | head -1)"
  [[ -n "$reference" ]] || continue
  if [[ -f "$edits" ]]; then
    accepted="$(awk -v p="${path#pg-image/}" '$1 == p { c = $2 } END { print c }' "$edits")"
    [[ -n "$accepted" ]] && reference="$(git rev-parse "$accepted^{commit}")"
  fi
  if ! git show "$reference:$path" | cmp -s - "$path"; then
    echo "migration-guard: $path differs from its release (commit ${reference:0:12}); add a new V file instead" >&2
    changed=1
  fi
done < <(git ls-files 'pg-image/sql/V*.sql' 'pg-image/pgnet-compat/V*.sql')

# The checksum file only grows: every line any commit gave it since the guard's first commit is still there.
since="$(git log --diff-filter=A --format=%H --reverse -- pg-image/bin/migration-guard.sh | head -1)"
if [[ -n "$since" ]]; then
  for commit in $(git rev-list HEAD -- "$sums"); do
    git merge-base --is-ancestor "$since" "$commit" || continue
    while IFS= read -r line; do
      [[ -z "$line" ]] && continue
      if ! grep -qxF -- "$line" "$sums"; then
        echo "migration-guard: $sums lost or changed a released line (held at ${commit:0:12}): $line" >&2
        changed=1
      fi
    done < <(git show "$commit:$sums" 2>/dev/null || true)
  done
fi

if ((changed)); then
  exit 1
fi
echo "migration-guard: $(git ls-files 'pg-image/sql/V*.sql' 'pg-image/pgnet-compat/V*.sql' | wc -l) released migrations unchanged"
