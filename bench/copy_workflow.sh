# Sourced by the timing scripts (bench/e2e.sh, bench/reference_fwe.sh): a fresh copy of the
# workflow in a temporary folder, without results, logs, benchmarks or the benches themselves.
# Sets $work (removed on exit) and $wf (the copy).
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wf="$work/wf"
mkdir -p "$wf"
tar -C "$repo" --exclude=./.git --exclude=./results --exclude=./.snakemake --exclude=./logs --exclude=./benchmarks --exclude=./bench -cf - . | tar -C "$wf" -xf -
