"""The jackknife as a heat map: left-out experiment × cluster, kept or lost, with the counts."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from alereview.errors import InputError
from alereview.figures.common import FULL_WIDTH_IN, add_footer, apply_style, panel_letter, save_figure, statement_figure
from alereview.tsv import read_tsv

KEPT, LOST = "#2b6cb0", "#f3d6d6"
NOT_CLUSTERS = ("slug", "study_id", "experiment_id")


def read_jackknife(path) -> pd.DataFrame:
    """Read a jackknife table: first column the left-out experiment, then one Y/N column per cluster.

    Columns named ``slug``, ``study_id`` or ``experiment_id`` are identifiers, not clusters.

    A last row of counts (any row whose cells are not Y/N) is dropped: counts are recomputed.

    Returns
    -------
    pandas.DataFrame
        Index: left-out experiment; columns: clusters in file order; values ``Y`` or ``N``.

    Raises
    ------
    InputError
        For a cell other than Y/N in an experiment's row (naming line and column).
    """
    table = read_tsv(path)
    if table.shape[1] < 1:
        raise InputError("empty jackknife table", path=path)
    first = table.columns[0]
    # Identifiers beside the experiment's name are not clusters.
    clusters = [c for c in table.columns[1:] if c not in NOT_CLUSTERS]
    rows = []
    for line, row in enumerate(table.to_dict("records"), start=2):
        cells = [row[c].strip().upper() for c in clusters]
        if cells and all(c.isdigit() for c in cells) and line == len(table) + 1:
            continue  # the counts row
        for column, cell in zip(clusters, cells):
            if cell not in ("Y", "N"):
                raise InputError(f"expected Y or N, got {row[column]!r}", path=path, line=line, field=column)
        rows.append([row[first], *cells])
    return pd.DataFrame(rows, columns=[first, *clusters]).set_index(first)


def plot_jackknife(jackknife: pd.DataFrame, paths, cluster_labels=None, title="", dpi=300, simulated=False):
    """Heat map of the jackknife: one row per left-out experiment, one column per cluster.

    Parameters
    ----------
    jackknife : pandas.DataFrame
        From :func:`read_jackknife`.
    paths : list of Path
    cluster_labels : list of str, optional
        A label per cluster column (e.g. its anatomical label), shown under its letter.
    title : str
    """
    if jackknife.shape[1] == 0:
        return statement_figure(paths, title, "No cluster survived the threshold: there is nothing to jackknife.", dpi, simulated)
    apply_style()
    n_exp, n_clu = jackknife.shape
    labels = cluster_labels or [str(c) for c in jackknife.columns]
    headers = [f"{panel_letter(i)}\n{label}" for i, label in enumerate(labels)]
    cell = min(0.62, (FULL_WIDTH_IN - 2.3) / n_clu)
    fig = plt.figure(figsize=(FULL_WIDTH_IN, 0.24 * (n_exp + 1) + 1.75))
    width, height = fig.get_figwidth(), fig.get_figheight()
    ax = fig.add_axes([2.1 / width, 0.45 / height, cell * n_clu / width, 0.24 * (n_exp + 1) / height])
    values = (jackknife == "Y").to_numpy()
    for row in range(n_exp):
        for col in range(n_clu):
            kept = values[row, col]
            ax.add_patch(plt.Rectangle((col - 0.5, row - 0.5), 1, 1, facecolor=KEPT if kept else LOST, edgecolor="white", lw=1.2))
            ax.text(
                col, row, "Y" if kept else "N", ha="center", va="center", fontsize=6.5, color="white" if kept else "#8a1c1c", weight="bold"
            )
    counts = values.sum(axis=0)
    for col, count in enumerate(counts):
        ax.text(col, n_exp, f"{count}/{n_exp}", ha="center", va="center", fontsize=7, weight="bold")
    ax.axhline(n_exp - 0.5, color="#333333", lw=0.8)
    ax.set_xlim(-0.5, n_clu - 0.5)
    ax.set_ylim(n_exp + 0.5, -0.5)
    ax.set_yticks(range(n_exp + 1), [*jackknife.index, "Kept (of experiments)"])
    ax.get_yticklabels()[-1].set_fontweight("bold")
    ax.set_xticks(range(n_clu), headers, rotation=90 if max(map(len, labels)) > 8 else 0, fontsize=6.5)
    ax.xaxis.tick_top()
    ax.tick_params(length=0, labelsize=6.5)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_ylabel("Left-out experiment")
    handles = [Patch(facecolor=KEPT, label="Y: cluster still found"), Patch(facecolor=LOST, label="N: cluster lost")]
    fig.legend(handles=handles, loc="lower left", ncol=2, fontsize=7, frameon=False, bbox_to_anchor=(2.0 / width, 0.12 / height))
    if title:
        # Above the rotated cluster labels, however tall they are.
        top = ax.get_tightbbox(fig.canvas.get_renderer()).transformed(fig.transFigure.inverted()).y1
        fig.text(0.01, top + 0.08 / height, f"Jackknife: {title}", fontsize=9, weight="bold", va="bottom")
    add_footer(fig, simulated)
    return save_figure(fig, paths, dpi)
