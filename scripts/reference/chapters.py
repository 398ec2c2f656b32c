"""The classes of a rainbow-is-all-you-need chapter (github.com/Curt-Park/rainbow-is-all-you-need), run as
the chapter defines them.

The chapters are marimo notebooks whose classes sit inside cell functions; `classes(path)` executes every
class definition of a chapter file (and nothing else: no training, no plots) in a namespace holding the
modules the chapters import, and returns that namespace. The chapters' folder is $RAINBOW_CHAPTERS.
"""
import ast
import math
import operator
import os
import random
import subprocess
import warnings
from collections import deque
from collections.abc import Callable

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.nn.utils import clip_grad_norm_


def folder():
    path = os.environ.get("RAINBOW_CHAPTERS")
    if not path or not os.path.isdir(path):
        raise SystemExit("set RAINBOW_CHAPTERS to a checkout of github.com/Curt-Park/rainbow-is-all-you-need")
    return path


def revision():
    """The chapters' git commit, for the fixtures' provenance."""
    try:
        return subprocess.run(["git", "-C", folder(), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def classes(chapter):
    """Every class the chapter file `chapter` (e.g. "02_double_q.py") defines, by name."""
    source = open(os.path.join(folder(), chapter)).read()
    namespace = {"np": np, "torch": torch, "nn": nn, "F": F, "optim": optim, "gym": gym, "warnings": warnings,
                 "random": random, "operator": operator, "Callable": Callable,
                 "clip_grad_norm_": clip_grad_norm_, "math": math, "deque": deque}
    definitions = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ClassDef)]
    # Classes in source order: a later class may use an earlier one (the agent builds the network).
    for node in sorted(definitions, key=lambda node: node.lineno):
        exec(compile(ast.Module(body=[node], type_ignores=[]), chapter, "exec"), namespace)
    return namespace
