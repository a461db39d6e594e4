"""The report's sections of the expert checks (:mod:`alereview.checks`).

``prisma_s_section`` (after the search provenance, for reviews that search) lists the 16
PRISMA-S items with what the run recorded; ``checks_section`` (after the analyses) gives the
power and threshold warnings, the contribution table (the companion of the cluster table, keyed
by cluster number) and the fail-safe N of each cluster, each with its parameters. Both take the
report being built (:class:`alereview.report.html.Report`) and the files by role
(:func:`alereview.report.files.standard_files`): ``prisma_s_tsv``, ``checks_power_tsv``,
``checks_contributions_tsv``, ``checks_contributions_experiments_tsv``, ``checks_failsafe_tsv``.
"""

from __future__ import annotations

import html

import pandas as pd

from alereview.checks.contributions import ContributionSettings, contribution_rule_sentence
from alereview.report.optional import read_optional
from alereview.tsv import read_tsv
from alereview.layout import path, stages


def read_tsv_optional(path):
    """A check's table, or None when the run has none."""
    return read_optional(path, read_tsv)


def _titles(config) -> dict:
    return {name: (spec or {}).get("title", name) for name, spec in (config.get("analyses") or {}).items()}


def _peak(row) -> str:
    return f"{row.get('x', '')}, {row.get('y', '')}, {row.get('z', '')}" if "x" in row else ""


def prisma_s_section(report, files: dict, simulated: bool = False) -> None:
    """PRISMA-S: the 16 items and what the run recorded (and who screened)."""
    report.section("prisma-s", "Search reporting (PRISMA-S)")
    table = read_tsv_optional(files.get("prisma_s_tsv"))
    if table is None:
        report.missing("the PRISMA-S table (results/checks/prisma_s.tsv)")
        return
    shown = table[["item", "name", "reported", "status"]].rename(
        columns={"item": "Item", "name": "PRISMA-S item", "reported": "What the run recorded", "status": "Status"}
    )
    missing = int((table["status"] == "not recorded").sum())
    notes = [
        "Rethlefsen et al. 2021, Syst Rev 10:39. 'not recorded': the workflow cannot know it; the text says which "
        "config key (checks.prisma_s) records it."
    ]
    if missing:
        notes.append(f"{missing} item{'s' if missing != 1 else ''} not recorded.")
    report.table(shown, title="PRISMA-S: how the search was done (also results/checks/prisma_s.tsv)", notes=notes, simulated=simulated)


def _power(report, config, power) -> None:
    report.add('<h3 id="checks-power">Power and thresholds</h3>')
    if power is None:
        report.missing("the power and threshold warnings (results/checks/power.tsv)")
        return
    warned = power[power["warnings"].astype(str).str.strip() != ""]
    if len(warned):
        items = "".join(f"<li>{html.escape(str(text))}</li>" for text in warned["warnings"])
        report.add(f'<ul class="warnings">{items}</ul>')
    else:
        report.paragraph("Every analysis has enough experiments and a corrected threshold.", "statement")
    shown = power[["title", "n_experiments", "threshold", "few_experiments", "uncorrected"]].rename(
        columns={
            "title": "Analysis",
            "n_experiments": "Experiments",
            "threshold": "Threshold",
            "few_experiments": "Fewer than recommended",
            "uncorrected": "Uncorrected",
        }
    )
    report.table(
        shown,
        title="Experiments and thresholds per analysis",
        notes=[
            "Eickhoff et al. 2016 (NeuroImage 137:70-85): at least 17-20 experiments; cluster-level FWE "
            "from about 20. Müller et al. 2018 (Neurosci Biobehav Rev 84:151-161)."
        ],
    )


def _contributing(experiments: pd.DataFrame, analysis: str, cluster, min_share: float) -> str:
    """The experiments with at least ``min_share`` of a cluster, and how many others contribute."""
    if experiments is None or not len(experiments):
        return ""
    rows = experiments[(experiments["analysis"] == analysis) & (experiments["cluster"].astype(str) == str(cluster))]
    shares = rows["share"].astype(float)
    listed = rows[shares >= min_share]
    text = "; ".join(f"{r['experiment']} {float(r['share']):.0%}" for r in listed.to_dict("records"))
    others = int(((shares > 0) & (shares < min_share)).sum())
    if others:
        text += f"{'; ' if text else ''}{others} other{'s' if others != 1 else ''} below {min_share:.0%} each"
    return text


def _contributions(report, config, clusters, experiments, simulated) -> None:
    report.add('<h3 id="checks-contributions">Contributions of the experiments to each cluster</h3>')
    if clusters is None:
        report.missing("the contribution table (results/checks/contributions.tsv)")
        return
    if not len(clusters):
        report.paragraph("No cluster survived in any analysis: no contribution to compute.", "statement")
        return
    titles = _titles(config)
    settings = ContributionSettings.from_config((config.get("checks") or {}).get("contributions"))
    rows = []
    for row in clusters.to_dict("records"):
        rows.append(
            {
                "Analysis": titles.get(row["analysis"], row["analysis"]),
                "Cluster": row["cluster"],
                "Peak (MNI)": _peak(row),
                "Contributing experiments (share of the cluster's ALE)": _contributing(
                    experiments, row["analysis"], row["cluster"], settings.min_share
                ),
                "Experiments contributing": row.get("n_contributing", ""),
                "Largest share": f"{float(row['top_share']):.0%}",
                "Flag": row.get("flag", ""),
            }
        )
    report.table(
        pd.DataFrame(rows),
        title="Companion to the cluster table: each experiment's share of each cluster's ALE",
        notes=[
            f"Share: 1 - (summed ALE of the cluster without the experiment) / (summed ALE with it), normalised over the "
            f"experiments (Eickhoff et al. 2016). Listed by name: experiments with a share of at least {settings.min_share:.0%}. "
            f"{contribution_rule_sentence(settings)} Every experiment: results/checks/contributions_experiments.tsv."
        ],
        simulated=simulated,
    )


def _failsafe(report, config, failsafe, simulated) -> None:
    report.add('<h3 id="checks-failsafe">Fail-safe N</h3>')
    if failsafe is None:
        report.missing("the fail-safe N table (results/checks/failsafe.tsv)")
        return
    if not len(failsafe):
        report.paragraph("No cluster survived in any analysis: no fail-safe N to compute.", "statement")
        return
    titles, settings = _titles(config), ((config.get("checks") or {}).get("failsafe") or {})
    rows = [
        {
            "Analysis": titles.get(r["analysis"], r["analysis"]),
            "Cluster": r["cluster"],
            "Peak (MNI)": _peak(r),
            "Experiments": r["n_experiments"],
            "Fail-safe N": r["fsn_text"],
            "Tested up to": r["max_tested"],
            f"Robust (N >= {float(settings.get('min_multiplier', 2)):g}k)": r["robust"],
            "Threshold": r["method"],
            "MC iterations per test": r["iterations_per_test"] if str(r["iterations_per_test"]) != "0" else "",
        }
        for r in failsafe.to_dict("records")
    ]
    report.table(
        pd.DataFrame(rows),
        title="Fail-safe N: null experiments a cluster survives (Acar et al. 2018)",
        notes=[
            "Null experiments: foci at random voxels of the mask, their number and the sample size drawn from the analysis' "
            "experiments, from a seeded stream (review.seed); tests add the first N of one sequence. Each test re-thresholds the "
            "analysis with its own settings (FWE methods: a Monte Carlo of at most checks.failsafe.max_iterations iterations). "
            f"Search: the largest number tested is {float(settings.get('max_multiplier', 10)):g}k (k experiments; '>=' when the cluster "
            "survives it), otherwise bisection between 0 and it; a cluster survives a test when a surviving cluster overlaps it "
            "(jackknife.rule). Every test: results/checks/failsafe/<analysis>_tests.tsv."
        ],
        simulated=simulated,
    )


def checks_section(report, config: dict, files: dict, simulated: bool = False) -> None:
    """Power and thresholds, contributions, fail-safe N: the sections the review computed."""
    report.section("checks", "Expert checks")
    _power(report, config, read_tsv_optional(files.get("checks_power_tsv")))
    if "checks_contributions_tsv" in files:
        _contributions(
            report,
            config,
            read_tsv_optional(files.get("checks_contributions_tsv")),
            read_tsv_optional(files.get("checks_contributions_experiments_tsv")),
            simulated,
        )
    if "checks_failsafe_tsv" in files:
        _failsafe(report, config, read_tsv_optional(files.get("checks_failsafe_tsv")), simulated)


#: Report role -> layout role (:data:`alereview.layout.PATHS`) of the checks' outputs.
CHECK_ROLES = {
    "checks_power_tsv": "checks_power",
    "checks_contributions_tsv": "checks_contributions",
    "checks_contributions_experiments_tsv": "checks_contributions_experiments",
    "checks_failsafe_tsv": "checks_failsafe",
    "prisma_s_tsv": "prisma_s",
}


def check_files(config: dict, results="results") -> dict:
    """Role → path of the checks' outputs this review has, and the files the methods text reads.

    For :func:`alereview.report.files.standard_files`: PRISMA-S only for a review that searches,
    contributions and fail-safe N unless ``checks.<name>.enabled`` is false; and
    ``coordinates_transforms_tsv``, ``foci_tsv``, ``coordinates_checks_tsv``, ``{analysis}:experiments_tsv``
    for the methods.
    """

    checks = config.get("checks") or {}
    roles = ["checks_power_tsv"]
    if (checks.get("contributions") or {}).get("enabled", True):
        roles += ["checks_contributions_tsv", "checks_contributions_experiments_tsv"]
    if (checks.get("failsafe") or {}).get("enabled", True):
        roles.append("checks_failsafe_tsv")
    if stages(config).search:
        roles.append("prisma_s_tsv")
    files = {role: path(CHECK_ROLES[role], results) for role in roles}
    files["coordinates_transforms_tsv"] = path("coordinates_transforms", results)
    files["foci_tsv"] = path("foci", results)
    files["coordinates_checks_tsv"] = path("coordinates_checks", results)
    for analysis in config.get("analyses") or {}:
        files[f"{analysis}:experiments_tsv"] = path("ale_experiments", results, analysis=analysis)
    return files
