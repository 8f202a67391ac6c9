"""Reads one peers run (BenchmarkDotNet JSON of every process start + torchdiffeq JSON) and writes the ratio table
into docs/benchmarks.md between the markers <!-- peers:begin --> and <!-- peers:end -->.

usage: ratio_table.py RUN_DIR DOC_FILE
"""
import glob
import json
import os
import re
import statistics
import sys

BEGIN, END = "<!-- peers:begin -->", "<!-- peers:end -->"

# (label, torchdiffeq workload, our benchmark type, our parameters, {torch mode: (our method name or parameter value)}).
# backprop through the solver ↔ our discrete adjoint (both differentiate the discretisation exactly);
# odeint_adjoint ↔ our continuous adjoint.
PAPER = "TorchdiffeqWorkloadBenchmarks"
ROWS = [
    ("paper, rk4 (3/8) 100 steps, N = 1 000", "paper-rk4-1000", PAPER, {"N": "1000", "Solver": "rk4-3/8"}),
    ("paper, rk4 (3/8) 100 steps, N = 100 000", "paper-rk4-100000", PAPER, {"N": "100000", "Solver": "rk4-3/8"}),
    ("paper, dopri5 1e-8, N = 1 000", "paper-dopri5-1000", PAPER, {"N": "1000", "Solver": "dopri5"}),
    ("Lotka–Volterra, 1 000 samples, dopri5 1e-8, 20 observation times", "lotka-volterra-trajectory-1000",
     "LotkaVolterraTrajectoryBenchmarks", {}),
]
SPIRAL = [
    ("spiral demo iteration, hand-written net", "", ""),
    ("spiral demo iteration, generated net", "Generated", ""),
]
METHOD = {"backprop": "Discrete", "adjoint": "Continuous"}


def parameters(text):
    return dict(part.split("=", 1) for part in text.split("&") if "=" in part)


def load_ours(run_dir):
    """{(type, method, frozenset(params)): [median ns per process start]}"""
    medians = {}
    for path in sorted(glob.glob(os.path.join(run_dir, "dotnet-*", "results", "*-report-full*.json"))):
        for b in json.load(open(path))["Benchmarks"]:
            key = (b["Type"], b["Method"], frozenset(parameters(b.get("Parameters") or "").items()))
            medians.setdefault(key, []).append(b["Statistics"]["Median"])
    return medians


def ours(medians, type_name, method, params):
    return medians.get((type_name, method, frozenset(params.items())), [])


def fmt_ms(ms):
    return f"{ms:.3g} ms" if ms < 100 else f"{ms:.0f} ms"


def cell(theirs_ms, ns_list):
    if not ns_list:
        return "–", "–"
    ms = [ns / 1e6 for ns in ns_list]
    lo, hi, mid = min(ms), max(ms), statistics.median(ms)
    ours_text = fmt_ms(mid) if len(ms) == 1 else f"{fmt_ms(mid)} ({lo:.3g}–{hi:.3g})"
    ratio_text = f"{theirs_ms / mid:.0f}×" if len(ms) == 1 else f"{theirs_ms / mid:.0f}× ({theirs_ms / hi:.0f}–{theirs_ms / lo:.0f})"
    return ours_text, ratio_text


def table(run_dir):
    theirs = json.load(open(os.path.join(run_dir, "torchdiffeq.json")))
    env = theirs["environment"]
    torch_rows = {(r["workload"], r["mode"]): r for r in theirs["rows"]}
    medians = load_ours(run_dir)
    starts = len(glob.glob(os.path.join(run_dir, "dotnet-*")))
    with open(os.path.join(run_dir, "run.txt")) as f:
        run_info = f.read().strip()

    lines = [
        BEGIN,
        f"Measured by `benchmarks/peers/run.sh` ({run_info}); CPU: {env['cpu']}; torch {env['torch']} (Debian), "
        f"torchdiffeq {(env['torchdiffeq_commit'] or 'unknown')[:7]}, Python {env['python']}. Both sides float64 and one "
        f"thread unless the column says both cores; torchdiffeq is the median of its repetitions, ours the median of "
        f"BenchmarkDotNet's median over {starts} process starts (range over the starts in brackets). Ratio = "
        "torchdiffeq ÷ ours (higher is better for us); backprop through the solver is compared with our discrete adjoint "
        "(both differentiate the discretisation exactly), `odeint_adjoint` with our continuous adjoint.",
        "",
        "| workload | torchdiffeq mode | torchdiffeq | ours, 1 thread | ratio | ours, both cores | ratio |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for label, workload, type_name, params in ROWS:
        for mode in ("backprop", "adjoint"):
            t = torch_rows.get((workload, mode))
            if t is None:
                continue
            p = dict(params, Method=METHOD[mode])
            one, r1 = cell(t["median_ms"], ours(medians, type_name, "GradientOneThread", p))
            both, r2 = cell(t["median_ms"], ours(medians, type_name, "GradientAllCores", p))
            lines.append(f"| {label} | {mode} | {fmt_ms(t['median_ms'])} | {one} | {r1} | {both} | {r2} |")
    for label, prefix, _ in SPIRAL:
        for mode in ("backprop", "adjoint"):
            t = torch_rows.get(("spiral-iteration", mode))
            if t is None:
                continue
            one, r1 = cell(t["median_ms"], ours(medians, "SpiralDemoBenchmarks", f"{prefix}{METHOD[mode]}OneThread", {}))
            lines.append(f"| {label} | {mode} | {fmt_ms(t['median_ms'])} | {one} | {r1} | – | – |")
    lines.append("")
    lines.append(END)
    return "\n".join(lines)


def main():
    run_dir, doc = sys.argv[1], sys.argv[2]
    text = open(doc).read()
    if BEGIN not in text or END not in text:
        sys.exit(f"{doc} has no {BEGIN} … {END} markers")
    new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: table(run_dir), text, flags=re.S)
    open(doc, "w").write(new)
    print(table(run_dir))


if __name__ == "__main__":
    main()
