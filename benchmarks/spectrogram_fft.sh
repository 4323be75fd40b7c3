#!/usr/bin/env bash
# Times the spectrogram's FFTs in three layouts: real transforms, and the two ears
# packed into complex ones, interleaved and split (see spectrogram_fft.c and docs/audio.md).
# Usage: benchmarks/spectrogram_fft.sh   (run from anywhere; needs gcc and libfftw3-dev)
set -euo pipefail
cd "$(dirname "$0")"
binary="$(mktemp -d)/spectrogram_fft"
trap 'rm -rf "$(dirname "$binary")"' EXIT
gcc -O2 -o "$binary" spectrogram_fft.c -lfftw3f
"$binary"
