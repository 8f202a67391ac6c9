#!/usr/bin/env bash
# Runs both sides of the peer comparison back to back on this machine and writes the ratio table into
# docs/benchmarks.md: the runtime's BenchmarkDotNet peer workloads in several process starts, torchdiffeq on the same
# workloads in between; likewise the stiff workloads (StiffBenchmarks) against SciPy's solve_ivp (scipy_stiff.py),
# with the work counts of both sides, into the second table. See README.md beside this file. Takes about 20 minutes;
# run it on an otherwise idle machine. SCIPY_REPEATS (default 7): timed solve_ivp calls per stiff cell.
#   TORCHDIFFEQ_SRC=/path/to/torchdiffeq-export benchmarks/peers/run.sh [STARTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${TORCHDIFFEQ_SRC:?set TORCHDIFFEQ_SRC to a torchdiffeq source export (see benchmarks/peers/README.md)}"
starts=${1:-3}
run="out/peers/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
echo "$(date -u +%Y-%m-%d), $(nproc) logical CPUs, $starts process starts, $(dotnet --version | sed 's/^/.NET SDK /')" > "$run/run.txt"

dotnet build -c Release benchmarks/NeuralOdeGen.Benchmarks >/dev/null
# Each benchmark class in a process of its own: in one process the JIT's profile-guided code for the shared solver loops
# follows whichever class ran first (measured: the Lotka–Volterra continuous adjoint took 133 ms after the paper
# workloads in the same process, 96 ms alone).
ours() {
  for class in TorchdiffeqWorkloadBenchmarks LotkaVolterraTrajectoryBenchmarks SpiralDemoBenchmarks SpiralWideBenchmarks StiffBenchmarks; do
    filter="*$class*"
    [ "$class" = SpiralDemoBenchmarks ] && filter='*SpiralDemoBenchmarks.*OneThread'
    dotnet run -c Release --no-build --project benchmarks/NeuralOdeGen.Benchmarks -- --peers \
      --filter "$filter" --exporters json --artifacts "$run/dotnet-$1/$class" >> "$run/dotnet-$1.log"
  done
  echo "runtime, process start $1: done ($run/dotnet-$1.log)"
}

# The stiff work counts (deterministic: one solve per cell) and Dormand–Prince's, for the stiff table.
dotnet run -c Release --no-build --project benchmarks/NeuralOdeGen.Benchmarks -- --stiff-counts "$run/stiff-counts.json" > "$run/stiff-counts.log"

# The peers run between the first and the other process starts, so that a drift of the machine shows in our range.
ours 1
PYTHONPATH="$TORCHDIFFEQ_SRC" TORCHDIFFEQ_SRC="$TORCHDIFFEQ_SRC" /usr/bin/python3 benchmarks/peers/torchdiffeq_workloads.py --out "$run/torchdiffeq.json"
/usr/bin/python3 benchmarks/peers/scipy_stiff.py --repeats "${SCIPY_REPEATS:-7}" --out "$run/scipy_stiff.json" > "$run/scipy_stiff.log"
for s in $(seq 2 "$starts"); do ours "$s"; done
/usr/bin/python3 benchmarks/peers/ratio_table.py "$run" docs/benchmarks.md
