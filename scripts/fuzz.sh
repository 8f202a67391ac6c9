#!/usr/bin/env bash
# Fuzzing at scale: the random-program properties of tests/Verification.Tests/RandomPrograms over N valid, N invalid
# (one planted defect each) and N damaged (a random span deleted) programs, each drawn from a fresh seed; then the loop
# programs of tests/Generator.Tests/LoopPath/RandomLoopProgramTests.cs: N valid ones (loop path vs unrolled path and
# dual numbers) and N damaged ones (no exception, no NODE999), integer seeds.
#
#   scripts/fuzz.sh [N] [--no-build]   N programs of each kind (default 10000); --no-build reuses the last build
#
# Every program's seed is logged to out/fuzz/seeds-<UTC time>.log (one line each: kind, index, CsCheck seed), with a
# summary line per kind: programs, crashes (a generator exception escaping), NODE999 (internal errors), other failures
# (a valid program rejected or emitting code that does not compile; an invalid one missing its diagnostic), seconds.
# Reproduce one program with
#   NEURALODE_FUZZ_REPLAY=<seed> dotnet test tests/Verification.Tests --filter 'FullyQualifiedName~InvalidProgramPropertyTests'
# The run is niced (nice -n 19). Without these variables the same tests run a small fixed-seed sample (CI).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-10000}"
build="${2:-}"
[[ "$count" =~ ^[1-9][0-9]*$ && ( -z "$build" || "$build" == "--no-build" ) ]] ||
  { echo "usage: scripts/fuzz.sh [N] [--no-build]  (N a positive integer)" >&2; exit 2; }

mkdir -p "$repo/out/fuzz"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
seeds="$repo/out/fuzz/seeds-$stamp.log"
console="$repo/out/fuzz/test-$stamp.log"
cd "$repo"

if [[ -z "$build" ]]; then
  nice -n 19 dotnet build tests/Verification.Tests -v quiet -nologo
  nice -n 19 dotnet build tests/Generator.Tests -v quiet -nologo
fi
start=$(date +%s)
status=0
NEURALODE_FUZZ_COUNT="$count" NEURALODE_FUZZ_SEEDS="$seeds" \
  nice -n 19 dotnet test tests/Verification.Tests --no-build \
  --filter 'FullyQualifiedName~RandomPrograms.InvalidProgramPropertyTests' \
  --logger 'console;verbosity=normal' >"$console" 2>&1 || status=$?
NEURALODE_FUZZ_COUNT="$count" NEURALODE_FUZZ_SEEDS="$seeds" \
  nice -n 19 dotnet test tests/Generator.Tests --no-build \
  --filter 'FullyQualifiedName~LoopPath.RandomLoopProgramTests' \
  --logger 'console;verbosity=normal' >>"$console" 2>&1 || status=$?
end=$(date +%s)

echo "fuzz: $count programs per kind, wall time $((end - start)) s, test exit code $status"
grep '^# FUZZ' "$seeds" | sed 's/^# //' || true
echo "seeds: $seeds ($(grep -cv '^#' "$seeds") lines)"
echo "test output: $console"
if grep -q '^FAIL' "$seeds"; then
  echo "failures (seed: reason):"
  grep '^FAIL' "$seeds" | head -50
fi
exit "$status"
