#!/usr/bin/env bash
# Times the reference review redone with cluster-level FWE (config/reference_cluster_fwe.yaml:
# voxel p < .001, cluster p < .05, 5,000 iterations, the jackknife under the same FWE) from a
# clean results/ in a fresh copy of the workflow. Target: <= 10 minutes wall on 2 cores.
# Usage: bash bench/reference_fwe.sh [cores]
set -euo pipefail
cores="${1:-2}"
source "$(dirname "$0")/copy_workflow.sh"
cd "$wf"
start=$(date +%s.%N)
/usr/bin/time -v snakemake --cores "$cores" --configfile config/reference_cluster_fwe.yaml > "$work/run.log" 2> "$work/time.log" || { tail -40 "$work/run.log"; tail -20 "$work/time.log"; exit 1; }
end=$(date +%s.%N)
printf 'reference review, cluster-level FWE (5,000 iterations, jackknife under FWE), %s cores: %.1f s wall\n' "$cores" "$(echo "$end - $start" | bc)"
printf 'load average at the end: %s (a shared machine: see the CPU time below)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "^[0-9]+ of [0-9]+ steps" "$work/run.log" | tail -1 || true
grep -E "User time|System time|Maximum resident" "$work/time.log" | sed 's/^\s*/  snakemake and its jobs: /'
# CPU time and Monte Carlo work of the ALE and jackknife jobs, from their benchmark files and logs.
python - <<'PY'
import glob, json, re
cpu = {}
for path in glob.glob("benchmarks/**/*.tsv", recursive=True):
    lines = open(path).read().splitlines()
    if len(lines) > 1:
        stage = path.split("/")[1]
        cpu[stage] = cpu.get(stage, 0.0) + float(lines[1].split("\t")[-1])
print("CPU time of the jobs by stage (s): " + ", ".join(f"{k} {v:.0f}" for k, v in sorted(cpu.items())) + f"; all {sum(cpu.values()):.0f}")
for path in sorted(glob.glob("results/ale/*/threshold.json")):
    t = json.load(open(path))
    print(f"{t['analysis']}: {t['n_experiments']} experiments, {t['n_foci']} foci, {t['montecarlo_iterations']} iterations, "
          f"{t['n_clusters']} clusters (min {t['min_cluster_voxels']} voxels)")
rates = [float(m) for path in glob.glob("logs/**/*.log", recursive=True) for m in re.findall(r"done, ([0-9.]+) it/s", open(path).read())]
if rates:
    print(f"Monte Carlo rate in the logs: median {sorted(rates)[len(rates) // 2]:.0f} it/s per job")
PY
