#!/usr/bin/env bash
# Exports torchdiffeq's package source (not vendored in this repository) from a bare git snapshot of
# github:rtqichen/torchdiffeq into DEST, at the commit the published comparisons used.
#   benchmarks/peers/get_torchdiffeq.sh <bare git dir> <dest> [commit]
set -euo pipefail
git_dir=${1:?usage: get_torchdiffeq.sh <bare git dir> <dest> [commit]}
dest=${2:?usage: get_torchdiffeq.sh <bare git dir> <dest> [commit]}
commit=${3:-657943acefa826ef04c025ebeb1ff5e9d60dc268}
rm -rf "$dest"
mkdir -p "$dest"
git --git-dir="$git_dir" archive "$commit" torchdiffeq LICENSE | tar -x -C "$dest"
git --git-dir="$git_dir" rev-parse "$commit" > "$dest/COMMIT"
echo "torchdiffeq $(cat "$dest/COMMIT") exported to $dest; now: TORCHDIFFEQ_SRC=$dest benchmarks/peers/run.sh"
