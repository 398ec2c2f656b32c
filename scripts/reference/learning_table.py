"""Judges, in Gymnasium, the final agents of seeds 1 to N of each preset beside those of its chapter's own
PyTorch code on the same seeds, and prints the README's learning table.

  learning_table.py COMPARE_FOLDER CHAPTER_FOLDER SEEDS PRESET...

COMPARE_FOLDER holds `cartpole compare --vary preset=... --seeds N` (its runs/preset=P/seed-S/agent.safetensors);
CHAPTER_FOLDER keeps the chapters' trained networks (P/seed-S.safetensors), trained by
scripts/reference/run_chapter.py when missing, $CHAPTER_JOBS (default 2) at a time, each on one thread. Every agent plays 100 greedy
episodes of the chapters' CartPole (CartPole-v1 cut at 200 steps, which is CartPole-v0) from
env.reset(seed=10**6 + i), in the chapter's own Network class (eval mode), and reaches the threshold when
its mean return is at least 195.
"""
import os
import subprocess
import sys

import chapters
import gymnasium as gym
import numpy as np
import torch
from safetensors.torch import load_file

EPISODES = 100
THRESHOLD = 195


def train_missing(folder, presets, seeds):
    jobs = [(preset, seed) for preset in presets for seed in seeds
            if not os.path.exists(os.path.join(folder, preset, f"seed-{seed}.safetensors"))]
    environment = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    here = os.path.dirname(os.path.abspath(__file__))
    running = []
    for preset, seed in jobs:
        os.makedirs(os.path.join(folder, preset), exist_ok=True)
        out = os.path.join(folder, preset, f"seed-{seed}.safetensors")
        running.append(subprocess.Popen([sys.executable, os.path.join(here, "run_chapter.py"), preset, str(seed),
                                         out + ".partial"], env=environment, stdout=subprocess.DEVNULL))
        running[-1].out = out
        if len(running) == int(os.environ.get("CHAPTER_JOBS", "2")):
            finish(running.pop(0))
    for process in running:
        finish(process)


def finish(process):
    if process.wait() != 0:
        raise SystemExit(f"run_chapter.py failed for {process.out}")
    os.replace(process.out + ".partial", process.out)
    print(f"trained {process.out}", file=sys.stderr)


def mean_return(path, network):
    """The mean return of `path`'s weights loaded (strictly) into `network`, the chapter's own Network class,
    played greedily in eval mode (a noisy network's means; chapter 09's at the random fractions its forward
    draws, from torch's generator seeded here so that a judgement can be repeated)."""
    torch.manual_seed(0)
    network.load_state_dict(load_file(path))
    network.eval()
    env = gym.make("CartPole-v1", max_episode_steps=200)
    returns = []
    for episode in range(EPISODES):
        observation, _ = env.reset(seed=10**6 + episode)
        total, done = 0.0, False
        while not done:
            with torch.no_grad():
                action = int(network(torch.as_tensor(observation, dtype=torch.float32)).argmax())
            observation, reward, terminated, truncated, _ = env.step(action)
            total += reward
            done = terminated or truncated
        returns.append(total)
    return float(np.mean(returns))


def chapter_network(chapter):
    """The chapter's own Network class for CartPole; a categorical one (06, 08) on its agent's support,
    51 atoms from 0 to 200."""
    network = chapters.classes(chapter)["Network"]
    if chapter.startswith(("06", "08")):
        return network(4, 2, 51, torch.linspace(0.0, 200.0, 51))
    return network(4, 2)


def main(compare, folder, seeds, presets):
    seeds = range(1, int(seeds) + 1)
    train_missing(folder, presets, seeds)
    print(f"| preset | chapter | ours: runs reaching {THRESHOLD} | chapter's PyTorch code: runs reaching {THRESHOLD} "
          "| ours: median mean return | chapter's: median mean return |")
    print("| --- | --- | --- | --- | --- | --- |")
    for preset in presets:
        chapter = __import__("run_chapter").CHAPTERS[preset][0]
        network = chapter_network(chapter)
        ours = [mean_return(os.path.join(compare, "runs", f"preset={preset}", f"seed-{seed}", "agent.safetensors"),
                            network) for seed in seeds]
        theirs = [mean_return(os.path.join(folder, preset, f"seed-{seed}.safetensors"), network) for seed in seeds]
        reach = lambda values: sum(value >= THRESHOLD for value in values)
        print(f"| {preset} | {chapter} | {reach(ours)} of {len(ours)} | {reach(theirs)} of {len(theirs)} "
              f"| {np.median(ours):.1f} | {np.median(theirs):.1f} |")


if __name__ == "__main__":
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    chapters.folder()
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
