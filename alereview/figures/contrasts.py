"""Figures of a contrast (``ale.contrasts``): cluster panels and a glass brain, as for an analysis.

They reuse :mod:`alereview.figures.brain`. A subtraction shows |z| of A − B inside its clusters
(colour bar ``|z|``), each panel's label starting with its direction (``A>B`` / ``B>A``; the
figure's title names A and B); a conjunction shows the minimum ALE (colour bar ``min ALE``).
"""

from __future__ import annotations

import numpy as np

from alereview.figures.common import output_paths
from alereview.logs import get_logger
from alereview.tsv import read_json
from alereview.figures.brain import cluster_label, plot_cluster_panels, plot_glass, read_clusters

LOG = get_logger(__name__)


def contrast_figures(
    thresholded,
    clusters_tsv,
    threshold_json,
    clusters_png,
    glass_png,
    title="",
    cmap="inferno",
    dpi=300,
    vector_format="svg",
    simulated=False,
):
    """Write the cluster panels and the glass brain of one contrast.

    Parameters
    ----------
    thresholded : str or Path
        The contrast's ``thresholded.nii.gz`` (signed z of a subtraction, minimum ALE of a
        conjunction, zero outside clusters).
    clusters_tsv, threshold_json : str or Path
        Its ``clusters.tsv`` and ``threshold.json``.
    clusters_png, glass_png : str or Path
        The two PNGs; a vector twin of each is written beside it (``vector_format``).
    title, cmap, dpi, vector_format, simulated
        As for the analyses' figures.
    """
    import nibabel as nib

    summary = read_json(threshold_json)
    clusters = read_clusters(clusters_tsv)
    if len(clusters):
        # Short: the direction as A>B / B>A (the title names A and B), then the peak's label.
        clusters = clusters.assign(
            label=[f"{row['direction']}: {cluster_label({**row, 'label': ''})}" for row in clusters.to_dict("records")]
        )
    image = nib.load(str(thresholded))
    shown = nib.Nifti1Image(np.abs(np.asarray(image.dataobj, dtype=np.float32)), image.affine)
    stat_label = "|z|" if summary["kind"] == "subtraction" else "min ALE"
    if not title:
        sign = "−" if summary["kind"] == "subtraction" else "∩"
        title = f"A {sign} B: {summary['a']} {sign} {summary['b']}"
    LOG.info("%s: %d cluster(s)", summary["contrast"], len(clusters))
    plot_cluster_panels(
        shown,
        clusters,
        output_paths(clusters_png, vector_format),
        title=title,
        cmap=cmap,
        dpi=dpi,
        simulated=simulated,
        stat_label=stat_label,
    )
    plot_glass(
        shown, clusters, output_paths(glass_png, vector_format), title=title, cmap=cmap, dpi=dpi, simulated=simulated, stat_label=stat_label
    )
