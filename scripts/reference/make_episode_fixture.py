"""Writes episodes.json: per-episode returns of networks PyTorch saved (Stable-Baselines3's and CleanRL's
files in Tests/Fixtures/agents), played greedily by Gymnasium from env.reset(seed=SEED + i).

The tensors are read from the files as torch.load(weights_only=True) reads them (zip, pickle with storages
as persistent ids), and the network's forward pass is numpy's in float32 (Linear layers and ReLU, as the
files' modules compute them), so that only Gymnasium and numpy are needed.
Run through scripts/make-fixtures: make_episode_fixture.py AGENTS_DIR OUT_FILE.
"""
import io
import json
import pickle
import sys
import zipfile

import gymnasium as gym
import numpy as np

AGENTS, OUT = sys.argv[1], sys.argv[2]


class StateDictUnpickler(pickle.Unpickler):
    def __init__(self, data, archive, folder):
        super().__init__(io.BytesIO(data))
        self.archive, self.folder = archive, folder

    def find_class(self, module, name):
        if (module, name) == ("collections", "OrderedDict"):
            import collections
            return collections.OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            def rebuild(storage, offset, size, stride, *rest):
                return np.lib.stride_tricks.as_strided(
                    storage[offset:], shape=size, strides=[s * storage.itemsize for s in stride]).copy()
            return rebuild
        if (module, name) == ("torch._utils", "_rebuild_parameter"):
            return lambda tensor, *rest: tensor
        if module == "torch" and name.endswith("Storage"):
            return {"FloatStorage": np.float32, "DoubleStorage": np.float64}.get(name, np.float32)
        raise pickle.UnpicklingError(f"{module}.{name}")

    def persistent_load(self, pid):
        _, dtype, key, _, count = pid
        raw = self.archive.read(f"{self.folder}data/{key}")
        return np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder("<"), count=count)


def state_dict(archive):
    pkl = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
    return StateDictUnpickler(archive.read(pkl), archive, pkl[: -len("data.pkl")]).load()


def layers(tensors, prefix):
    names = [n[: -len(".weight")] for n in tensors if n.startswith(prefix) and n.endswith(".weight")]
    return [(tensors[n + ".weight"].astype(np.float32), tensors[n + ".bias"].astype(np.float32)) for n in names]


def q_values(net, obs):
    x = np.asarray(obs, dtype=np.float32)
    for i, (w, b) in enumerate(net):
        x = w @ x + b
        if i < len(net) - 1:
            x = np.maximum(x, np.float32(0))
    return x


def load(file):
    with zipfile.ZipFile(f"{AGENTS}/{file}") as z:
        if "policy.pth" in z.namelist():
            with zipfile.ZipFile(io.BytesIO(z.read("policy.pth"))) as policy:
                return layers(state_dict(policy), "q_net.q_net.")
        return layers(state_dict(z), "")


cases = []
for file, env_id, seed, episodes in [
    ("sb3_dqn_256x256.zip", "CartPole-v1", 10000, 20),
    ("dqn.cleanrl_model", "CartPole-v1", 10000, 20),
    ("sb3_dqn_256x256.zip", "CartPole-v0", 0, 20),
]:
    net = load(file)
    env = gym.make(env_id)
    returns, lengths, closest = [], [], []
    for i in range(episodes):
        obs, _ = env.reset(seed=seed + i)
        total, length, gap = 0.0, 0, np.inf
        while True:
            q = q_values(net, obs)
            gap = min(gap, float(abs(q[1] - q[0]) / max(abs(q[0]), abs(q[1]), 1e-30)))
            obs, reward, terminated, truncated, _ = env.step(int(q[1] > q[0]))
            total += reward
            length += 1
            if terminated or truncated:
                break
        returns.append(total)
        lengths.append(length)
        closest.append(gap)
    cases.append({"agent": file, "env": env_id, "seed": seed, "returns": returns, "lengths": lengths,
                  "closest": closest})
    print(f"{file} on {env_id}: mean {np.mean(returns):.1f}", file=sys.stderr)
about = ("Gymnasium %s, numpy %s: greedy episodes of each agent (the action of the larger Q-value, left on a tie) "
         "from env.reset(seed=seed + i); Q-values by numpy in float32 from the file's tensors. `closest` is each "
         "episode's nearest decision, min |Q1 - Q0| / max(|Q0|, |Q1|): where it is about float32's precision, "
         "another order of the same float32 sums (PyTorch's, ours) may take the other action."
         % (gym.__version__, np.__version__))
with open(OUT, "w") as f:
    json.dump({"about": about, "cases": cases}, f, indent=1)
