#!/usr/bin/env bash
# Builds the Python wheel and sdist into dist/python.
# Default (and this project's CI, where PyPI is unreachable): jsii-pacmak's code-only output built
# with Debian's python3-build and checked with twine. The stock jsii-pacmak build, which pip-installs
# pinned build tools from PyPI, is kept for a real release runner: it is used on GitHub Actions, or
# anywhere with PYPI_OFFLINE=0.
# Both read the examples' translations from .jsii.tabl.json (npx projen rosetta, part of the compile)
# and fail rather than ship an example they have no translation for.
set -euo pipefail
offline=${PYPI_OFFLINE:-}
if [ -z "$offline" ]; then
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then offline=0; else offline=1; fi
fi
if [ "$offline" != "1" ]; then
  exec npx jsii-pacmak -v --target python --rosetta-unknown-snippets fail
fi
if ! /usr/bin/python3 -c 'import build, wheel, setuptools' 2>/dev/null || ! command -v twine >/dev/null; then
  echo "package:python needs Debian's python3-build, python3-wheel, python3-setuptools and twine (apt-get install -y python3-build python3-wheel python3-setuptools twine)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npx jsii-pacmak --target python --code-only --rosetta-unknown-snippets fail -o "$work"
rm -rf dist/python && mkdir -p dist/python
/usr/bin/python3 -m build --no-isolation --skip-dependency-check --outdir dist/python "$work/python"
/usr/bin/python3 -m compileall -q "$work/python/src"
twine check dist/python/*
ls -l dist/python
