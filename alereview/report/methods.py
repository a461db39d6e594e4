"""The methods paragraph of a review, generated from its config and the software actually used.

The ALE sentences follow NiMARE's own boilerplate (``ALE._generate_description`` and its
kernel's), filled with the counts each analysis recorded in ``threshold.json``; citation keys
become numbered references.
"""

from __future__ import annotations

import importlib.metadata
import platform
import re

REFERENCES = {
    "page2021prisma": "Page MJ, McKenzie JE, Bossuyt PM, et al. The PRISMA 2020 statement: an updated guideline for reporting systematic reviews. BMJ. 2021;372:n71.",
    "higgins2011cochrane": "Higgins JPT, Altman DG, Gøtzsche PC, et al. The Cochrane Collaboration's tool for assessing risk of bias in randomised trials. BMJ. 2011;343:d5928.",
    "sterne2019rob2": "Sterne JAC, Savović J, Page MJ, et al. RoB 2: a revised tool for assessing risk of bias in randomised trials. BMJ. 2019;366:l4898.",
    "slim2003minors": "Slim K, Nini E, Forestier D, et al. Methodological index for non-randomized studies (MINORS): development and validation of a new instrument. ANZ J Surg. 2003;73(9):712-716.",
    "cohen1960kappa": "Cohen J. A coefficient of agreement for nominal scales. Educ Psychol Meas. 1960;20(1):37-46.",
    "lancaster2007bias": "Lancaster JL, Tordesillas-Gutiérrez D, Martinez M, et al. Bias between MNI and Talairach coordinates analyzed using the ICBM-152 brain template. Hum Brain Mapp. 2007;28(11):1194-1205.",
    "turkeltaub2002meta": "Turkeltaub PE, Eden GF, Jones KM, Zeffiro TA. Meta-analysis of the functional neuroanatomy of single-word reading: method and validation. NeuroImage. 2002;16(3):765-780.",
    "turkeltaub2012minimizing": "Turkeltaub PE, Eickhoff SB, Laird AR, et al. Minimizing within-experiment and within-group effects in activation likelihood estimation meta-analyses. Hum Brain Mapp. 2012;33(1):1-13.",
    "eickhoff2009coordinate": "Eickhoff SB, Laird AR, Grefkes C, et al. Coordinate-based activation likelihood estimation meta-analysis of neuroimaging data: a random-effects approach based on empirical estimates of spatial uncertainty. Hum Brain Mapp. 2009;30(9):2907-2926.",
    "eickhoff2012activation": "Eickhoff SB, Bzdok D, Laird AR, Kurth F, Fox PT. Activation likelihood estimation meta-analysis revisited. NeuroImage. 2012;59(3):2349-2361.",
    "Salo2023": "Salo T, Yarkoni T, Nichols TE, et al. NiMARE: Neuroimaging Meta-Analysis Research Environment. Aperture Neuro. 2023;3:1-32.",
    "lancaster2000automated": "Lancaster JL, Woldorff MG, Parsons LM, et al. Automated Talairach atlas labels for functional brain mapping. Hum Brain Mapp. 2000;10(3):120-131.",
    "abraham2014nilearn": "Abraham A, Pedregosa F, Eickenberg M, et al. Machine learning for neuroimaging with scikit-learn. Front Neuroinform. 2014;8:14.",
    "molder2021snakemake": "Mölder F, Jablonski KP, Letcher B, et al. Sustainable data analysis with Snakemake. F1000Research. 2021;10:33.",
}

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
        return ("An ALE kernel \\citep{eickhoff2012activation} was used to generate study-wise modeled activation "
                "maps from coordinates, with full-width at half maximum determined by each study's sample size.")


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


def methods_paragraphs(config: dict, thresholds: dict, agreement=None, versions=None, citations=None):
    """The methods section as paragraphs of plain text, and the numbered references.

    Parameters
    ----------
    config : dict
        The validated workflow config.
    thresholds : dict
        analysis → the ``threshold.json`` the ALE stage wrote (may be empty).
    agreement : pandas.DataFrame, optional
        ``results/screening/agreement.tsv``.
    versions : dict, optional
        From :func:`software_versions`.
    citations : Citations, optional

    Returns
    -------
    (list of str, list of str)
        Paragraphs, references.
    """
    versions = versions or software_versions()
    cite = citations or Citations()
    search = config["search"]
    databases = (["PubMed"] if search.get("pubmed") else []) + [e["database"] for e in search.get("exports", [])]
    start = search.get("start", "")
    since = "inception" if not start or start <= "1900-01-01" else start
    paragraphs = [
        f"The review followed PRISMA 2020 {cite.cite('page2021prisma')}"
        + (f" and was registered ({config['review']['registration']})" if config["review"].get("registration") else "")
        + f". {_join(databases)} were searched from {since} to {search['cutoff']}"
        + (f" (PubMed by {_DATE_FIELDS.get(search['pubmed'].get('datetype', 'edat'), 'date')})" if search.get("pubmed") else "")
        + ". Records were merged and deduplicated, and screened on title and abstract, then on full text, "
        + f"with alereview {versions['alereview']} (Snakemake {versions['snakemake']} {cite.cite('molder2021snakemake')})."
    ]
    screening = config.get("screening", {})
    reviewers = screening.get("reviewers", [])
    text = ""
    if len(reviewers) == 2:
        text = f"Two reviewers ({_join(reviewers)}) screened independently"
        text += f"; conflicts were settled by a third ({screening['arbiter']})." if screening.get("arbiter") else "."
    if agreement is not None and len(agreement):
        parts = []
        for row in agreement.to_dict("records"):
            kappa = row.get("kappa", "")
            try:
                parts.append(f"{row.get('stage', '').replace('title_abstract', 'title/abstract').replace('_', ' ')}: raw agreement {float(row['raw_agreement']):.1%}, "
                             f"Cohen's κ = {float(kappa):.2f}")
            except (KeyError, ValueError):
                continue
        if parts:
            text += f" Agreement {cite.cite('cohen1960kappa')} — " + "; ".join(parts) + "."
    quality = config.get("quality", {})
    tools = []
    if quality.get("rob1"):
        tools.append(f"the Cochrane risk-of-bias tool (RoB 1, seven domains) {cite.cite('higgins2011cochrane')} for randomised trials")
    if quality.get("rob2"):
        tools.append(f"RoB 2 {cite.cite('sterne2019rob2')} for randomised trials")
    if quality.get("minors"):
        tools.append(f"MINORS {cite.cite('slim2003minors')} for non-randomised studies")
    if tools:
        text += f" Risk of bias was assessed with {_join(tools)}."
    if text:
        paragraphs.append(text.strip())
    coordinates = config.get("coordinates", {})
    transform = coordinates.get("transform", "")
    conversion = ("Foci reported in Talairach space were converted to MNI space with the inverse of "
                  f"Lancaster's icbm2tal transform ({transform.replace('lancaster_', '').upper() or 'pooled'}) {cite.cite('lancaster2007bias')}."
                  if "lancaster" in transform or not transform else f"Foci reported in Talairach space were converted to MNI space ({transform}).")
    ale = config["ale"]
    threshold = ale.get("threshold", {})
    paragraphs.append(
        conversion + " "
        + cite.replace_latex(
            "An activation likelihood estimation (ALE) meta-analysis "
            "\\citep{turkeltaub2002meta,turkeltaub2012minimizing,eickhoff2012activation} was "
            f"performed with NiMARE {versions['nimare']} (RRID:SCR_017398; \\citealt{{Salo2023}}). "
            + nimare_kernel_description()
            + " ALE values were converted to p-values using an approximate null distribution \\citep{eickhoff2012activation}.")
        + f" Maps were thresholded at {_threshold_text(threshold)}, within the {ale.get('mask', 'ale_2mm')} mask."
    )
    for name, analysis in config["analyses"].items():
        summary = thresholds.get(name) or {}
        if not summary:
            continue
        paragraphs.append(
            f"{analysis['title']}: {summary.get('n_foci', '?')} foci from {summary.get('n_experiments', '?')} experiments "
            f"with a total of {summary.get('n_subjects', '?')} participants; {_clusters_text(summary.get('n_clusters', 0))} "
            f"survived ({summary.get('threshold', _threshold_text(threshold))}).")
    if config.get("jackknife", {}).get("enabled", True):
        paragraphs.append(
            "Robustness was assessed with a leave-one-experiment-out jackknife: each analysis was repeated without "
            "each experiment in turn, at the same threshold, and each cluster was counted as replicated when it was found again.")
    paragraphs.append(
        f"Peaks were labelled with the Talairach Daemon {cite.cite('lancaster2000automated')}. Figures were drawn on the MNI152 "
        f"template with nilearn {versions['nilearn']} {cite.cite('abraham2014nilearn')} and matplotlib {versions['matplotlib']}; "
        f"Python {versions['python']}, NumPy {versions['numpy']}, nibabel {versions['nibabel']}, pandas {versions['pandas']}."
        + (f" The master random seed was {config['review'].get('seed', 0)}." if "seed" in config["review"] else ""))
    return paragraphs, cite.references()


def _clusters_text(n) -> str:
    n = int(n or 0)
    return "no cluster" if n == 0 else f"{n} cluster" + ("s" if n != 1 else "")


def _threshold_text(threshold: dict) -> str:
    method = threshold.get("method", "uncorrected")
    voxel_p = threshold.get("voxel_p", 0.001)
    if method == "uncorrected":
        return f"an uncorrected voxel-level p < {voxel_p:g} with clusters of at least {threshold.get('min_volume_mm3', 0):g} mm³"
    if method == "cluster_fwe":
        return f"a cluster-level family-wise error rate p < {threshold.get('cluster_p', 0.05):g} (cluster-forming voxel p < {voxel_p:g})"
    return f"a voxel-level family-wise error rate p < {threshold.get('voxel_fwe_p', 0.05):g}"
