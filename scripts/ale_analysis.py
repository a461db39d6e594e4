"""Snakemake glue: one ALE analysis (maps, clusters, tables) and its experiment list."""

from alereview.ale.jackknife import experiment_table
from alereview.ale.run import run_analysis
from alereview.ale.thresholds import settings_from_config
from alereview.logs import setup_logging
from alereview.tsv import read_json, write_tsv

setup_logging(snakemake.log[0])
params = snakemake.params
run_analysis(
    snakemake.input.sleuth, params.out_dir, snakemake.wildcards.analysis,
    settings_from_config(params.ale, snakemake.wildcards.analysis), seed=params.seed, mask=params.ale["mask"],
    chunks=[read_json(path) for path in snakemake.input.chunks] or None,
    min_distance_mm=params.ale["peaks"]["min_distance_mm"], max_peaks=params.ale["peaks"]["max_subpeaks"] + 1,
    label_options=params.labels,
)
write_tsv(experiment_table(snakemake.input.sleuth), snakemake.output.experiments)
