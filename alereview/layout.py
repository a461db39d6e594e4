"""Where every output of a review lives under ``results/``, by role, and which stages it has.

This module is the one place the layout is written. The rules name their outputs with
:func:`path` (patterns keep their wildcards, e.g. ``{analysis}``), ``rule all`` asks
:func:`final_outputs`, the report finds its inputs through :func:`path` too
(:func:`alereview.report.files.standard_files`), and the command line writes the same file names
into a folder of its choice (:func:`outputs_in`, :func:`table_outputs`), so a stage a review does
not have is skipped everywhere at once.

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
    "coordinates_checked": "coordinates/checked.json",
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
    "methods_docx": "tables/methods.docx",
    "viewer_analysis": "viewers/analyses/{analysis}.html",
    "viewer_contrast": "viewers/contrasts/{contrast}.html",
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


#: The outputs of the rules whose package function writes several files: the rule's name for
#: each output -> its role in :data:`PATHS`. The rules name the same roles; the command line
#: and the tests write the same files into a folder of their choice with :func:`outputs_in`.
RULE_OUTPUTS = {
    "dedup_records": {
        "clusters": "dedup_clusters",
        "unique": "dedup_unique",
        "uncertain": "dedup_uncertain",
        "counts": "dedup_counts",
    },
    "ale_analysis": {
        "ale": "ale_map",
        "p": "ale_p",
        "z": "ale_z",
        "thresholded": "ale_thresholded",
        "clusters_img": "ale_clusters_img",
        "clusters": "ale_clusters",
        "peaks": "ale_peaks",
        "threshold": "ale_threshold",
        "experiments": "ale_experiments",
    },
    "ale_contrast": {
        "clusters": "contrast_clusters",
        "peaks": "contrast_peaks",
        "clusters_img": "contrast_clusters_img",
        "stat": "contrast_stat",
        "thresholded": "contrast_thresholded",
        "threshold": "contrast_threshold",
    },
    "coordinates_build": {
        "sleuth": "coordinates_sleuth",
        "studyset": "coordinates_studyset",
        "foci": "foci",
        "summary": "coordinates_summary",
        "checks": "coordinates_checks",
        "transforms": "coordinates_transforms",
        "subject_groups": "coordinates_subject_groups",
    },
}


def outputs_in(directory, rule: str, analyses=()) -> dict:
    """The outputs of ``rule`` (a key of :data:`RULE_OUTPUTS`) in ``directory``, by output name.

    Each file keeps the name it has under ``results/``; outputs per analysis (the coordinates'
    Sleuth files and studysets) become a mapping analysis -> path.

    Examples
    --------
    >>> outputs_in("out", "ale_analysis")["clusters"]
    'out/clusters.tsv'
    >>> outputs_in("out", "coordinates_build", analyses=["reading"])["sleuth"]
    {'reading': 'out/reading.sleuth.txt'}
    """
    outputs = {}
    for name, role in RULE_OUTPUTS[rule].items():
        file_name = PATHS[role].rsplit("/", 1)[-1]
        if "{analysis}" in file_name:
            outputs[name] = {analysis: f"{Path(directory).as_posix()}/{file_name.format(analysis=analysis)}" for analysis in analyses}
        else:
            outputs[name] = f"{Path(directory).as_posix()}/{file_name}"
    return outputs


def table_outputs(directory, table: str) -> dict:
    """The files of one numbered table in ``directory``, by format (:data:`TABLE_FORMATS`).

    Examples
    --------
    >>> table_outputs("results/tables", "table1_studies")["md"]
    'results/tables/table1_studies.md'
    """
    file_name = PATHS["table"].rsplit("/", 1)[-1]
    return {ext: f"{Path(directory).as_posix()}/{file_name.format(table=table, ext=ext)}" for ext in TABLE_FORMATS}


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
        chain = [
            ("search", self.search),
            ("dedup", self.search),
            ("screening", self.screening),
            ("coordinates", True),
            ("ale", True),
            ("jackknife", self.jackknife),
            ("quality", bool(self.quality)),
            ("report", True),
        ]
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


#: The study table of a review whose config ``tables.studies`` names none.
DEFAULT_STUDY_TABLE = "table1_studies"
#: The formatted versions of every table (the cluster and jackknife TSVs are ALE outputs).
TABLE_FORMATS = ("tsv", "md", "html", "tex", "docx")
#: Risk-of-bias tools -> the figures each draws.
QUALITY_FIGURES = {"rob1": ("rob1_traffic_light", "rob1_summary"), "rob2": ("rob2_traffic_light", "rob2_summary"), "minors": ("minors",)}


def check_enabled(config: dict, check: str) -> bool:
    """Whether ``checks.<check>.enabled`` (the schema's default is true)."""
    return bool(((config.get("checks") or {}).get(check) or {}).get("enabled", True))


def study_table_names(config: dict) -> list[str]:
    """The study tables of a review, in order: those of ``tables.studies``, or the default one."""
    return [item["name"] for item in (config.get("tables") or {}).get("studies") or []] or [DEFAULT_STUDY_TABLE]


def table_outputs_final(config: dict, results=RESULTS) -> list[str]:
    """The numbered tables of a review: study tables, MINORS, clusters, jackknife."""
    has = stages(config)
    names = study_table_names(config) + (["table3_minors"] if "minors" in has.quality else [])
    outputs = [path("table", results, table=name, ext=ext) for name in names for ext in TABLE_FORMATS]
    ale = ["table4_clusters"] + (["table5_jackknife"] if has.jackknife else [])
    return outputs + [path("table", results, table=name, ext=ext) for name in ale for ext in TABLE_FORMATS[1:]]


def quality_figures(config: dict) -> list[str]:
    """The risk-of-bias figures of the tools the review used (file stems)."""
    return [stem for tool in stages(config).quality for stem in QUALITY_FIGURES[tool]]


def figure_outputs(config: dict, results=RESULTS) -> list[str]:
    """Every figure of a review, PNG and its vector twin."""
    has = stages(config)
    exts = ("png", config["figures"]["vector_format"])
    kinds = ["clusters", "glass_brain"] + (["jackknife"] if has.jackknife else [])
    stems = [f"{analysis}_{kind}" for analysis in config["analyses"] for kind in kinds]
    stems += ["prisma"] if has.screening else []
    stems += quality_figures(config)
    stems += [
        f"contrast_{contrast['name']}_{kind}"
        for contrast in (config.get("ale") or {}).get("contrasts") or []
        for kind in ("clusters", "glass_brain")
    ]
    return [path("figure", results, figure=stem, ext=ext) for stem in stems for ext in exts]


def contrast_outputs(config: dict, results=RESULTS) -> list[str]:
    """Every output of every contrast of ``ale.contrasts``."""
    roles = list(RULE_OUTPUTS["ale_contrast"].values())
    return [
        path(role, results, contrast=contrast["name"]) for contrast in (config.get("ale") or {}).get("contrasts") or [] for role in roles
    ]


def checks_outputs(config: dict, results=RESULTS) -> list[str]:
    """The expert checks' tables: power always, the others as the review has them."""
    outputs = [path("checks_power", results)]
    if check_enabled(config, "contributions"):
        outputs += [path("checks_contributions", results), path("checks_contributions_experiments", results)]
    if check_enabled(config, "failsafe"):
        outputs.append(path("checks_failsafe", results))
    if stages(config).search:
        outputs.append(path("prisma_s", results))
    return outputs


def screening_outputs(config: dict, results=RESULTS) -> list[str]:
    """What a review that screens has once the screening gate has passed."""
    return [path("included", results), path("prisma_csv", results)] if stages(config).screening else []


def versions_outputs(config: dict, results=RESULTS) -> list[str]:
    """A living review's versions (rules/versions.smk): the comparison, the history, the living
    PRISMA counts (and diagram, when the review screens), and last ``published.json``."""
    roles = ("versions_changes", "versions_current", "versions_history", "versions_prisma")
    outputs = [path(role, results) for role in roles]
    if stages(config).screening:
        outputs += [path("figure", results, figure="prisma_living", ext=ext) for ext in ("png", config["figures"]["vector_format"])]
    return outputs + [path("versions_published", results)]


def final_outputs(config: dict, results=RESULTS) -> list[str]:
    """Everything ``rule all`` builds past the screening gate (``rules/common.smk`` stops before
    it as planned while records await decisions)."""
    outputs = search_outputs(config, results) + screening_outputs(config, results) + analysis_outputs(config, results)
    outputs += table_outputs_final(config, results) + figure_outputs(config, results) + [path("report", results)]
    outputs += report_extra_outputs(config, results)
    return outputs + contrast_outputs(config, results) + checks_outputs(config, results) + versions_outputs(config, results)


def report_extra_outputs(config: dict, results=RESULTS) -> list[str]:
    """The methods text as Word, and a map viewer page per analysis and contrast (``snakemake --report``)."""
    outputs = [path("methods_docx", results)]
    outputs += [path("viewer_analysis", results, analysis=analysis) for analysis in config.get("analyses") or {}]
    return outputs + [
        path("viewer_contrast", results, contrast=contrast["name"]) for contrast in (config.get("ale") or {}).get("contrasts") or []
    ]
