#!/usr/bin/env bash
# Environment steps per second, dynamics alone: Earshot's batched environment
# against Farama MiniGrid's FourRoomsEnv (19×19), measured in the same run.
# MiniGrid comes from PyPI into a throwaway virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/venv-minigrid
if [[ ! -x $venv/bin/python ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "minigrid==3.0.0"
fi
swift build -c release --product earshot-benchmarks >/dev/null
earshot=$(.build/release/earshot-benchmarks dynamics --json)
minigrid=$("$venv/bin/python" - <<'PY'
import time, numpy as np
from minigrid.envs import FourRoomsEnv
env = FourRoomsEnv(max_steps=100)
env.reset(seed=1)
rng = np.random.default_rng(1)
# forward, left, right only, as in the Earshot run (MiniGrid: 0 left, 1 right, 2 forward)
actions = rng.integers(0, 3, size=30_000)
steps = 0
start = time.perf_counter()
for a in actions:
    _, _, terminated, truncated, _ = env.step(int(a))
    steps += 1
    if terminated or truncated:
        env.reset()
elapsed = time.perf_counter() - start
print(steps / elapsed)
PY
)
python3 - "$earshot" "$minigrid" <<'PY'
import json, sys
e = json.loads(sys.argv[1]); m = float(sys.argv[2])
print(f"MiniGrid FourRooms, 1 thread: {m:,.0f} steps/s (its step also builds the 7x7 observation)")
print(f"Earshot four rooms, 1 thread: {e['single_thread_steps_per_second']:,.0f} steps/s")
print(f"Earshot four rooms, {e['cores']} threads: {e['all_cores_steps_per_second']:,.0f} steps/s")
print(f"ratio Earshot/MiniGrid, 1 thread: {e['single_thread_steps_per_second'] / m:,.0f}x")
PY
