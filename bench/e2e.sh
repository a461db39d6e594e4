#!/usr/bin/env bash
# Times the whole default review from a clean results/ in a fresh copy of the workflow.
# Usage: bash bench/e2e.sh [cores]   (target: <= 60 s on 2 cores)
set -euo pipefail
cores="${1:-2}"
source "$(dirname "$0")/copy_workflow.sh"
cd "$wf"
start=$(date +%s.%N)
/usr/bin/time -v snakemake --cores "$cores" > "$work/run.log" 2> "$work/time.log" || { tail -40 "$work/run.log"; exit 1; }
end=$(date +%s.%N)
printf 'default review, %s cores: %.1f s wall\n' "$cores" "$(echo "$end - $start" | bc)"
grep -E "Maximum resident|Elapsed" "$work/time.log" | sed 's/^\s*/  snakemake process: /'
grep -E "^[0-9]+ of [0-9]+ steps" "$work/run.log" | tail -1
