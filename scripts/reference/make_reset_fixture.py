"""Writes resets.json: the start states Gymnasium's CartPole draws for given seeds.

`env.reset(seed=s)` seeds the environment's generator (numpy's SeedSequence(s) feeding PCG64) and draws
uniform(-0.05, 0.05, 4) in float64; the observation is that state as float32. Later `env.reset()` calls
without a seed continue the same generator, as a training or a recording does after its first reset.
Run through scripts/make-fixtures (or with any Python that has gymnasium): make_reset_fixture.py OUT_FILE.
"""
import json
import sys

import gymnasium as gym
import numpy as np

SEEDS = [0, 1, 2, 7, 777, 10000, 1000001, 2**31 - 1, 2**32 - 1, 2**32, 2**53 + 1, 2**63, 2**64 - 1]

cases = []
for seed in SEEDS:
    for env_id in ["CartPole-v0", "CartPole-v1"]:
        env = gym.make(env_id)
        resets = []
        obs, _ = env.reset(seed=seed)
        for k in range(3):
            if k > 0:
                obs, _ = env.reset()
            resets.append({"state": [float(v) for v in env.unwrapped.state],
                           "observation": [float(v) for v in obs]})
        cases.append({"env": env_id, "seed": str(seed), "resets": resets})
about = ("Gymnasium %s, numpy %s: CartPole's env.reset(seed=SEED) (the first of `resets`), then env.reset() twice; "
         "`state` is the float64 state, `observation` the float32 observation. Seeds are strings (up to 2^64 - 1)."
         % (gym.__version__, np.__version__))
with open(sys.argv[1], "w") as f:
    json.dump({"about": about, "cases": cases}, f, indent=1)
print(f"{sys.argv[1]}: {len(cases)} cases", file=sys.stderr)
