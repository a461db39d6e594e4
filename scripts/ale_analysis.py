"""Snakemake glue: one ALE analysis (maps, clusters, tables) and its experiment list."""

from alereview.ale.jackknife import experiment_table
from alereview.ale.run import run_analysis
from alereview.ale.thresholds import ThresholdSettings
from alereview.logs import setup_logging
from alereview.tsv import read_json, write_tsv

setup_logging(snakemake.log[0])
params = snakemake.params
run_analysis(
    snakemake.input.sleuth, params.out_dir, snakemake.wildcards.analysis,
    ThresholdSettings(**params.settings), seed=params.seed, mask=params.mask,
    chunks=[read_json(path) for path in snakemake.input.chunks] or None,
    min_distance_mm=params.peaks["min_distance_mm"], max_peaks=params.peaks["max_subpeaks"] + 1,
    label_options=params.labels, threads=snakemake.threads,
)
write_tsv(experiment_table(snakemake.input.sleuth), snakemake.output.experiments)
