#!/usr/bin/env bash
# Times the whole default review from a clean results/ in a fresh copy of the workflow.
# Usage: bash bench/e2e.sh [cores]   (target: <= 3 minutes on 2 cores)
set -euo pipefail
cores="${1:-2}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wf"
tar -C "$repo" --exclude=./.git --exclude=./results --exclude=./.snakemake --exclude=./logs --exclude=./benchmarks --exclude=./bench -cf - . | tar -C "$work/wf" -xf -
cd "$work/wf"
start=$(date +%s.%N)
/usr/bin/time -v snakemake --cores "$cores" > "$work/run.log" 2> "$work/time.log" || { tail -40 "$work/run.log"; exit 1; }
end=$(date +%s.%N)
printf 'default review, %s cores: %.1f s wall\n' "$cores" "$(echo "$end - $start" | bc)"
grep -E "Maximum resident|Elapsed" "$work/time.log" | sed 's/^\s*/  snakemake process: /'
grep -E "^[0-9]+ of [0-9]+ steps" "$work/run.log" | tail -1
