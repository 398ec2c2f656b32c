"""Writes Tests/Fixtures/tensorboard/: event files made by TensorBoard's own writer (EventFileWriter) with
the scalars CleanRL and Stable-Baselines3 log (simple_value, as PyTorch's SummaryWriter writes them) and
one as TensorFlow 2 writes scalars (a one-value float tensor), and tensorboard.json, what TensorBoard's own
reader (EventAccumulator) reads back from them. Usage: python make_tensorboard_fixture.py OUT_DIR
"""
import json
import os
import shutil
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator, TENSORS
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboard.summary.writer.event_file_writer import EventFileWriter

out = sys.argv[1]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
writer = EventFileWriter(out, filename_suffix=".cleanrl")
for step in range(1, 41):
    values = [summary_pb2.Summary.Value(tag="charts/episodic_return", simple_value=float(10 + step * 4.5))]
    if step % 4 == 0:
        values.append(summary_pb2.Summary.Value(tag="losses/td_loss", simple_value=1.0 / step))
    writer.add_event(event_pb2.Event(wall_time=1700000000.0 + step, step=step * 100, summary=summary_pb2.Summary(value=values)))
for step in (1000, 2000, 3000):
    tensor = tensor_pb2.TensorProto(
        dtype=types_pb2.DT_FLOAT, tensor_shape=tensor_shape_pb2.TensorShapeProto(), float_val=[step / 20.0])
    value = summary_pb2.Summary.Value(tag="eval/mean_reward", tensor=tensor)
    writer.add_event(event_pb2.Event(wall_time=1700001000.0 + step, step=step, summary=summary_pb2.Summary(value=[value])))
writer.close()

accumulator = EventAccumulator(out, size_guidance={TENSORS: 0, "scalars": 0})
accumulator.Reload()
expected = {}
for tag in accumulator.Tags()["scalars"]:
    expected[tag] = [[e.step, e.value] for e in accumulator.Scalars(tag)]
for tag in accumulator.Tags()["tensors"]:
    from tensorboard.util import tensor_util
    expected[tag] = [[e.step, float(tensor_util.make_ndarray(e.tensor_proto))] for e in accumulator.Tensors(tag)]
(name,) = [f for f in os.listdir(out) if f.startswith("events.out.tfevents")]
with open(os.path.join(out, "tensorboard.json"), "w") as f:
    json.dump({"file": name, "scalars": expected}, f, indent=1, sort_keys=True)
print(name, {k: len(v) for k, v in expected.items()})
