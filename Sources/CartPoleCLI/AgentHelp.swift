import ArgumentParser

/// `--agent`'s help, the same for every command that plays agents.
let agentHelp: ArgumentHelp =
    "The agent: a checkpoint of `cartpole train` or `run` (agent.safetensors), a Stable-Baselines3 or RL Zoo DQN .zip, a PyTorch state dict (.pt, .pth, CleanRL's .cleanrl_model) or a safetensors state dict of a multilayer perceptron 4 → ... → 2."
