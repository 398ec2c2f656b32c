"""Writes Tests/Fixtures/sb3_logs/: the logs Stable-Baselines3 writes for two short DQN trainings on
CartPole-v1, each with Monitor(env, DIR) (DIR/monitor.csv, whose first line names env_id) and
tensorboard_log=DIR (DIR/DQN_1/events.out.tfevents.*): `evaluated/` also ran an EvalCallback (eval/mean_reward
every 500 steps, 3 episodes), `rollout/` did not (rollout/ep_rew_mean only). logs.json gives, per training,
the monitor's env_id and episode count, and every eval/mean_reward as TensorBoard's EventAccumulator reads it.
Usage: python make_log_fixture.py OUT_DIR
"""
import json
import os
import shutil
import sys

import gymnasium as gym
from stable_baselines3 import DQN
from stable_baselines3.common.callbacks import EvalCallback
from stable_baselines3.common.monitor import Monitor
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

out = sys.argv[1]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
cases = {}
for name, evaluated in (("evaluated", True), ("rollout", False)):
    folder = os.path.join(out, name)
    os.makedirs(folder)
    env = Monitor(gym.make("CartPole-v1"), folder)
    # rl-baselines3-zoo's hyperparams/dqn.yml for CartPole-v1, shortened.
    model = DQN("MlpPolicy", env, seed=3, learning_rate=2.3e-3, batch_size=64, buffer_size=100000,
                learning_starts=500, gamma=0.99, target_update_interval=10, train_freq=256, gradient_steps=128,
                exploration_fraction=0.16, exploration_final_eps=0.04, policy_kwargs={"net_arch": [64, 64]},
                tensorboard_log=folder)
    callback = EvalCallback(Monitor(gym.make("CartPole-v1")), eval_freq=500, n_eval_episodes=3,
                            verbose=0) if evaluated else None
    model.learn(4000, tb_log_name="DQN", callback=callback)
    env.close()
    accumulator = EventAccumulator(os.path.join(folder, "DQN_1"), size_guidance={"scalars": 0})
    accumulator.Reload()
    with open(os.path.join(folder, "monitor.csv")) as f:
        header = json.loads(f.readline()[1:])
        episodes = sum(1 for _ in f) - 1
    cases[name] = {
        "env_id": header["env_id"],
        "episodes": episodes,
        "tags": sorted(accumulator.Tags()["scalars"]),
        "eval_mean_reward": [[e.step, e.value] for e in accumulator.Scalars("eval/mean_reward")] if evaluated else [],
    }
with open(os.path.join(out, "logs.json"), "w") as f:
    json.dump(cases, f, indent=1, sort_keys=True)
print({k: (v["episodes"], len(v["eval_mean_reward"])) for k, v in cases.items()})
