"""Reads the event file `cartpole train` wrote into RUN_DIR with TensorBoard's own reader (EventAccumulator)
and writes RUN_DIR/tensorboard.json: every tag's (step, value) as TensorBoard reads them, for the tests to
check against the run's metrics.csv and eval.csv. Usage: python read_our_event_file.py RUN_DIR
"""
import glob
import json
import os
import sys

import tensorboard
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

run = sys.argv[1]
(path,) = glob.glob(os.path.join(run, "events.out.tfevents.*"))
accumulator = EventAccumulator(path, size_guidance={"scalars": 0})
accumulator.Reload()
tags = {tag: [[event.step, event.value] for event in accumulator.Scalars(tag)]
        for tag in accumulator.Tags()["scalars"]}
with open(os.path.join(run, "tensorboard.json"), "w") as f:
    json.dump({"about": f"The scalars of {os.path.basename(path)}, written by `cartpole train`, as TensorBoard "
                        f"{tensorboard.__version__}'s EventAccumulator reads them: tag -> [step, value].",
               "file": os.path.basename(path), "tags": tags}, f, separators=(",", ":"))
print(f"{run}/tensorboard.json: " + ", ".join(f"{tag} {len(v)}" for tag, v in tags.items()), file=sys.stderr)
