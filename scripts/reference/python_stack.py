"""Times the Python stack on the work `cartpole` does, for the README's comparisons.

  train  the notebook's N-step DQN (PyTorch, CPU) for 20000 frames with its defaults; no plotting
  video  Gymnasium's RecordVideo writing a 500-step CartPole-v1 episode (600x400, 50 frames/s)
  plot   matplotlib drawing the three-panel training figure (2000x500 px) of a metrics.csv and saving it

Each prints one line: what, the figure, the versions. Run through scripts/bench-python-stack.
"""
import collections
import csv
import sys
import tempfile
import time

import numpy as np


def train(frames=20000):
    import gymnasium as gym
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(777)
    rng = np.random.default_rng(777)
    env = gym.make("CartPole-v0")
    gamma, n, memory_size, batch, target_update, decay = 0.99, 3, 2000, 32, 100, 1 / 2000

    def network():
        return torch.nn.Sequential(torch.nn.Linear(4, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128),
                                   torch.nn.ReLU(), torch.nn.Linear(128, 2))

    online, target = network(), network()
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters())
    # Two aligned ring buffers (1-step and n-step), columns as numpy arrays.
    fields = lambda: {"obs": np.zeros((memory_size, 4), np.float32), "next": np.zeros((memory_size, 4), np.float32),
                      "act": np.zeros(memory_size, np.int64), "rew": np.zeros(memory_size, np.float32),
                      "done": np.zeros(memory_size, np.float32)}
    one, many = fields(), fields()
    size = position = 0
    window = collections.deque(maxlen=n)

    def put(buffer, i, obs, act, rew, nxt, done):
        buffer["obs"][i], buffer["act"][i], buffer["rew"][i], buffer["next"][i], buffer["done"][i] = obs, act, rew, nxt, done

    def loss_of(buffer, idx, discount):
        obs, nxt = torch.from_numpy(buffer["obs"][idx]), torch.from_numpy(buffer["next"][idx])
        act = torch.from_numpy(buffer["act"][idx]).view(-1, 1)
        rew, done = torch.from_numpy(buffer["rew"][idx]).view(-1, 1), torch.from_numpy(buffer["done"][idx]).view(-1, 1)
        q = online(obs).gather(1, act)
        with torch.no_grad():
            goal = rew + discount * target(nxt).max(dim=1, keepdim=True)[0] * (1 - done)
        return torch.nn.functional.smooth_l1_loss(q, goal)

    state, _ = env.reset(seed=777)
    epsilon, updates = 1.0, 0
    start = time.perf_counter()
    for _ in range(frames):
        if epsilon > rng.random():
            action = int(rng.integers(2))
        else:
            with torch.no_grad():
                action = int(online(torch.from_numpy(np.asarray(state, np.float32))).argmax())
        nxt, reward, terminated, truncated, _ = env.step(action)
        done = terminated or truncated
        window.append((state, action, reward, nxt, done))
        if len(window) == n:
            # The n-step return of the window, stopping at the first end of episode.
            rew, last_next, last_done = window[-1][2], window[-1][3], window[-1][4]
            for _, _, r, nx, d in reversed(list(window)[:-1]):
                rew = r + gamma * rew * (1 - d)
                last_next, last_done = (nx, d) if d else (last_next, last_done)
            first = window[0]
            put(one, position, first[0], first[1], first[2], first[3], first[4])
            put(many, position, first[0], first[1], rew, last_next, last_done)
            position, size = (position + 1) % memory_size, min(size + 1, memory_size)
        state = nxt
        if done:
            state, _ = env.reset()
        if size >= batch:
            idx = rng.choice(size, batch, replace=False)
            loss = loss_of(one, idx, gamma) + loss_of(many, idx, gamma ** n)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            updates += 1
            epsilon = max(0.1, epsilon - 0.9 * decay)
            if updates % target_update == 0:
                target.load_state_dict(online.state_dict())
    elapsed = time.perf_counter() - start
    print(f"train: PyTorch {torch.__version__} (1 thread), notebook algorithm, {frames} frames: {elapsed:.2f} s")


def video(steps=500):
    import gymnasium as gym
    from gymnasium.wrappers import RecordVideo
    folder = tempfile.mkdtemp()
    env = RecordVideo(gym.make("CartPole-v1", render_mode="rgb_array"), folder, episode_trigger=lambda _: True,
                      disable_logger=True)
    state, _ = env.reset(seed=1)
    start = time.perf_counter()
    taken = 0
    while True:
        action = int(state[2] + 0.5 * state[3] + 0.01 * state[0] + 0.1 * state[1] > 0)
        state, _, terminated, truncated, _ = env.step(action)
        taken += 1
        if terminated or truncated:
            break
    env.close()
    elapsed = time.perf_counter() - start
    import moviepy
    print(f"video: Gymnasium {gym.__version__} RecordVideo (moviepy {moviepy.__version__}), {taken} steps, "
          f"{taken + 1} frames in {elapsed:.2f} s: {(taken + 1) / elapsed:.0f} frames/s")


def plot(path):
    start = time.perf_counter()
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rows = list(csv.DictReader(open(path)))
    scores = [float(r["score"]) for r in rows if r["score"]]
    losses = [float(r["loss"]) for r in rows if r["loss"]]
    epsilons = [float(r["epsilon"]) for r in rows if r["epsilon"]]
    loaded = time.perf_counter()
    fig = plt.figure(figsize=(20, 5), dpi=100)
    for i, (title, values) in enumerate((("score", scores), ("loss", losses), ("epsilons", epsilons))):
        plt.subplot(131 + i)
        plt.title(title)
        plt.plot(values)
    out = tempfile.mktemp(suffix=".png")
    fig.savefig(out)
    done = time.perf_counter()
    print(f"plot: matplotlib {matplotlib.__version__}, {len(losses)} updates: {done - loaded:.3f} s drawing and PNG, "
          f"{done - start:.3f} s with import and CSV")


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "train":
        train()
    elif what == "video":
        video()
    elif what == "plot":
        plot(sys.argv[2])
