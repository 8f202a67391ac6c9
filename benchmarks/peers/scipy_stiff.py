"""SciPy's solve_ivp (Radau, BDF, LSODA) on the stiff workloads of StiffBenchmarks, with the same problems, tolerances
and references, and the analytic Jacobian passed as `jac` (dense, a callable) for every method. Writes JSON.

Reported per cell: steps = len(sol.t) - 1 (accepted steps: solve_ivp records every accepted step when t_eval is None;
SciPy does not report rejected steps), nfev, njev, nlu as solve_ivp gives them, the largest componentwise relative
error against the reference, and the median wall time of `repeats` solves (after one untimed warm-up solve).

usage: scipy_stiff.py --out FILE [--repeats N] [--rtol 1e-6,1e-8] [--problems Robertson,VanDerPol]
"""
import argparse
import json
import platform
import statistics
import time

import numpy as np
import scipy
from scipy.integrate import solve_ivp

K1, K2, K3, MU = 0.04, 3e7, 1e4, 1000.0


def robertson(t, y):
    a, b, c = y
    return [-K1 * a + K3 * b * c, K1 * a - K3 * b * c - K2 * b * b, K2 * b * b]


def robertson_jac(t, y):
    a, b, c = y
    return np.array([[-K1, K3 * c, K3 * b],
                     [K1, -K3 * c - 2 * K2 * b, -K3 * b],
                     [0.0, 2 * K2 * b, 0.0]])


def vdp(t, y):
    x, v = y
    return [v, MU * (1 - x * x) * v - x]


def vdp_jac(t, y):
    x, v = y
    return np.array([[0.0, 1.0], [-2 * MU * x * v - 1, MU * (1 - x * x)]])


# The same as StiffBenchmarks: horizon, initial state, atol as a function of rtol, and the runtime tests' references
# (SciPy 1.10.1 Radau with this Jacobian at rtol 1e-13, atol 1e-16 resp. 1e-15).
PROBLEMS = {
    "Robertson": dict(f=robertson, jac=robertson_jac, t1=1e5, y0=[1.0, 0.0, 0.0], atol=lambda rtol: 1e-6 * rtol,
                      reference=[0.017865921142103402, 7.274751468437972e-08, 0.982134006110379]),
    "VanDerPol": dict(f=vdp, jac=vdp_jac, t1=2000.0, y0=[2.0, 0.0], atol=lambda rtol: 1e-2 * rtol,
                      reference=[1.7061677321704731, -0.0008928097010248079]),
}
METHODS = ["Radau", "BDF", "LSODA"]


def solve(problem, method, rtol):
    p = PROBLEMS[problem]
    return solve_ivp(p["f"], (0.0, p["t1"]), p["y0"], method=method, rtol=rtol, atol=p["atol"](rtol), jac=p["jac"])


def cell(problem, method, rtol, repeats):
    p = PROBLEMS[problem]
    sol = solve(problem, method, rtol)  # warm-up, and the counts
    row = dict(problem=problem, method=method, rtol=rtol, atol=p["atol"](rtol), success=bool(sol.success),
               message=sol.message, steps=len(sol.t) - 1, nfev=int(sol.nfev), njev=int(sol.njev), nlu=int(sol.nlu))
    ref = np.array(p["reference"])
    row["relative_error"] = float(np.max(np.abs(sol.y[:, -1] - ref) / np.abs(ref)))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        solve(problem, method, rtol)
        times.append((time.perf_counter() - start) * 1e3)
    row["median_ms"] = statistics.median(times)
    row["times_ms"] = times
    return row


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--rtol", default="1e-6,1e-8")
    parser.add_argument("--problems", default="Robertson,VanDerPol")
    args = parser.parse_args()
    rows = []
    for problem in args.problems.split(","):
        for rtol in (float(r) for r in args.rtol.split(",")):
            for method in METHODS:
                row = cell(problem, method, rtol, args.repeats)
                print(f"{problem} {method} rtol {rtol:g} atol {row['atol']:g}: {row['steps']} steps, nfev {row['nfev']}, "
                      f"njev {row['njev']}, nlu {row['nlu']}, relative error {row['relative_error']:.2e}, "
                      f"median {row['median_ms']:.1f} ms ({'ok' if row['success'] else row['message']})", flush=True)
                rows.append(row)
    environment = dict(python=platform.python_version(), scipy=scipy.__version__, numpy=np.__version__, cpu=cpu_name(),
                       repeats=args.repeats, jacobian="analytic, dense callable")
    with open(args.out, "w") as f:
        json.dump(dict(environment=environment, rows=rows), f, indent=1)


if __name__ == "__main__":
    main()
