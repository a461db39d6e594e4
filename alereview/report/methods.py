"""The methods section of a review, generated from its config, its results and the software used.

The ALE sentences follow NiMARE's own boilerplate (``ALE._generate_description`` and its
kernel's), filled with the counts each analysis recorded in ``threshold.json``; citation keys
become numbered references. Only what the review did is described: no search paragraph for a
review that starts from coordinates, no Talairach sentence when no study reported Talairach
foci, the update of the search only when there was one, and each database named once.

Besides the config, :func:`methods_paragraphs` reads (when given, by role, as
:func:`alereview.report.files.standard_files` names them): ``pubmed_json`` and
``provenance_json`` (search windows, an update's facts), ``coordinates_transforms_tsv`` or
``foci_tsv`` (which transform was applied to which study), ``coordinates_checks_tsv`` (the data
checks), ``{analysis}:experiments_tsv``
(sample sizes, for the kernel widths), ``checks_contributions_tsv`` and ``checks_failsafe_tsv``
(the expert checks). The warnings on power and thresholds (:mod:`alereview.checks.power`) are
computed from each analysis' ``threshold.json``.
"""

from __future__ import annotations

import importlib.metadata
import platform
import re

import numpy as np

from alereview.checks.contributions import ContributionSettings
from alereview.checks.power import PowerSettings, analysis_flags
from alereview.checks.prisma_s import as_day, databases, update_facts
from alereview.screening.prisma import read_prisma
from alereview.report.optional import read_optional
from alereview.report.methods_ale import fdr_text, fixed_kernel_detail, fixed_kernel_sentence
from alereview.report.methods_coordinates import data_checks_sentence, study_transforms, transform_sentence
from alereview.report.references import REFERENCES
from alereview.tsv import read_json, read_tsv


_DATE_FIELDS = {"edat": "entry date (EDAT)", "pdat": "publication date (PDAT)"}

SOFTWARE = ("alereview", "nimare", "nilearn", "nibabel", "numpy", "scipy", "pandas", "matplotlib", "snakemake", "biopython", "rapidfuzz")


def software_versions() -> dict:
    """Versions of the packages the workflow ran with (``"not installed"`` when absent)."""
    versions = {"python": platform.python_version()}
    for name in SOFTWARE:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def nimare_kernel_description() -> str:
    """NiMARE's own description of its ALE kernel (its boilerplate), citation keys included."""
    try:
        from nimare.meta.kernel import ALEKernel

        return ALEKernel()._generate_description()
    except Exception:  # noqa: BLE001 - an older/newer NiMARE without the private method
        return (
            "An ALE kernel \\citep{eickhoff2012activation} was used to generate study-wise modeled activation "
            "maps from coordinates, with full-width at half maximum determined by each study's sample size."
        )


def kernel_fwhm_mm(n) -> float:
    """FWHM (mm) of the Eickhoff et al. (2009) kernel for ``n`` subjects, as NiMARE computes it."""
    templates = 5.7 / (2.0 * np.sqrt(2.0 / np.pi)) * np.sqrt(8.0 * np.log(2.0))
    subjects = (11.6 / (2 * np.sqrt(2 / np.pi)) * np.sqrt(8 * np.log(2))) / np.sqrt(float(n))
    return float(np.sqrt(subjects**2 + templates**2))


class Citations:
    """Numbered citations in order of first use: ``\\citep{a,b}`` → ``[1, 2]``."""

    def __init__(self):
        self.order: list[str] = []

    def cite(self, *keys) -> str:
        numbers = []
        for key in keys:
            if key not in self.order:
                self.order.append(key)
            numbers.append(self.order.index(key) + 1)
        return "[" + ", ".join(map(str, numbers)) + "]"

    def replace_latex(self, text: str) -> str:
        """Turn NiMARE's ``\\citep{...}``, ``\\cite{...}``, ``\\citealt{...}`` into numbers."""
        return re.sub(r"\\cite(?:p|alt)?\{([^}]*)\}", lambda m: self.cite(*[k.strip() for k in m.group(1).split(",")]), text)

    def references(self) -> list[str]:
        return [REFERENCES.get(key, key) for key in self.order]


def _join(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _load(files: dict, role: str, reader):
    """A file of the run by role, read; None when absent or unreadable (the text then omits it)."""
    return read_optional((files or {}).get(role), reader)


def _screened_in_update(prisma: dict | None) -> str:
    """How many of the update's new records were screened, from its PRISMA counts (prisma.csv), or ""."""
    try:
        screened = int(str((prisma or {}).get("records_screened", "")).strip())
        duplicates = int(str((prisma or {}).get("duplicates", "")).strip())
    except ValueError:
        return ""
    if not duplicates:
        return f" All {screened} were screened."
    return (
        f" After deduplication against every record seen before, {screened} of them were screened: the other {duplicates} "
        f"{'was a duplicate' if duplicates == 1 else 'were duplicates'} (of a record screened before, exported again, or of "
        "each other) and kept the decisions of their cluster."
    )


def _update_sentences(facts: dict, search: dict, prisma: dict | None = None) -> str:
    previous, new = facts.get("previous_window") or {}, facts.get("new_window") or {}
    text = (
        f" The search was updated: the first version covered {as_day(previous.get('mindate'))} to {as_day(previous.get('maxdate'))}, "
        f"the update {as_day(new.get('mindate'))} to {as_day(new.get('maxdate'))}."
    )
    if search.get("pubmed"):
        text += (
            " PubMed was searched again for the new window only (the earlier window was replayed from its recorded replies)."
            if facts.get("pubmed_searched") == "new_window_only"
            else " PubMed was searched again over the whole period."
        )
    reread = list(dict.fromkeys(facts.get("databases_reread") or [d for d in databases(search) if d != "PubMed"]))
    if reread:
        text += f" {_join(reread)} {'was' if len(reread) == 1 else 'were'} exported again and read whole."
    if facts.get("new_records") is not None:
        by_source = facts.get("new_records_by_source") or {}
        detail = f" ({'; '.join(f'{k} {v}' for k, v in by_source.items())})" if by_source else ""
        text += (
            f" {facts['new_records']} records were new{detail}, identified by record identity against the "
            f"{facts.get('previous_records', '?')} records of the previous version; records seen before kept their screening decisions."
            + _screened_in_update(prisma)
        )
    elif facts.get("counted_by") == "entry date":
        text += " Records entered after the previous cutoff were screened; records seen before kept their screening decisions."
    return text


def _search_paragraph(config, cite, versions, pubmed, provenance, prisma=None) -> str:
    search = config.get("search") or {}
    names = databases(search)
    registration = (config.get("review") or {}).get("registration")
    text = (
        f"The review followed PRISMA 2020 {cite.cite('page2021prisma')}"
        + (f" and was registered ({registration})" if registration else "")
        + f"; its search is reported following PRISMA-S {cite.cite('rethlefsen2021prismas')}."
    )
    start = str(search.get("start", ""))
    since = "inception" if not start or start <= "1900-01-01" else start
    cutoff = search.get("cutoff")
    text += f" {_join(names)} {'was' if len(names) == 1 else 'were'} searched from {since}" + (f" to {cutoff}" if cutoff else "")
    if search.get("pubmed"):
        text += f" (PubMed by {_DATE_FIELDS.get(search['pubmed'].get('datetype', 'edat'), 'date')})"
    text += "."
    facts = update_facts(pubmed, provenance)
    if facts:
        text += _update_sentences(facts, search, prisma)
    return (
        text + " Records were merged and deduplicated, and screened on title and abstract, then on full text, "
        f"with alereview {versions['alereview']} (Snakemake {versions['snakemake']} {cite.cite('molder2021snakemake')})."
    )


def _screening_paragraph(config, cite, agreement) -> str:
    screening = config.get("screening") or {}
    reviewers = screening.get("reviewers") or []
    text = ""
    if len(reviewers) == 2:
        text = f"Two reviewers ({_join(reviewers)}) screened independently"
        text += f"; conflicts were settled by a third ({screening['arbiter']})." if screening.get("arbiter") else "."
    elif len(reviewers) == 1:
        text = f"One reviewer ({reviewers[0]}) screened the records."
    if agreement is not None and len(agreement):
        parts = []
        for row in agreement.to_dict("records"):
            try:
                parts.append(
                    f"{str(row.get('stage', '')).replace('title_abstract', 'title/abstract').replace('_', ' ')}: "
                    f"raw agreement {float(row['raw_agreement']):.1%}, Cohen's κ = {float(row.get('kappa', '')):.2f}"
                )
            except (KeyError, ValueError):
                continue
        if parts:
            text += f" Agreement {cite.cite('cohen1960kappa')} — " + "; ".join(parts) + "."
    quality = config.get("quality") or {}
    tools = []
    if quality.get("rob1"):
        tools.append(f"the Cochrane risk-of-bias tool (RoB 1, seven domains) {cite.cite('higgins2011cochrane')} for randomised trials")
    if quality.get("rob2"):
        tools.append(f"RoB 2 {cite.cite('sterne2019rob2')} for randomised trials")
    if quality.get("minors"):
        tools.append(f"MINORS {cite.cite('slim2003minors')} for non-randomised studies")
    if tools:
        text += f" Risk of bias was assessed with {_join(tools)}."
    return text.strip()


def _kernel_text(experiments) -> str:
    """``"kernel FWHM 9.6-10.9 mm (n = 9-40)"`` from an analysis' ``experiments.tsv``."""
    if experiments is None or "n_subjects" not in experiments.columns or not len(experiments):
        return ""
    sizes = experiments["n_subjects"].astype(float)
    low, high = kernel_fwhm_mm(sizes.max()), kernel_fwhm_mm(sizes.min())
    fwhm = f"{low:.1f} mm" if abs(high - low) < 0.05 else f"{low:.1f}-{high:.1f} mm"
    n = f"{int(sizes.min())}" if sizes.min() == sizes.max() else f"{int(sizes.min())}-{int(sizes.max())}"
    return f"kernel FWHM {fwhm} (n = {n})"


def _montecarlo_text(summary: dict) -> str:
    """Monte Carlo iterations of an analysis (``threshold.json``), and where it stopped early."""
    done = int(summary.get("montecarlo_iterations") or 0)
    if not done:
        return ""
    planned = int(summary.get("montecarlo_iterations_max") or done)
    if summary.get("montecarlo_early_stop") and done < planned:
        return f"Monte Carlo stopped early after {done} of {planned} iterations, its threshold stable"
    if summary.get("montecarlo_early_stop"):
        return f"{done} Monte Carlo iterations (early stopping allowed, not reached)"
    return f"{done} Monte Carlo iterations"


def _analysis_paragraph(title: str, summary: dict, experiments) -> str:
    kernel = fixed_kernel_detail(summary) or _kernel_text(experiments)
    details = [text for text in (kernel, _montecarlo_text(summary)) if text]
    return (
        f"{title}: {summary.get('n_foci', '?')} foci from {summary.get('n_experiments', '?')} experiments "
        f"with a total of {summary.get('n_subjects', '?')} participants"
        + (f" ({'; '.join(details)})" if details else "")
        + f"; {_clusters_text(summary.get('n_clusters', 0))} survived ({summary.get('threshold', '?')})."
    )


def _ale_paragraph(cite, versions, converted, thresholds: dict) -> str:
    """The ALE methods, with the thresholds and mask the analyses' jobs recorded (threshold.json)."""
    text = transform_sentence(converted, cite)
    text += (" " if text else "") + cite.replace_latex(
        "An activation likelihood estimation (ALE) meta-analysis "
        "\\citep{turkeltaub2002meta,turkeltaub2012minimizing,eickhoff2012activation} was "
        f"performed with NiMARE {versions['nimare']} (RRID:SCR_017398; \\citealt{{Salo2023}}). "
    )
    recorded = [summary for summary in thresholds.values() if summary]
    text += _kernel_sentence(recorded, cite)
    text += cite.replace_latex(
        " ALE values were converted to p-values using an approximate null distribution \\citep{eickhoff2012activation}."
    )
    texts = list(dict.fromkeys(_threshold_text(summary, cite) for summary in recorded))
    masks = list(dict.fromkeys(str(summary.get("mask", "ale_2mm")) for summary in recorded))
    if len(texts) == 1:
        text += f" Maps were thresholded at {texts[0]}"
    elif texts:
        text += " Maps were thresholded as given for each analysis below"
    if texts:
        text += f", within the {_join(masks)} mask{'s' if len(masks) > 1 else ''}."
    return text


def _kernel_sentence(recorded: list, cite) -> str:
    """NiMARE's sample-size kernel, or the fixed FWHM the analyses' jobs recorded (threshold.json)."""
    fixed = list(dict.fromkeys(summary.get("kernel_fwhm_mm") for summary in recorded))
    if len(fixed) == 1 and fixed[0] is not None:
        return fixed_kernel_sentence(fixed[0], cite)
    text = cite.replace_latex(nimare_kernel_description())
    if any(value is not None for value in fixed):
        text += " Some analyses used one fixed kernel width for every experiment instead, as given below."
    return text


def _warnings_paragraph(config, thresholds, cite) -> str:
    """Every power and threshold warning (:mod:`alereview.checks.power`), naming the analyses."""
    settings = PowerSettings.from_config((config.get("checks") or {}).get("power"))
    groups = {"few": [], "few_for_cluster_fwe": [], "uncorrected": []}
    for name, spec in (config.get("analyses") or {}).items():
        summary = thresholds.get(name) or {}
        if "n_experiments" in summary and "method" in summary:
            title = f"{(spec or {}).get('title', name)} ({summary['n_experiments']} experiments)"
            for flag in analysis_flags(int(summary["n_experiments"]), str(summary["method"]), settings):
                groups[flag].append(title)
    parts = []
    if groups["few"]:
        parts.append(
            f"{_join(groups['few'])} {'has' if len(groups['few']) == 1 else 'have'} fewer than {settings.min_experiments} "
            f"experiments: in simulations {cite.cite('eickhoff2016behavior')} ALE analyses of fewer than "
            f"{settings.min_experiments}-{settings.min_experiments_cluster_fwe} experiments lacked power and their clusters were "
            "often driven by one or two experiments, which the contributions and fail-safe N above examine."
        )
    if groups["few_for_cluster_fwe"]:
        parts.append(
            f"{_join(groups['few_for_cluster_fwe'])} used cluster-level FWE correction with fewer than "
            f"{settings.min_experiments_cluster_fwe} experiments, below which it is less robust {cite.cite('eickhoff2016behavior')}."
        )
    if groups["uncorrected"]:
        parts.append(
            f"{_join(groups['uncorrected'])} {'was' if len(groups['uncorrected']) == 1 else 'were'} thresholded without "
            "correction for multiple comparisons, which does not control false positives; cluster-level FWE correction is "
            f"recommended {cite.cite('eickhoff2012activation', 'eickhoff2016behavior', 'muller2018ten')}."
        )
    return ("Limitations. " + " ".join(parts)) if parts else ""


def _checks_paragraph(config, cite, contributions, failsafe) -> str:
    """The contribution and fail-safe N checks, with their parameters and the clusters they flag."""
    checks = config.get("checks") or {}
    titles = {name: (spec or {}).get("title", name) for name, spec in (config.get("analyses") or {}).items()}
    parts = []
    if contributions is not None:
        c = ContributionSettings.from_config(checks.get("contributions"))
        flagged = [
            f"{titles.get(r['analysis'], r['analysis'])} cluster {r['cluster']}"
            for r in contributions.to_dict("records")
            if "Y" in (r.get("dominant"), r.get("pair"), r.get("few"))
        ]
        few = f", or fewer than {c.min_experiments} experiments accounted for more than {c.few_share:.0%}" if c.min_experiments > 3 else ""
        parts.append(
            f"Each experiment's contribution to each cluster was computed as the share of the cluster's summed ALE lost without it "
            f"{cite.cite('eickhoff2016behavior')}; a cluster was flagged when it rested on one or two experiments: one experiment "
            f"contributed more than {c.dominant_share:.0%} of it, or the two largest together more than {c.pair_share:.0%}{few}"
            + (f" (flagged: {_join(flagged)})." if flagged else " (no cluster was flagged).")
        )
    if failsafe is not None:
        f = checks.get("failsafe") or {}
        per_test = [
            str(r["iterations_per_test"]) for r in failsafe.to_dict("records") if str(r.get("iterations_per_test", "0")) not in ("0", "")
        ]
        low = [
            f"{titles.get(r['analysis'], r['analysis'])} cluster {r['cluster']} (N = {r['fsn_text']})"
            for r in failsafe.to_dict("records")
            if r.get("robust") == "N"
        ]
        parts.append(
            f"The fail-safe N of each cluster {cite.cite('acar2018assessing')} was the number of null experiments (foci at random in the mask, "
            "foci counts and sample sizes drawn from the included experiments, seeded) that could be added before the cluster no longer "
            f"survived the analysis' threshold, found by bisection up to {float(f.get('max_multiplier', 10)):g} times the number of experiments"
            + (f" (for FWE thresholds a Monte Carlo of {_join(sorted(set(per_test), key=int))} iterations per test)" if per_test else "")
            + f"; clusters below {float(f.get('min_multiplier', 2)):g} times the number of experiments are reported as not robust"
            + (f" ({_join(low)})." if low else " (none was).")
        )
    return " ".join(parts)


def methods_paragraphs(config: dict, thresholds: dict, agreement=None, versions=None, citations=None, files=None):
    """The methods section as paragraphs of plain text, and the numbered references.

    Parameters
    ----------
    config : dict
        The validated workflow config (sections a review does not have may be absent).
    thresholds : dict
        analysis → the ``threshold.json`` the ALE stage wrote (may be empty).
    agreement : pandas.DataFrame, optional
        ``results/screening/agreement.tsv``.
    versions : dict, optional
        From :func:`software_versions`.
    citations : Citations, optional
    files : dict, optional
        Paths by role (see the module docstring); without them only the config and
        ``thresholds`` are used, and the Talairach sentence is left out (nothing says a study
        used Talairach).

    Returns
    -------
    (list of str, list of str)
        Paragraphs, references.
    """
    versions = versions or software_versions()
    cite = citations or Citations()
    files = files or {}
    search = config.get("search") or {}
    paragraphs = []
    if search.get("pubmed") or search.get("exports"):
        paragraphs.append(
            _search_paragraph(
                config,
                cite,
                versions,
                _load(files, "pubmed_json", read_json),
                _load(files, "provenance_json", read_json),
                _load(files, "prisma_csv", read_prisma),
            )
        )
    else:
        paragraphs.append(
            f"The analyses were run with alereview {versions['alereview']} "
            f"(Snakemake {versions['snakemake']} {cite.cite('molder2021snakemake')}) from the coordinates given."
        )
    screening = _screening_paragraph(config, cite, agreement)
    if screening:
        paragraphs.append(screening)
    transforms = _load(files, "coordinates_transforms_tsv", read_tsv)
    converted = study_transforms(transforms, None if transforms is not None else _load(files, "foci_tsv", read_tsv))
    paragraphs.append(_ale_paragraph(cite, versions, converted, thresholds))
    data_checks = data_checks_sentence(config, _load(files, "coordinates_checks_tsv", read_tsv), cite)
    if data_checks:
        paragraphs.append(data_checks)
    for name, analysis in (config.get("analyses") or {}).items():
        summary = thresholds.get(name) or {}
        if summary:
            paragraphs.append(_analysis_paragraph(analysis.get("title", name), summary, _load(files, f"{name}:experiments_tsv", read_tsv)))
    if (config.get("jackknife") or {}).get("enabled", True):
        paragraphs.append(
            "Robustness was assessed with a leave-one-experiment-out jackknife: each analysis was repeated without "
            "each experiment in turn, at the same threshold, and each cluster was counted as replicated when it was found again."
        )
    checks = _checks_paragraph(
        config, cite, _load(files, "checks_contributions_tsv", read_tsv), _load(files, "checks_failsafe_tsv", read_tsv)
    )
    if checks:
        paragraphs.append(checks)
    paragraphs.append(
        f"Peaks were labelled with the Talairach Daemon {cite.cite('lancaster2000automated')}. Figures were drawn on the MNI152 "
        f"template with nilearn {versions['nilearn']} {cite.cite('abraham2014nilearn')} and matplotlib {versions['matplotlib']}; "
        f"Python {versions['python']}, NumPy {versions['numpy']}, nibabel {versions['nibabel']}, pandas {versions['pandas']}."
        + (f" The master random seed was {config['review'].get('seed', 0)}." if "seed" in config["review"] else "")
    )
    warnings = _warnings_paragraph(config, thresholds, cite)
    if warnings:
        paragraphs.append(warnings)
    return paragraphs, cite.references()


def _clusters_text(n) -> str:
    n = int(n or 0)
    return "no cluster" if n == 0 else f"{n} cluster" + ("s" if n != 1 else "")


def _threshold_text(summary: dict, cite) -> str:
    """The threshold an analysis's job applied, in words, from its ``threshold.json``."""
    method, voxel_p = summary.get("method"), summary.get("cluster_forming_voxel_p")
    if voxel_p is None:  # recorded by an older version: its own description
        return str(summary.get("threshold", "the threshold of each analysis"))
    if method == "uncorrected":
        return f"an uncorrected voxel-level p < {voxel_p:g} with clusters of at least {summary['min_cluster_mm3']:g} mm³"
    if method == "cluster_fwe":
        return f"a cluster-level family-wise error rate p < {summary['cluster_p']:g} (cluster-forming voxel p < {voxel_p:g})"
    if method == "voxel_fwe":
        return f"a voxel-level family-wise error rate p < {summary['voxel_fwe_p']:g}"
    if method == "fdr":
        return fdr_text(summary.get("fdr_q", 0.05), summary.get("fdr_variant", "pid"), summary.get("min_cluster_mm3", 0), cite)
    return str(summary.get("threshold", method))
