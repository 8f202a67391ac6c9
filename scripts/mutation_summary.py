#!/usr/bin/env python3
"""Summarises a Stryker mutation-report.json: counts per file and in total, and the surviving mutants.

    python3 scripts/mutation_summary.py out/mutation/solvers/reports/mutation-report.json [--survivors] [--without TEXT ...]

The score is Stryker's: killed + timeout over killed + timeout + survived + no coverage (compile errors and ignored
mutants do not count).

--without TEXT (repeatable) recomputes the report as if the tests whose file path or full name contains TEXT did not
exist (a test file's name, or a test method's name for cases added to an older file): a killed mutant whose killers all lie in those files counts as survived (as no coverage when they were also the only
tests covering it). Stryker's vstest runner runs every covering test of a mutant and lists every failing one in
killedBy, so one run with new tests gives both the score before them and after them. Timeouts are kept as they are
(the report does not say which test ran long).
"""
import json
import sys
from collections import Counter

STATUSES = ["Killed", "Timeout", "Survived", "NoCoverage", "CompileError", "RuntimeError", "Ignored"]


def score(counts):
    detected = counts["Killed"] + counts["Timeout"]
    valid = detected + counts["Survived"] + counts["NoCoverage"]
    return (100.0 * detected / valid) if valid else float("nan"), valid


def reclassify(report, without):
    """Drops the tests whose file path or name contains one of the texts in without (see the module doc)."""
    dropped = set()
    for path, data in report.get("testFiles", {}).items():
        for test in data.get("tests", []):
            if any(text in path or text in test.get("name", "") for text in without):
                dropped.add(test["id"])
    for data in report["files"].values():
        for m in data["mutants"]:
            if m["status"] != "Killed":
                continue
            killers = [t for t in (m.get("killedBy") or []) if t not in dropped]
            if not killers:
                covering = [t for t in (m.get("coveredBy") or []) if t not in dropped]
                m["status"] = "Survived" if covering else "NoCoverage"


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    show = "--survivors" in sys.argv[2:]
    args = sys.argv[2:]
    without = [args[i + 1] for i, a in enumerate(args) if a == "--without" and i + 1 < len(args)]
    if without:
        reclassify(report, without)
    total = Counter()
    rows = []
    survivors = []
    for path, data in sorted(report["files"].items()):
        counts = Counter(m["status"] for m in data["mutants"])
        if sum(counts[s] for s in ("Killed", "Timeout", "Survived", "NoCoverage")) == 0:
            continue
        total.update(counts)
        rows.append((path, counts))
        lines = data["source"].splitlines()
        for m in data["mutants"]:
            if m["status"] in ("Survived", "NoCoverage"):
                line = m["location"]["start"]["line"]
                code = lines[line - 1].strip() if line - 1 < len(lines) else ""
                survivors.append((path, line, m["status"], m["mutatorName"], m.get("replacement", ""), code))

    print("| file | killed | timeout | survived | no coverage | compile error | score |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for path, counts in rows:
        s, _ = score(counts)
        short = path.split("/src/", 1)[-1]
        print(f"| {short} | {counts['Killed']} | {counts['Timeout']} | {counts['Survived']} | {counts['NoCoverage']} | {counts['CompileError']} | {s:.1f} % |")
    s, valid = score(total)
    print(f"| **total** | {total['Killed']} | {total['Timeout']} | {total['Survived']} | {total['NoCoverage']} | {total['CompileError']} | **{s:.1f} %** |")
    if show:
        print()
        for path, line, status, mutator, replacement, code in survivors:
            short = path.split("/src/", 1)[-1]
            print(f"{short}:{line} {status} {mutator}: `{code}` -> `{replacement}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
