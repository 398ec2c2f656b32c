"""Draws a `cartpole compare` folder's data with rliable's own plotting functions (the reference for
compare.png): the IQM curve with 95% bands (plot_sample_efficiency_curve), the final IQM, median and mean
as interval estimates (plot_interval_estimates) and the performance profiles (plot_performance_profiles),
with rliable's stratified bootstrap. Usage: python compare_rliable.py DIR OUT.png
"""
import csv
import glob
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from rliable import library as rly
from rliable import metrics, plot_utils

folder, out = sys.argv[1], sys.argv[2]
with open(os.path.join(folder, "compare.csv")) as f:
    rows = list(csv.DictReader(f))
variants = list(dict.fromkeys(row["variant"] for row in rows))
final = {v: np.array([[float(r["final_eval_mean"])] for r in rows if r["variant"] == v]) for v in variants}

# Curves: each run's evaluation means by frame, from the run folders (frames common to all runs).
curves, frames = {}, None
for v in variants:
    runs = []
    for path in sorted(glob.glob(os.path.join(folder, "runs", v.replace("/", "_"), "seed-*", "eval.csv"))):
        by_frame = {}
        with open(path) as f:
            for r in csv.DictReader(f):
                by_frame.setdefault(int(r["frame"]), []).append(float(r["return"]))
        runs.append(by_frame)
    if runs:
        common = sorted(set.intersection(*(set(r) for r in runs)))
        frames = common if frames is None else [x for x in frames if x in common]
        curves[v] = runs
iqm = lambda scores: np.array([metrics.aggregate_iqm(scores[..., i]) for i in range(scores.shape[-1])])

fig, axes = plt.subplots(1, 3, figsize=(21, 4.5))
if frames:
    scores = {v: np.array([[[np.mean(r[x])] for x in frames] for r in runs]).transpose(0, 2, 1)
              for v, runs in curves.items()}
    point, interval = rly.get_interval_estimates(scores, iqm, reps=2000)
    plot_utils.plot_sample_efficiency_curve(
        np.array(frames), point, interval, algorithms=variants, xlabel="frame", ylabel="evaluation return (IQM)",
        ax=axes[0])
    axes[0].legend()
aggregate = lambda x: np.array([metrics.aggregate_median(x), metrics.aggregate_iqm(x), metrics.aggregate_mean(x)])
point, interval = rly.get_interval_estimates(final, aggregate, reps=2000)
taus = np.linspace(0, 500 if max(float(r["final_eval_mean"]) for r in rows) > 200 else 200, 101)
profiles, profile_cis = rly.create_performance_profile(final, taus)
plot_utils.plot_performance_profiles(
    profiles, taus, performance_profile_cis=profile_cis, xlabel="final evaluation return τ", ax=axes[2])
axes[2].legend(variants)
fig.tight_layout()
fig.savefig(out, dpi=100)
figure, _ = plot_utils.plot_interval_estimates(
    point, interval, metric_names=["Median", "IQM", "Mean"], algorithms=variants,
    xlabel="final evaluation return")
figure.savefig(out.replace(".png", "-intervals.png"), dpi=100, bbox_inches="tight")
print(out, out.replace(".png", "-intervals.png"))
