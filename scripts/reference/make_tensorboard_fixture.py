"""Writes Tests/Fixtures/tensorboard/: an event file made by PyTorch's SummaryWriter with the scalars CleanRL
logs (add_scalar: simple_value), and one tag as TensorFlow 2 writes scalars (a one-value float tensor, added
through the same writer), and tensorboard.json, what TensorBoard's own
reader (EventAccumulator) reads back from them. Usage: python make_tensorboard_fixture.py OUT_DIR
"""
import json
import os
import shutil
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator, TENSORS
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from torch.utils.tensorboard import SummaryWriter

out = sys.argv[1]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
# CleanRL's scalars as CleanRL writes them: PyTorch's SummaryWriter.add_scalar.
summary_writer = SummaryWriter(out, filename_suffix=".cleanrl")
for step in range(1, 41):
    summary_writer.add_scalar("charts/episodic_return", float(10 + step * 4.5), step * 100, walltime=1700000000.0 + step)
    if step % 4 == 0:
        summary_writer.add_scalar("losses/td_loss", 1.0 / step, step * 100, walltime=1700000000.0 + step)
writer = summary_writer._get_file_writer()
for step in (1000, 2000, 3000):
    tensor = tensor_pb2.TensorProto(
        dtype=types_pb2.DT_FLOAT, tensor_shape=tensor_shape_pb2.TensorShapeProto(), float_val=[step / 20.0])
    value = summary_pb2.Summary.Value(tag="eval/mean_reward", tensor=tensor)
    writer.add_event(event_pb2.Event(wall_time=1700001000.0 + step, step=step, summary=summary_pb2.Summary(value=[value])))
summary_writer.close()

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
