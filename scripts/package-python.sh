#!/usr/bin/env bash
# Builds the Python wheel and sdist. With PYPI_OFFLINE=1 (this project's CI: PyPI is unreachable)
# it uses jsii-pacmak's code-only output and Debian's python3-build/twine; otherwise the stock
# jsii-pacmak build that a real release runner uses.
set -euo pipefail
if [ "${PYPI_OFFLINE:-0}" != "1" ]; then
  exec npx jsii-pacmak -v --target python
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npx jsii-pacmak --target python --code-only -o "$work"
rm -rf dist/python && mkdir -p dist/python
/usr/bin/python3 -m build --no-isolation --skip-dependency-check --outdir dist/python "$work/python"
/usr/bin/python3 -m compileall -q "$work/python/src"
twine check dist/python/*
ls -l dist/python
