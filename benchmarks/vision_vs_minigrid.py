"""Times MiniGrid's RGB partial observation, for comparison with Earshot's frames.

Prints one line: `minigrid_rgb_partial_fps <frames per CPU-second>`. The observation
is FourRooms' 7×7 egocentric view drawn at 8 px a tile (56×56 RGB) by
RGBImgPartialObsWrapper; each `env.step` moves the agent and renders one.
"""
import sys
import time

import gymnasium as gym
import minigrid  # noqa: F401  (registers the MiniGrid environments)
from minigrid.wrappers import RGBImgPartialObsWrapper

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
env = RGBImgPartialObsWrapper(gym.make("MiniGrid-FourRooms-v0"), tile_size=8)
env.reset(seed=0)
# MiniGrid actions: 0 turn left, 1 turn right, 2 forward; a walk that covers many cells.
actions = [0, 2, 1, 2, 2, 0, 2]
steps = 0
start = time.process_time()
while time.process_time() - start < seconds:
    obs, reward, terminated, truncated, info = env.step(actions[steps % len(actions)])
    if terminated or truncated:
        env.reset(seed=steps)
    steps += 1
elapsed = time.process_time() - start
assert obs["image"].shape == (56, 56, 3), obs["image"].shape
print(f"minigrid_rgb_partial_fps {steps / elapsed:.0f}")
