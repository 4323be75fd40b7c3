#!/usr/bin/env bash
# Creates (or reuses) the throwaway virtual environment with a pinned CPU JAX.
# Usage: source Tests/Reference/venv.sh; prints nothing on success, sets VENV_PYTHON.
# The pins are versions that PyPI serves for CPython 3.10-3.13 on x86-64 Linux.
set -euo pipefail
JAX_VERSION="0.4.38"
NUMPY_VERSION="2.2.6"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${EARSHOT_REFERENCE_VENV:-$ROOT/.build/venv-reference}"
STAMP="$VENV/.earshot-jax-$JAX_VERSION-numpy-$NUMPY_VERSION"
if [ ! -f "$STAMP" ]; then
  PYTHON="$(command -v python3 || true)"
  if [ -z "$PYTHON" ]; then
    echo "error: python3 is not on PATH; the JAX reference needs CPython 3.10-3.13" >&2
    exit 3
  fi
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "jax[cpu]==$JAX_VERSION" "jaxlib==$JAX_VERSION" "numpy==$NUMPY_VERSION" >&2
  touch "$STAMP"
fi
VENV_PYTHON="$VENV/bin/python"
