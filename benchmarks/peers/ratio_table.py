"""Reads one peers run (BenchmarkDotNet JSON of every process start + torchdiffeq JSON) and writes the ratio table
into docs/benchmarks.md between the markers <!-- peers:begin --> and <!-- peers:end -->; when the run also holds the
stiff workloads (stiff-counts.json from `--stiff-counts`, scipy_stiff.json), the stiff table between
<!-- stiff:begin --> and <!-- stiff:end -->. A table whose inputs the run lacks is left as it is.

usage: ratio_table.py RUN_DIR DOC_FILE
"""
import glob
import json
import math
import os
import re
import statistics
import sys

BEGIN, END = "<!-- peers:begin -->", "<!-- peers:end -->"
STIFF_BEGIN, STIFF_END = "<!-- stiff:begin -->", "<!-- stiff:end -->"
STIFF_PROBLEMS = [("Robertson", "Robertson, t = 1e5"), ("VanDerPol", "Van der Pol μ = 1 000, [0, 2 000]")]
OUR_STIFF = ["Rodas5P", "Rodas4", "Kvaerno5"]
SCIPY_STIFF = ["Radau", "BDF", "LSODA"]

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
    # StepSharing.PerGroup: groups of 128 samples share one adaptive step sequence in vector lanes, as torchdiffeq's batch does.
    ("paper, dopri5 1e-8, N = 1 000, steps shared per group", "paper-dopri5-1000", PAPER, {"N": "1000", "Solver": "dopri5"}, "Shared"),
    ("Lotka–Volterra, as above, steps shared per group", "lotka-volterra-trajectory-1000",
     "LotkaVolterraTrajectoryBenchmarks", {}, "Shared"),
]
# (label, torchdiffeq workload, our benchmark type, our method prefix, our method suffix)
SPIRAL = [
    ("spiral demo iteration, hand-written net", "spiral-iteration", "SpiralDemoBenchmarks", "", ""),
    ("spiral demo iteration, generated net", "spiral-iteration", "SpiralDemoBenchmarks", "Generated", ""),
    # The 20 sequences share one step sequence in lanes (StepSharing.PerGroup), as torchdiffeq solves the batch.
    ("spiral demo iteration, generated net, steps shared by the batch", "spiral-iteration", "SpiralDemoBenchmarks", "Generated", "Shared"),
    ("spiral demo iteration, generated 2-160-160-2 net (loops kept)", "spiral-wide-iteration", "SpiralWideBenchmarks", "", ""),
    # Past VectorLanes.MaxParameters (1 024) the lane paths are refused, so this row measures the one-by-one fallback.
    ("spiral, 2-160-160-2 net, StepSharing.PerGroup asked (falls back: > 1 024 parameters)", "spiral-wide-iteration",
     "SpiralWideBenchmarks", "", "Shared"),
]
METHOD = {"backprop": "Discrete", "adjoint": "Continuous"}


def parameters(text):
    return dict(part.split("=", 1) for part in text.split("&") if "=" in part)


def load_ours(run_dir):
    """{(type, method, frozenset(params)): [median ns per process start]}"""
    medians = {}
    # dotnet-<start>/results (one process per start) or dotnet-<start>/<class>/results (one process per class and start).
    paths = glob.glob(os.path.join(run_dir, "dotnet-*", "results", "*-report-full*.json"))
    paths += glob.glob(os.path.join(run_dir, "dotnet-*", "*", "results", "*-report-full*.json"))
    for path in sorted(paths):
        for b in json.load(open(path))["Benchmarks"]:
            key = (b["Type"], b["Method"], frozenset(parameters(b.get("Parameters") or "").items()))
            medians.setdefault(key, []).append(b["Statistics"]["Median"])
    return medians


def ours(medians, type_name, method, params):
    return medians.get((type_name, method, frozenset(params.items())), [])


def fmt_ms(ms):
    return f"{ms:.3g} ms" if ms < 100 else f"{ms:.0f} ms"


def fmt_ratio(r):
    """Whole numbers from 10 up; below that enough digits that a ratio under 1 (we are slower) reads as such."""
    return f"{r:.0f}" if r >= 10 else f"{r:.1f}" if r >= 1 else f"{r:.2f}"


def ratio(r):
    return fmt_ratio(r) + "×"


def cell(theirs_ms, ns_list):
    if not ns_list:
        return "–", "–"
    ms = [ns / 1e6 for ns in ns_list]
    lo, hi, mid = min(ms), max(ms), statistics.median(ms)
    ours_text = fmt_ms(mid) if len(ms) == 1 else f"{fmt_ms(mid)} ({lo:.3g}–{hi:.3g})"
    ratio_text = ratio(theirs_ms / mid) if len(ms) == 1 else f"{ratio(theirs_ms / mid)} ({fmt_ratio(theirs_ms / hi)}–{fmt_ratio(theirs_ms / lo)})"
    return ours_text, ratio_text


def table(run_dir):
    theirs = json.load(open(os.path.join(run_dir, "torchdiffeq.json")))
    env = theirs["environment"]
    torch_rows = {(r["workload"], r["mode"]): r for r in theirs["rows"]}
    medians = load_ours(run_dir)
    starts = len([d for d in glob.glob(os.path.join(run_dir, "dotnet-*")) if os.path.isdir(d)])
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
    for label, workload, type_name, params, *sharing in ROWS:
        for mode in ("backprop", "adjoint"):
            t = torch_rows.get((workload, mode))
            if t is None:
                continue
            p = dict(params, Method=METHOD[mode] + "".join(sharing))
            one, r1 = cell(t["median_ms"], ours(medians, type_name, "GradientOneThread", p))
            both, r2 = cell(t["median_ms"], ours(medians, type_name, "GradientAllCores", p))
            lines.append(f"| {label} | {mode} | {fmt_ms(t['median_ms'])} | {one} | {r1} | {both} | {r2} |")
    for label, workload, type_name, prefix, suffix in SPIRAL:
        for mode in ("backprop", "adjoint"):
            t = torch_rows.get((workload, mode))
            if t is None:
                continue
            one, r1 = cell(t["median_ms"], ours(medians, type_name, f"{prefix}{METHOD[mode]}{suffix}OneThread", {}))
            lines.append(f"| {label} | {mode} | {fmt_ms(t['median_ms'])} | {one} | {r1} | – | – |")
    lines.append("")
    lines.append(END)
    return "\n".join(lines)


def stiff_medians(medians, problem, method, rtol):
    """Our BenchmarkDotNet medians (ns) of one stiff cell, one per process start (Rtol printed as e.g. 1E-08)."""
    found = []
    for (type_name, name, params), values in medians.items():
        p = dict(params)
        if (type_name == "StiffBenchmarks" and name == "Solve" and p.get("Problem") == problem and p.get("Method") == method
                and "Rtol" in p and math.isclose(float(p["Rtol"]), rtol, rel_tol=1e-9)):
            found.extend(values)
    return found


def fmt_count(row, key):
    return f"{row[key]:,}".replace(",", " ") if key in row else "–"


def implicit(row, key):
    """A count only an implicit method has: '–' for the explicit Dormand–Prince row."""
    return "–" if row["method"] == "Dopri5" else fmt_count(row, key)


def stiff_table(run_dir):
    counts = json.load(open(os.path.join(run_dir, "stiff-counts.json")))
    scipy_run = json.load(open(os.path.join(run_dir, "scipy_stiff.json")))
    env = scipy_run["environment"]
    medians = load_ours(run_dir)
    starts = len([d for d in glob.glob(os.path.join(run_dir, "dotnet-*")) if os.path.isdir(d)])
    with open(os.path.join(run_dir, "run.txt")) as f:
        run_info = f.read().strip()
    budget = f"{counts['dopri5_step_budget']:,}".replace(",", " ")
    ours_rows = {(r["problem"], r["method"], r["rtol"]): r for r in counts["rows"]}
    scipy_rows = {(r["problem"], r["method"], r["rtol"]): r for r in scipy_run["rows"]}
    lines = [
        STIFF_BEGIN,
        f"Measured by `benchmarks/peers/run.sh` ({run_info}); CPU: {env['cpu']}; SciPy {env['scipy']} (Debian), NumPy "
        f"{env['numpy']}, Python {env['python']}, `solve_ivp` with the analytic Jacobian ({env['jacobian']}), median of "
        f"{env['repeats']} solves. Ours: one thread, the median of BenchmarkDotNet's median over {starts} process starts "
        "(range in brackets). Same problems, initial values, rtol and atol (Robertson atol = 1e-6·rtol, Van der Pol "
        "1e-2·rtol) on both sides; error = largest componentwise relative error at the end against the tests' references. "
        "SciPy's steps are accepted steps (len(sol.t) − 1); it does not report rejected steps or Newton iterations. Ratio = "
        "SciPy Radau ÷ ours (higher is better for us). Dormand–Prince (ours, explicit) with a budget of "
        f"{budget} steps, not timed.",
        "",
        "| problem | rtol | solver | steps | rejected | Jacobians | LUs | Newton its | error | wall time | Radau ÷ ours |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for problem, label in STIFF_PROBLEMS:
        for rtol in sorted({key[2] for key in ours_rows if key[0] == problem}, reverse=True):
            radau = scipy_rows.get((problem, "Radau", rtol))
            for method in OUR_STIFF + ["Dopri5"]:
                r = ours_rows.get((problem, method, rtol))
                if r is None:
                    continue
                name = "ours DP5 (explicit)" if method == "Dopri5" else f"ours {method}"
                if "failure" in r:
                    lines.append(f"| {label} | {rtol:g} | {name} | failed: {r['failure']} | | | | | | | |")
                    continue
                wall, ratio = "–", "–"
                if method != "Dopri5":
                    ns = stiff_medians(medians, problem, method, rtol)
                    if ns:
                        wall, ratio = cell(radau["median_ms"], ns) if radau else (cell(1.0, ns)[0], "–")
                lines.append(
                    f"| {label} | {rtol:g} | {name} | {fmt_count(r, 'steps')} | {fmt_count(r, 'rejected')} | "
                    f"{implicit(r, 'njev')} | {implicit(r, 'nlu')} | {implicit(r, 'newton')} | {r['relative_error']:.1e} | "
                    f"{wall} | {ratio} |")
            for method in SCIPY_STIFF:
                r = scipy_rows.get((problem, method, rtol))
                if r is None:
                    continue
                status = "" if r["success"] else f" (failed: {r['message']})"
                lines.append(
                    f"| {label} | {rtol:g} | SciPy {method}{status} | {fmt_count(r, 'steps')} | – | {fmt_count(r, 'njev')} | "
                    f"{fmt_count(r, 'nlu')} | – | {r['relative_error']:.1e} | {fmt_ms(r['median_ms'])} | – |")
    lines.append("")
    lines.append(STIFF_END)
    return "\n".join(lines)


def replace(text, doc, begin, end, make):
    if begin not in text or end not in text:
        sys.exit(f"{doc} has no {begin} … {end} markers")
    new_table = make()
    print(new_table)
    return re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: new_table, text, flags=re.S)


def main():
    run_dir, doc = sys.argv[1], sys.argv[2]
    text = open(doc).read()
    has_peers = os.path.exists(os.path.join(run_dir, "torchdiffeq.json"))
    has_stiff = all(os.path.exists(os.path.join(run_dir, f)) for f in ("stiff-counts.json", "scipy_stiff.json"))
    if not has_peers and not has_stiff:
        sys.exit(f"{run_dir} has neither torchdiffeq.json nor stiff-counts.json with scipy_stiff.json")
    if has_peers:
        text = replace(text, doc, BEGIN, END, lambda: table(run_dir))
    if has_stiff:
        text = replace(text, doc, STIFF_BEGIN, STIFF_END, lambda: stiff_table(run_dir))
    open(doc, "w").write(text)


if __name__ == "__main__":
    main()
