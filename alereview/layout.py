"""Where every output of a review lives under ``results/``, by role, and which stages it has.

This module is the one place the layout is written. The rules name their outputs with
:func:`path` (patterns keep their wildcards, e.g. ``{analysis}``), ``rule all`` asks
:func:`final_outputs`, the report finds its inputs with :func:`report_files` and the CLI takes
its defaults from here, so a stage a review does not have is skipped everywhere at once.

A review (``config/config.yaml`` of its folder) has the stages its config gives it
(:func:`stages`):

* ``search`` (PubMed and/or exports) → ``dedup`` → ``screening`` (+ PRISMA), when it searches;
* ``coordinates`` → ``ale`` (+ ``jackknife``), always: from the included studies' coordinate
  tables, or from Sleuth files / studysets alone;
* ``quality`` (risk of bias) when it has judgements; ``report`` always.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

RESULTS = "results"

#: Role -> path pattern under ``results/`` (wildcards in braces).
PATHS = {
    # 1 search
    "pubmed_tsv": "search/pubmed.tsv",
    "pubmed_json": "search/pubmed.json",
    "export_tsv": "search/exports/{export}.tsv",
    "export_json": "search/exports/{export}.json",
    "records": "records/records.tsv",
    "provenance": "records/provenance.json",
    # 2 dedup
    "dedup_clusters": "dedup/clusters.tsv",
    "dedup_unique": "dedup/unique.tsv",
    "dedup_uncertain": "dedup/uncertain_pairs.tsv",
    "dedup_counts": "dedup/counts.json",
    # 3 screening and PRISMA
    "decisions": "screening/decisions.tsv",
    "agreement": "screening/agreement.tsv",
    "to_screen": "screening/to_screen.tsv",
    "to_screen_ris": "screening/to_screen.ris",
    "gate": "screening/gate.json",
    "included": "screening/included.tsv",
    "studies_template": "screening/studies_template.tsv",
    "prisma_csv": "prisma/prisma.csv",
    # 4 coordinates
    "coordinates_sleuth": "coordinates/{analysis}.sleuth.txt",
    "coordinates_studyset": "coordinates/{analysis}.studyset.json",
    "foci": "coordinates/foci_mni.tsv",
    "coordinates_summary": "coordinates/summary.tsv",
    "coordinates_checks": "coordinates/data_checks.tsv",
    "coordinates_transforms": "coordinates/transforms.tsv",
    "coordinates_subject_groups": "coordinates/subject_groups.tsv",
    # 5 ALE and jackknife
    "ale_dir": "ale/{analysis}",
    "ale_map": "ale/{analysis}/ale.nii.gz",
    "ale_p": "ale/{analysis}/p.nii.gz",
    "ale_z": "ale/{analysis}/z.nii.gz",
    "ale_thresholded": "ale/{analysis}/thresholded_ale.nii.gz",
    "ale_clusters_img": "ale/{analysis}/clusters.nii.gz",
    "ale_clusters": "ale/{analysis}/clusters.tsv",
    "ale_peaks": "ale/{analysis}/peaks.tsv",
    "ale_threshold": "ale/{analysis}/threshold.json",
    "ale_experiments": "ale/{analysis}/experiments.tsv",
    "ale_chunk": "ale/{analysis}/montecarlo/chunk{chunk}.json",
    "contrast_dir": "ale/contrasts/{contrast}",
    "contrast_clusters": "ale/contrasts/{contrast}/clusters.tsv",
    "contrast_peaks": "ale/contrasts/{contrast}/peaks.tsv",
    "contrast_clusters_img": "ale/contrasts/{contrast}/clusters.nii.gz",
    "contrast_stat": "ale/contrasts/{contrast}/stat.nii.gz",
    "contrast_thresholded": "ale/contrasts/{contrast}/thresholded.nii.gz",
    "contrast_threshold": "ale/contrasts/{contrast}/threshold.json",
    "jackknife": "jackknife/{analysis}.tsv",
    "jackknife_left_out": "jackknife/{analysis}/without_{experiment}.tsv",
    "jackknife_left_all": "jackknife/{analysis}/left_out.tsv",
    "jackknife_contribution": "jackknife/{analysis}_contribution.tsv",
    # 5c expert checks (rules/checks.smk, alereview/checks/)
    "checks_contributions_analysis": "checks/contributions/{analysis}.tsv",
    "checks_contributions_analysis_experiments": "checks/contributions/{analysis}_experiments.tsv",
    "checks_failsafe_analysis": "checks/failsafe/{analysis}.tsv",
    "checks_failsafe_tests": "checks/failsafe/{analysis}_tests.tsv",
    "checks_contributions": "checks/contributions.tsv",
    "checks_contributions_experiments": "checks/contributions_experiments.tsv",
    "checks_failsafe": "checks/failsafe.tsv",
    "checks_power": "checks/power.tsv",
    "prisma_s": "checks/prisma_s.tsv",
    # 6 tables, figures, report
    "table": "tables/{table}.{ext}",
    "table4": "tables/table4_clusters.tsv",
    "table5": "tables/table5_jackknife.tsv",
    "figure": "figures/{figure}.{ext}",
    "report": "report.html",
    # living review: published versions (alereview/versions/, rules/versions.smk)
    "versions_dir": "versions",
    "version_dir": "versions/v{version}",
    "version_manifest": "versions/v{version}/manifest.json",
    "versions_current": "versions/current.json",
    "versions_changes": "versions/changes.tsv",
    "versions_history": "versions/history.tsv",
    "versions_prisma": "versions/prisma_living.csv",
    "versions_published": "versions/published.json",
}


def path(role: str, results: str | Path = RESULTS, **wildcards) -> str:
    """The path of an output by its role: a pattern, or a file when wildcards are given.

    Parameters
    ----------
    role : str
        A key of :data:`PATHS`.
    results : str or Path
        The results directory (the workflow's is ``results`` in the review folder).
    **wildcards
        Values for the pattern's wildcards; those not given stay as ``{name}``.

    Examples
    --------
    >>> path("ale_clusters")
    'results/ale/{analysis}/clusters.tsv'
    >>> path("ale_clusters", analysis="reading")
    'results/ale/reading/clusters.tsv'
    """
    pattern = f"{Path(results).as_posix()}/{PATHS[role]}"
    if not wildcards:
        return pattern
    return pattern.format_map(_Keep(wildcards))


class _Keep(dict):
    """format_map mapping that leaves unknown wildcards in place."""

    def __missing__(self, key):
        return "{" + key + "}"


@dataclass(frozen=True)
class Stages:
    """The stages a review has, from its validated config."""

    search: bool
    pubmed: bool
    screening: bool
    study_table: bool
    jackknife: bool
    contribution: bool
    quality: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        """The stages in order, e.g. ``['coordinates', 'ale', 'report']``."""
        chain = [("search", self.search), ("dedup", self.search), ("screening", self.screening),
                 ("coordinates", True), ("ale", True), ("jackknife", self.jackknife),
                 ("quality", bool(self.quality)), ("report", True)]
        return [name for name, present in chain if present]


def stages(config: dict) -> Stages:
    """The stages of a review (its config validated, defaults filled in)."""
    search = config.get("search") or {}
    searches = bool(search.get("pubmed") or search.get("exports"))
    jackknife = config.get("jackknife") or {}
    quality = config.get("quality") or {}
    return Stages(
        search=searches,
        pubmed=bool(search.get("pubmed")),
        screening=searches,
        study_table=bool((config.get("studies") or {}).get("table")),
        jackknife=bool(jackknife.get("enabled", True)),
        contribution=bool(jackknife.get("enabled", True) and jackknife.get("contribution", True)),
        quality=tuple(tool for tool in ("rob1", "rob2", "minors") if quality.get(tool)),
    )


def search_outputs(config: dict, results=RESULTS) -> list[str]:
    """Final outputs of the search, dedup and screening stages (before the screening gate)."""
    has = stages(config)
    if not has.search:
        return []
    outputs = [path("records", results)] + ([path("pubmed_json", results)] if has.pubmed else [])
    outputs += [path(role, results) for role in ("dedup_clusters", "dedup_unique", "dedup_uncertain", "dedup_counts")]
    outputs += [path(role, results) for role in ("decisions", "agreement", "to_screen", "to_screen_ris", "gate")]
    return outputs


def analysis_outputs(config: dict, results=RESULTS) -> list[str]:
    """Final outputs of the coordinates, ALE and jackknife stages."""
    has = stages(config)
    analyses = list(config["analyses"])
    outputs = [path("foci", results), path("coordinates_summary", results)]
    for analysis in analyses:
        outputs += [path(role, results, analysis=analysis) for role in ("coordinates_sleuth", "coordinates_studyset", "ale_clusters")]
        if has.jackknife:
            outputs.append(path("jackknife", results, analysis=analysis))
        if has.contribution:
            outputs.append(path("jackknife_contribution", results, analysis=analysis))
    outputs.append(path("table4", results))
    if has.jackknife:
        outputs.append(path("table5", results))
    return outputs
