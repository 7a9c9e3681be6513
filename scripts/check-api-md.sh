#!/usr/bin/env bash
# Fails when the committed API.md differs from what jsii-docgen just generated. Runs in CI (a clean
# clone); locally, regenerating API.md before you commit it is the normal workflow.
set -euo pipefail
if [ -z "${CI:-}" ] || ! git rev-parse --git-dir >/dev/null 2>&1; then exit 0; fi
if ! git ls-files --error-unmatch API.md >/dev/null 2>&1; then
  echo "API.md is not committed: run 'npx projen docgen' and commit it" >&2; exit 1
fi
if ! git diff --ignore-space-at-eol --exit-code -- API.md; then
  echo "API.md is stale: run 'npx projen docgen' and commit it" >&2; exit 1
fi
