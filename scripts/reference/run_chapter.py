"""Trains a rainbow-is-all-you-need chapter's own agent for its 20000 frames, as the chapter's last cells
do (its environment, seed and parameters), without the plots it draws while training: the Python side of
scripts/bench-python-stack's timing of each preset against its chapter. The chapters' folder is
$RAINBOW_CHAPTERS.

  run_chapter.py PRESET [SEED [OUT]]   dqn (01_dqn.py), double (02_double_q.py), per (03_per.py),
                                       dueling (04_dueling.py), noisy (05_noisy_net.py), categorical
                                       (06_categorical_dqn.py), rainbow (08_rainbow.py) or
                                       rainbow-iqn (09_rainbow_iqn.py); seed 777
                                       as the chapters have it; OUT: save the trained network's state_dict there
                                       (safetensors), for scripts/reference/learning_table.py to judge
"""
import random
import sys

import chapters
import gymnasium as gym
import numpy as np
import torch

# Each preset's chapter and the parameters its "Initialize" cell gives the agent.
CHAPTERS = {
    "dqn": ("01_dqn.py", {"memory_size": 10000, "batch_size": 32, "target_update": 100, "epsilon_decay": 1 / 2000}),
    "double": ("02_double_q.py", {"memory_size": 10000, "batch_size": 32, "target_update": 100,
                                  "epsilon_decay": 1 / 2000}),
    "per": ("03_per.py", {"memory_size": 10000, "batch_size": 32, "target_update": 150, "epsilon_decay": 1 / 2000}),
    "dueling": ("04_dueling.py", {"memory_size": 10000, "batch_size": 32, "target_update": 100,
                                  "epsilon_decay": 1 / 2000}),
    "noisy": ("05_noisy_net.py", {"memory_size": 10000, "batch_size": 32, "target_update": 150}),
    "categorical": ("06_categorical_dqn.py", {"memory_size": 10000, "batch_size": 32, "target_update": 150,
                                              "epsilon_decay": 1 / 2000}),
    "rainbow": ("08_rainbow.py", {"memory_size": 5000, "batch_size": 32, "target_update": 100}),
    "rainbow-iqn": ("09_rainbow_iqn.py", {"memory_size": 5000, "batch_size": 32, "target_update": 100}),
}


def main(preset, seed=777, out=None, frames=20000):
    chapter, parameters = CHAPTERS[preset]
    namespace = chapters.classes(chapter)
    env = gym.make("CartPole-v1", max_episode_steps=200)
    # The chapters' "Set random seed" cell.
    np.random.seed(seed)
    random.seed(seed)
    torch.manual_seed(seed)
    agent = namespace["DQNAgent"](env, seed=seed, **parameters)
    agent._plot = lambda *arguments: None
    agent.train(frames)
    if out:
        from safetensors.torch import save_file
        save_file({key: value.contiguous() for key, value in agent.dqn.state_dict().items()}, out)


if __name__ == "__main__":
    main(sys.argv[1], *([int(sys.argv[2])] if len(sys.argv) > 2 else []), *sys.argv[3:4])
