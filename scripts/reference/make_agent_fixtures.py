"""Writes Tests/Fixtures/agents/: CartPole DQN agents as other trainers save them, made by the real packages,
with PyTorch's Q-values on sample observations (agents.json), and hostile files that must be refused.

- Stable-Baselines3 zips (model.save) of DQN on CartPole-v1: the default net_arch (64, 64) and (32, 16) with
  Tanh named in policy_kwargs, trained briefly, and the RL Zoo's (256, 256), trained with the Zoo's
  settings for 50000 steps (it balances), with its TensorBoard log (sb3_tensorboard/DQN_1/events.out.tfevents.*:
  rollout/ep_rew_mean, ...); a PPO zip (no Q-network).
- A CleanRL-layout QNetwork (network.0/2/4, widths 120 and 84) saved as CleanRL does:
  torch.save(q_network.state_dict(), "....cleanrl_model").
- The notebook's network (layers.0/2/4, hidden 128) saved with torch.save(net.state_dict()) as .pt, and a
  training checkpoint dict {"model_state_dict", "optimizer_state_dict", "epoch"} as .pth, in float64.
- Refused: a pickle that calls posix.system (evil_system.pt), a zip bomb (bomb.pt: data.pkl declares 1000
  bytes and inflates to 16 MB), a truncated SB3 zip, an SB3 model of another environment (Acrobot: 6
  observations, 3 actions).
Usage: python make_agent_fixtures.py OUT_DIR
"""
import io
import json
import os
import pickle
import shutil
import struct
import sys
import zipfile
import zlib

import gymnasium as gym
import numpy as np
import stable_baselines3
import torch
from stable_baselines3 import DQN, PPO

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import Network  # noqa: E402  the notebook's network

out = sys.argv[1]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
observations = torch.tensor(np.random.default_rng(5).normal(0, 0.5, (8, 4)), dtype=torch.float32)
cases = []


def case(file, kind, hidden, activation, q):
    cases.append({"file": file, "kind": kind, "hidden": hidden, "activation": activation,
                  "q_values": q.detach().to(torch.float32).tolist()})


def sb3(file, hidden, activation=None, zoo=False):
    kwargs = {"net_arch": hidden}
    if activation is not None:
        kwargs["activation_fn"] = activation
    if zoo:  # rl-baselines3-zoo's hyperparams/dqn.yml for CartPole-v1: an agent that balances
        model = DQN("MlpPolicy", gym.make("CartPole-v1"), seed=3, learning_rate=2.3e-3, batch_size=64,
                    buffer_size=100000, learning_starts=1000, gamma=0.99, target_update_interval=10, train_freq=256,
                    gradient_steps=128, exploration_fraction=0.16, exploration_final_eps=0.04, policy_kwargs=kwargs,
                    tensorboard_log=os.path.join(out, "sb3_tensorboard"))
        model.learn(50000, tb_log_name="DQN")
    else:
        model = DQN("MlpPolicy", gym.make("CartPole-v1"), seed=3, learning_starts=200, policy_kwargs=kwargs)
        model.learn(600)
    model.save(os.path.join(out, file))
    with torch.no_grad():
        q = model.q_net(observations)
    case(file, "Stable-Baselines3 model", hidden, "Tanh" if activation is torch.nn.Tanh else "ReLU", q)


sb3("sb3_dqn_64x64.zip", [64, 64])
sb3("sb3_dqn_256x256.zip", [256, 256], zoo=True)
sb3("sb3_dqn_32x16_tanh.zip", [32, 16], torch.nn.Tanh)
PPO("MlpPolicy", gym.make("CartPole-v1"), seed=3, n_steps=64, batch_size=32,
    policy_kwargs={"net_arch": [8]}).save(os.path.join(out, "sb3_ppo.zip"))
DQN("MlpPolicy", gym.make("Acrobot-v1"), seed=3, policy_kwargs={"net_arch": [8]}).save(
    os.path.join(out, "sb3_dqn_acrobot.zip"))


class CleanRLQNetwork(torch.nn.Module):
    """cleanrl/dqn.py's QNetwork for a 4-observation, 2-action environment."""
    def __init__(self):
        super().__init__()
        self.network = torch.nn.Sequential(torch.nn.Linear(4, 120), torch.nn.ReLU(), torch.nn.Linear(120, 84),
                                           torch.nn.ReLU(), torch.nn.Linear(84, 2))

    def forward(self, x):
        return self.network(x)


torch.manual_seed(7)
cleanrl = CleanRLQNetwork()
torch.save(cleanrl.state_dict(), os.path.join(out, "dqn.cleanrl_model"))
case("dqn.cleanrl_model", "PyTorch file", [120, 84], "ReLU", cleanrl(observations))


torch.manual_seed(8)
notebook = Network(128)
torch.save(notebook.state_dict(), os.path.join(out, "notebook.pt"))
case("notebook.pt", "PyTorch file", [128, 128], "ReLU", notebook(observations))
doubled = Network(64).double()
optimizer = torch.optim.Adam(doubled.parameters())
doubled(torch.zeros(1, 4, dtype=torch.float64)).sum().backward()
optimizer.step()
torch.save({"model_state_dict": doubled.state_dict(), "optimizer_state_dict": optimizer.state_dict(), "epoch": 3},
           os.path.join(out, "checkpoint_f64.pth"))
case("checkpoint_f64.pth", "PyTorch file", [64, 64], "ReLU", doubled(observations.double()))


# --- Refused -------------------------------------------------------------------------------------------
class System:
    def __reduce__(self):
        return (os.system, ("touch /tmp/cartpole-pwned",))


with zipfile.ZipFile(os.path.join(out, "evil_system.pt"), "w") as archive:
    archive.writestr("evil_system/data.pkl", pickle.dumps({"layers.0.weight": System()}, protocol=2))
    archive.writestr("evil_system/byteorder", "little")

# A zip bomb: data.pkl's headers declare 1000 bytes; its deflate stream gives 16 MB of zeros.
bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
stream = bomb.compress(b"\0" * (16 << 20)) + bomb.flush()
crc = zlib.crc32(b"\0" * (16 << 20))
name = b"bomb/data.pkl"
local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(stream), 1000, len(name), 0) + name
central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(stream), 1000, len(name), 0, 0, 0,
                      0, 0, 0) + name
end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(stream), 0)
with open(os.path.join(out, "bomb.pt"), "wb") as f:
    f.write(local + stream + central + end)

with open(os.path.join(out, "sb3_dqn_64x64.zip"), "rb") as f:
    whole = f.read()
with open(os.path.join(out, "truncated.zip"), "wb") as f:
    f.write(whole[: len(whole) // 2])

refused = [
    {"file": "evil_system.pt", "message": "posix.system"},
    {"file": "bomb.pt", "message": "zip bomb"},
    {"file": "truncated.zip", "message": "truncated"},
    {"file": "sb3_ppo.zip", "message": "only DQN models can be played"},
    {"file": "sb3_dqn_acrobot.zip", "message": "observations of shape [6] with 3 actions"},
]
with open(os.path.join(out, "agents.json"), "w") as f:
    json.dump({"about": f"CartPole agents as other trainers save them (Stable-Baselines3 {stable_baselines3.__version__}, "
                        f"PyTorch {torch.__version__}); q_values are PyTorch's outputs (float32) for the observations. "
                        "refused: files that must be refused, each with a part of the message that must say why.",
               "observations": observations.tolist(), "cases": cases, "refused": refused}, f, separators=(",", ":"))
print(f"agents.json: {len(cases)} agents, {len(refused)} refused", file=sys.stderr)
