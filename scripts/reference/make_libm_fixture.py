"""Writes Tests/Fixtures/libm.json: correctly rounded sin, cos (mpmath, 400 bits) of arguments where it is hard
to be right, integer powers of the discounts and Adam's betas, and float32 powers of prioritized replay's
priorities and weights, as hex floats.

Arguments: those of CartPole's range (|x| <= 0.25) on which this machine's C library disagrees with itself
(glibc's FMA variant of sin and cos, and the SSE2 one it uses when GLIBC_TUNABLES hides FMA; none on a
processor without FMA), uniform ones in that range and up to 1e6, the doubles nearest k pi/2 and
their neighbours, tiny ones. Usage: python make_libm_fixture.py OUT_FILE
"""
import json
import math
import os
import random
import subprocess
import sys

import mpmath

mpmath.mp.prec = 400
out = sys.argv[1]
if len(sys.argv) > 2 and sys.argv[2] == "--evaluate":  # the child: this process's C library on stdin's arguments
    for line in sys.stdin:
        x = float.fromhex(line)
        print(math.sin(x).hex(), math.cos(x).hex())
    sys.exit()

generator = random.Random(31)
small = [generator.uniform(-0.25, 0.25) for _ in range(200000)]
hidden = dict(os.environ, GLIBC_TUNABLES="glibc.cpu.hwcaps=-AVX2,-FMA,-FMA4")
child = subprocess.run([sys.executable, __file__, out, "--evaluate"], input="\n".join(x.hex() for x in small),
                       capture_output=True, text=True, env=hidden, check=True).stdout.split("\n")
disagreements = [x for x, line in zip(small, child) if line != f"{math.sin(x).hex()} {math.cos(x).hex()}"][:400]

arguments = [(x, "glibc's FMA and SSE2 variants disagree") for x in disagreements]
arguments += [(generator.uniform(-0.25, 0.25), "uniform in CartPole's range") for _ in range(400)]
arguments += [(generator.uniform(-1e6, 1e6), "uniform up to 1e6") for _ in range(200)]
for k in list(range(1, 40)) + [1000, 123456, 2**20, 2**30]:
    nearest = float(k * mpmath.pi / 2)
    for x in (nearest, math.nextafter(nearest, 0), math.nextafter(nearest, math.inf)):
        arguments += [(x, "near k pi/2"), (-x, "near k pi/2")]
arguments += [(x, "tiny or special") for x in (0.0, -0.0, 5e-324, 1e-300, 2**-27, math.nextafter(2**-27, 0),
                                              2**-26, 1e-9, math.pi / 4, math.nextafter(math.pi / 4, 1), 2.0**49)]
# sin keeps the sign of a zero argument (IEEE 754), which mpmath's zero has not.
cases = [{"x": x.hex(), "sin": (x if x == 0 else float(mpmath.sin(mpmath.mpf(x)))).hex(),
          "cos": float(mpmath.cos(mpmath.mpf(x))).hex(), "why": why} for x, why in arguments]

powers = []
for base in (0.9, 0.999, 0.99, 0.5, 0.95):
    for exponent in list(range(0, 65)) + [generator.randrange(65, 10**8) for _ in range(40)]:
        powers.append({"base": base.hex(), "exponent": exponent,
                       "value": float(mpmath.mpf(base) ** exponent).hex()})

def float32(x):
    """x rounded to the nearest float32 (24 bits, ties to even), as a Python float."""
    with mpmath.workprec(24):
        return float(+mpmath.mpf(x))


# Prioritized replay's float32 powers: priorities (a loss plus 1e-6) to alpha, and N * P(i) to -beta.
float_powers = []
for _ in range(600):
    base = float32(10 ** generator.uniform(-6, 2))
    float_powers.append((base, float32(0.2)))
    float_powers.append((float32(10 ** generator.uniform(-4, 4)), float32(-generator.uniform(0.4, 1.0))))
float_powers += [(1.0, float32(0.2)), (float32(1e-6), float32(0.2)), (2.0, -1.0), (float32(0.5), float32(-0.6))]
float_cases = [{"base": b.hex(), "exponent": e.hex(), "value": float32(mpmath.mpf(b) ** mpmath.mpf(e)).hex()}
               for b, e in float_powers]
with open(out, "w") as f:
    json.dump({"sin_cos": cases, "powers": powers, "float_powers": float_cases}, f, indent=0)
print(len(disagreements), "disagreements,", len(cases), "arguments,", len(powers), "powers,", len(float_cases),
      "float powers")
