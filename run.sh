#!/usr/bin/env bash
# Quickstart entry point: installs the npm dependencies on a fresh clone, then runs a task.
#   ./run.sh main   synthesize the example app to cdk.out/ and print a per-stack summary
#   ./run.sh test   the whole quality gate: jsii compile, API.md check, jest, eslint,
#                   integ snapshots + cdk-nag, cfn-lint, npm and Python packages
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/projen ]; then
  # npm ci fails on this registry (other platforms' optional packages 404): npm install keeps the lockfile.
  npm install --no-audit --no-fund
fi
case "${1:-}" in
  main) exec npx projen main ;;
  test) exec npx projen build ;;
  *) echo "usage: ./run.sh main|test" >&2; exit 2 ;;
esac
