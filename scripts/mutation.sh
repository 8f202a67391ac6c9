#!/usr/bin/env bash
# Mutation testing with Stryker.NET (dotnet-stryker 5.1.0, a local tool: .config/dotnet-tools.json).
# Not part of CI: a full folder takes tens of minutes to hours on two cores. See docs/quality.md.
#
#   scripts/mutation.sh TARGET [extra dotnet-stryker options…]
#
# TARGET is one of
#   ir           src/Generator/Ir            tested by tests/Generator.Tests
#   solvers      src/Runtime/Solvers         tested by tests/Runtime.Tests
#   sensitivity  src/Runtime/Sensitivity     tested by tests/Runtime.Tests
#   optimizers   src/Runtime/Optimizers      tested by tests/Runtime.Tests
#   all          the four above, one after the other
#
# Each target's settings (project under test, the folder to mutate, per-test coverage analysis, concurrency 1)
# are in scripts/stryker/TARGET.json. Extra options are passed on and override them, for example
#   scripts/mutation.sh solvers --concurrency 2
#   scripts/mutation.sh solvers --mutate '**/Solvers/ButcherTableau.cs'       (one file instead of the folder)
# Reports (html, json, log) go to out/mutation/TARGET/ (git-ignored); the run is niced (nice -n 19) so that it
# stays out of the way of builds on a shared machine. Set NEURALODE_MUTATION_NICE=0 to run at normal priority.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets=(ir solvers sensitivity optimizers)

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

[[ $# -ge 1 ]] || usage
target="$1"
shift

if [[ "$target" == "all" ]]; then
  for t in "${targets[@]}"; do
    "${BASH_SOURCE[0]}" "$t" "$@"
  done
  exit 0
fi

config="$repo/scripts/stryker/$target.json"
[[ -f "$config" ]] || { echo "unknown target '$target' (expected one of: ${targets[*]} all)" >&2; exit 2; }

case "$target" in
  ir) tests="$repo/tests/Generator.Tests" ;;
  *) tests="$repo/tests/Runtime.Tests" ;;
esac

output="$repo/out/mutation/$target"
mkdir -p "$output"
cd "$repo"
dotnet tool restore >/dev/null
# Stryker runs from the test project's folder (from the repository root it would see NeuralOdeGen.sln and ignore
# the test project); the config's "project" names the project under test among its references.
cd "$tests"

niceness="${NEURALODE_MUTATION_NICE:-19}"
echo "stryker $target: config $config, reports in $output, started $(date -u +%FT%TZ)"
nice -n "$niceness" dotnet tool run dotnet-stryker \
  --config-file "$config" \
  --output "$output" \
  --skip-version-check \
  "$@"
echo "stryker $target: finished $(date -u +%FT%TZ); report: $output/reports/mutation-report.html"
