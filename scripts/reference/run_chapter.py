"""Trains a rainbow-is-all-you-need chapter's own agent for its 20000 frames, as the chapter's last cells
do (its environment, seed and parameters), without the plots it draws while training: the Python side of
scripts/bench-python-stack's timing of each preset against its chapter. The chapters' folder is
$RAINBOW_CHAPTERS.

  run_chapter.py PRESET   dqn (01_dqn.py) or double (02_double_q.py)
"""
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
}


def main(preset, frames=20000):
    chapter, parameters = CHAPTERS[preset]
    namespace = chapters.classes(chapter)
    env = gym.make("CartPole-v1", max_episode_steps=200)
    seed = 777
    np.random.seed(seed)
    torch.manual_seed(seed)
    agent = namespace["DQNAgent"](env, seed=seed, **parameters)
    agent._plot = lambda *arguments: None
    agent.train(frames)


if __name__ == "__main__":
    main(sys.argv[1])
