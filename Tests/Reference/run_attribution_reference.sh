#!/usr/bin/env bash
# Writes the JAX reference values for the attribution tests into a safetensors file.
# Usage: Tests/Reference/run_attribution_reference.sh OUTPUT.safetensors
# Exit status is non-zero, with the reason on stderr, when the reference cannot be made
# (no python3, no network for pip, a JAX error).
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 OUTPUT.safetensors" >&2
  exit 2
fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/venv.sh"
JAX_PLATFORMS=cpu "$VENV_PYTHON" "$HERE/attribution_reference.py" "$1"
