#!/usr/bin/env python3
"""Summarises a Stryker mutation-report.json: counts per file and in total, and the surviving mutants.

    python3 scripts/mutation_summary.py out/mutation/solvers/reports/mutation-report.json [--survivors]

The score is Stryker's: killed + timeout over killed + timeout + survived + no coverage (compile errors and ignored
mutants do not count).
"""
import json
import sys
from collections import Counter

STATUSES = ["Killed", "Timeout", "Survived", "NoCoverage", "CompileError", "RuntimeError", "Ignored"]


def score(counts):
    detected = counts["Killed"] + counts["Timeout"]
    valid = detected + counts["Survived"] + counts["NoCoverage"]
    return (100.0 * detected / valid) if valid else float("nan"), valid


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    show = "--survivors" in sys.argv[2:]
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
