"""ALE results on the brain: one panel per cluster (the paper's Figures 3-5) and a glass brain.

Each panel shows orthogonal slices through the cluster's peak on the MNI152 template (nilearn's
brain-extracted 1 mm template, bundled: no download), the thresholded ALE map in a perceptual
colour map, and under it the panel's letter, the peak's MNI coordinates and its label. All
panels of a figure share one colour scale and one colour bar, so that clusters compare.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import lru_cache

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import nibabel as nib
import numpy as np
import pandas as pd
from matplotlib.cm import ScalarMappable

from alereview.errors import ConfigError, InputError
from alereview.figures.common import FULL_WIDTH_IN, add_footer, apply_style, panel_letter, save_figure, statement_figure
from alereview.logs import get_logger
from alereview.tsv import read_tsv

log = get_logger(__name__)

#: Share of the colour map's dark end left out, so that the weakest voxels stay visible on the
#: grey template (the dark end of inferno/magma is near-black).
CMAP_FLOOR = 0.25
#: Half-width (mm) of the gap the cross hairs leave around a peak.
CROSS_GAP_MM = 9.0


def read_clusters(path) -> pd.DataFrame:
    """Read a cluster table, tolerant of its exact columns; an empty table is valid.

    Needs ``x``, ``y``, ``z`` (MNI peak, mm) when it has rows. Known optional columns:
    ``cluster``, ``volume_mm3``, ``peak_ale``, ``hemisphere``, ``lobe``, ``gyrus``, ``ba``,
    ``label``. Rows keep the table's order (the order of the panels).
    """
    table = read_tsv(path)
    if len(table) and not {"x", "y", "z"} <= set(table.columns):
        raise InputError(f"a cluster table needs columns x, y, z (MNI peak); it has {list(table.columns)}", path=path, field="x")
    for line, row in enumerate(table.to_dict("records"), start=2):
        for axis in ("x", "y", "z"):
            try:
                float(row[axis])
            except ValueError:
                raise InputError(f"not a coordinate: {row[axis]!r}", path=path, line=line, field=axis) from None
    return table


def cluster_label(row) -> str:
    """A peak's anatomical label, as the paper words it: ``L Frontal Lobe, Inferior Frontal Gyrus, BA45``."""
    if row.get("label"):
        return str(row["label"])
    parts = [str(row.get(k, "")).strip() for k in ("lobe", "gyrus")]
    parts = [p for p in parts if p and p != "-"]
    ba = str(row.get("ba", "")).strip()
    if ba and ba not in ("-", "nan"):
        # A Brodmann number gets its prefix; the atlas' cell types (e.g. Putamen) stay as they are.
        parts.append(f"BA{ba}" if ba.isdigit() else ba)
    hemisphere = str(row.get("hemisphere", "")).strip()
    text = ", ".join(parts) or "unlabelled"
    return f"{hemisphere} {text}" if hemisphere and hemisphere != "-" else text


@lru_cache(maxsize=1)
def mni_template():
    """nilearn's brain-extracted MNI152 template at 1 mm (bundled with nilearn, offline)."""
    from nilearn.datasets import load_mni152_template

    return load_mni152_template(resolution=1)


def truncated_cmap(name: str, floor: float = CMAP_FLOOR):
    """The colour map ``name`` without its darkest ``floor`` share.

    Raises
    ------
    ConfigError
        For a name matplotlib does not know (key ``figures.cmap``).
    """
    try:
        base = plt.get_cmap(name)
    except ValueError:
        raise ConfigError("figures.cmap", f"{name!r} is not a matplotlib colour map (e.g. inferno, magma, viridis, cividis)") from None
    return mcolors.LinearSegmentedColormap.from_list(f"{name}_from{floor:g}", base(np.linspace(floor, 1, 256)))


@contextmanager
def _frozen_gc():
    """Freeze the objects alive so far out of the garbage collector's scans.

    nilearn calls ``gc.collect()`` each time it reads an image's data; with a figure of many
    panels alive, each collection walks every matplotlib artist and dominated the run time
    (2.6 of 7.5 s for three panels). Frozen objects are not scanned; nothing is leaked.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _value_range(img) -> tuple[float, float]:
    data = np.asarray(img.dataobj, dtype=float)
    positive = data[data > 0]
    if positive.size == 0:
        return 0.0, 1.0
    low, high = float(positive.min()), float(positive.max())
    return (low, high) if high > low else (0.0, high)


class _Slicer:
    """Orthogonal slices of the template and of a map resampled onto it, in mm.

    Drawn with plain matplotlib (nilearn's ``plot_stat_map`` took ~1.5 s a panel, mostly in
    repeated garbage collection and masking); the template is nilearn's, the conventions too:
    neurological view (left on the left), anterior to the right on sagittal slices.
    """

    def __init__(self, template, stat_img):
        from nilearn.image import resample_to_img

        affine = template.affine
        if not np.allclose(affine[:3, :3], np.diag(np.diag(affine[:3, :3]))):
            raise ValueError("the template must be stored axis-aligned")
        self.affine = affine
        self.bg = np.asarray(template.dataobj, dtype=np.float32)
        stat = resample_to_img(stat_img, template, interpolation="nearest", force_resample=True, copy_header=True)
        self.stat = np.asarray(stat.dataobj, dtype=np.float32)
        self.bg_max = float(np.percentile(self.bg[self.bg > 0], 99.5))
        # Axis edges in mm, and the brain's bounding box (to crop empty margins).
        n = self.bg.shape
        self.edges = [sorted((affine[a, 3] - 0.5 * affine[a, a], affine[a, 3] + (n[a] - 0.5) * affine[a, a])) for a in range(3)]
        inside = np.nonzero(self.bg > 0)
        self.bbox = []
        for a in range(3):
            lo, hi = inside[a].min(), inside[a].max()
            ends = sorted((affine[a, 3] + (lo - 1.5) * affine[a, a], affine[a, 3] + (hi + 1.5) * affine[a, a]))
            self.bbox.append(ends)

    def index(self, axis, mm):
        i = int(round((mm - self.affine[axis, 3]) / self.affine[axis, axis]))
        return min(max(i, 0), self.bg.shape[axis] - 1)

    def extent(self, axis):
        return self.bbox[axis][1] - self.bbox[axis][0]

    def draw(self, ax, axis, mm, peak, cmap, norm):
        """Slice ``axis`` (0 sagittal, 1 coronal, 2 axial) at ``mm``; cross at ``peak``."""
        i = self.index(axis, mm)
        take = [slice(None)] * 3
        take[axis] = i
        bg, stat = self.bg[tuple(take)].T, self.stat[tuple(take)].T
        h, v = [a for a in range(3) if a != axis]
        extent = [*self.edges[h], *self.edges[v]]
        if self.affine[h, h] < 0:
            bg, stat = bg[:, ::-1], stat[:, ::-1]
        if self.affine[v, v] < 0:
            bg, stat = bg[::-1], stat[::-1]
        ax.imshow(
            np.ma.masked_less_equal(bg, 0), cmap="gray", vmin=0, vmax=self.bg_max, origin="lower", extent=extent, interpolation="bilinear"
        )
        ax.imshow(np.ma.masked_less(stat, norm.vmin), cmap=cmap, norm=norm, origin="lower", extent=extent, interpolation="nearest")
        # Cross hairs with a gap at the peak, so that they never hide a small cluster.
        (h0, h1), (v0, v1) = self.bbox[h], self.bbox[v]
        line = dict(color="#2b6cb0", lw=0.5, alpha=0.9)
        ax.plot([peak[h], peak[h]], [v0, peak[v] - CROSS_GAP_MM], **line)
        ax.plot([peak[h], peak[h]], [peak[v] + CROSS_GAP_MM, v1], **line)
        ax.plot([h0, peak[h] - CROSS_GAP_MM], [peak[v], peak[v]], **line)
        ax.plot([peak[h] + CROSS_GAP_MM, h1], [peak[v], peak[v]], **line)
        ax.set_xlim(*self.bbox[h])
        ax.set_ylim(*self.bbox[v])
        ax.set_aspect("equal")
        ax.axis("off")
        ax.text(0.02, 0.02, f"{'xyz'[axis]} = {mm:g}", transform=ax.transAxes, fontsize=6.5, ha="left", va="bottom")
        if axis != 0:
            ax.text(0.01, 0.98, "L", transform=ax.transAxes, fontsize=6.5, ha="left", va="top")
            ax.text(0.99, 0.98, "R", transform=ax.transAxes, fontsize=6.5, ha="right", va="top")


def plot_cluster_panels(
    thresholded, clusters: pd.DataFrame, paths, title="", cmap="inferno", dpi=300, simulated=False, ncols=None, stat_label="ALE"
):
    """One panel per cluster: orthogonal slices through its peak, lettered in table order.

    Parameters
    ----------
    thresholded : str, Path or nibabel image
        The thresholded ALE map (zero outside clusters).
    clusters : pandas.DataFrame
        From :func:`read_clusters`; may be empty (then a statement figure is written).
    paths : list of Path
        Outputs, e.g. ``[x.png, x.svg]``.
    title : str
        The analysis title (figure heading).
    cmap : str
        A matplotlib colour map; perceptual ones (inferno, magma, viridis, cividis) are best.
    dpi : int
    simulated : bool
        Stamp the figure as built from simulated inputs.
    ncols : int, optional
        Panels per row; by default 1 for up to 3 clusters, else 2.
    stat_label : str
        The colour bar's title: the statistic shown (``ALE``; ``|z|`` for a subtraction).
    """
    if clusters.empty:
        return statement_figure(paths, title, "No cluster survived the threshold: nothing to show on the brain.", dpi, simulated)
    apply_style()
    img = nib.load(thresholded) if not hasattr(thresholded, "affine") else thresholded
    vmin, vmax = _value_range(img)
    colours = truncated_cmap(cmap)
    norm = mcolors.Normalize(vmin, vmax)
    slicer = _Slicer(mni_template(), img)
    lx, ly, lz = (slicer.extent(a) for a in range(3))
    ratios = [ly / lz, lx / lz, lx / ly]  # equal heights for sagittal, coronal, axial
    n = len(clusters)
    ncols = ncols or (1 if n <= 3 else 2)
    nrows = -(-n // ncols)
    panel_w = FULL_WIDTH_IN / ncols
    brain_h = 0.92 * panel_w / sum(ratios)
    text_h = 0.36
    head, foot = (0.32 if title else 0.08), 0.62
    fig = plt.figure(figsize=(FULL_WIDTH_IN, nrows * (brain_h + text_h) + head + foot))
    height = fig.get_figheight()
    grid = fig.add_gridspec(nrows, ncols, left=0.01, right=0.99, top=1 - head / height, bottom=foot / height, hspace=0.0, wspace=0.06)
    for index, row in enumerate(clusters.to_dict("records")):
        cell = grid[index // ncols, index % ncols].subgridspec(
            2, 3, height_ratios=[brain_h, text_h], width_ratios=ratios, hspace=0.0, wspace=0.02
        )
        peak = (float(row["x"]), float(row["y"]), float(row["z"]))
        axes = [fig.add_subplot(cell[0, k]) for k in range(3)]
        for axis, ax in enumerate(axes):
            slicer.draw(ax, axis, peak[axis], peak, colours, norm)
        letter = panel_letter(index)
        axes[0].text(0.0, 1.0, letter, transform=axes[0].transAxes, ha="left", va="top", fontsize=11, weight="bold")
        ax_text = fig.add_subplot(cell[1, :])
        ax_text.axis("off")
        details = ["MNI ({:g}, {:g}, {:g})".format(*peak)]
        if row.get("volume_mm3"):
            details.append(f"{float(row['volume_mm3']):,.0f} mm³")
        if row.get("peak_ale"):
            details.append(f"peak ALE {float(row['peak_ale']):.4f}")
        ax_text.text(0.5, 0.72, f"{letter}  {cluster_label(row)}", ha="center", va="center", fontsize=7.5, weight="bold")
        ax_text.text(0.5, 0.22, "   ".join(details), ha="center", va="center", fontsize=7)
    if title:
        fig.suptitle(title, y=1 - 0.06 / height, va="top", fontsize=10, weight="bold")
    cax = fig.add_axes([0.3, 0.3 / height, 0.4, 0.09 / height])
    bar = fig.colorbar(ScalarMappable(norm, colours), cax=cax, orientation="horizontal")
    bar.set_label(stat_label, fontsize=7, labelpad=1)
    bar.ax.tick_params(labelsize=6.5, length=2, pad=1)
    bar.set_ticks(np.linspace(vmin, vmax, 3))
    bar.ax.xaxis.set_major_formatter(plt.FormatStrFormatter("%.3f"))
    add_footer(fig, simulated)
    return save_figure(fig, paths, dpi, tight=False)


def plot_glass(thresholded, clusters: pd.DataFrame, paths, title="", cmap="inferno", dpi=300, simulated=False, stat_label="ALE"):
    """A glass brain (sagittal, coronal, axial) of all clusters, each peak marked with its letter.

    ``stat_label`` titles the colour bar (as in :func:`plot_cluster_panels`).
    """
    from nilearn import plotting

    if clusters.empty:
        return statement_figure(paths, title, "No cluster survived the threshold: the glass brain would be empty.", dpi, simulated)
    apply_style()
    img = nib.load(thresholded) if not hasattr(thresholded, "affine") else thresholded
    vmin, vmax = _value_range(img)
    colours = truncated_cmap(cmap)
    fig = plt.figure(figsize=(FULL_WIDTH_IN, 2.5))
    ax = fig.add_axes([0.0, 0.08, 0.87, 0.8])
    with _frozen_gc():
        display = plotting.plot_glass_brain(
            img,
            display_mode="ortho",
            axes=ax,
            cmap=colours,
            vmin=vmin,
            vmax=vmax,
            plot_abs=False,
            threshold=vmin * 0.999,
            colorbar=False,
            black_bg=False,
            annotate=False,
            alpha=0.6,
        )
    peaks = clusters[["x", "y", "z"]].astype(float).to_numpy()
    # Each view's axes are in mm: sagittal (y, z), coronal (x, z), axial (x, y). Letters sit
    # beside their peak, moved round it when another letter is already close.
    offsets = [(4, 4), (4, -10), (-11, 4), (-11, -10), (8, -3), (-15, -3)]
    for direction, (i, j) in {"x": (1, 2), "y": (0, 2), "z": (0, 1)}.items():
        view = display.axes[direction].ax
        placed = []
        for index, peak in enumerate(peaks):
            for dx, dy in offsets:
                spot = (peak[i] + dx, peak[j] + dy)
                if all(abs(spot[0] - p[0]) > 9 or abs(spot[1] - p[1]) > 8 for p in placed):
                    break
            placed.append(spot)
            view.text(*spot, panel_letter(index), fontsize=7, weight="bold", color="#1f4e9c", zorder=21, ha="left", va="bottom")
        if direction != "x":
            view.text(0.02, 0.98, "L", transform=view.transAxes, fontsize=7, va="top")
            view.text(0.98, 0.98, "R", transform=view.transAxes, fontsize=7, va="top", ha="right")
    cax = fig.add_axes([0.885, 0.25, 0.014, 0.55])
    bar = fig.colorbar(ScalarMappable(mcolors.Normalize(vmin, vmax), colours), cax=cax)
    bar.set_label(stat_label, fontsize=7)
    bar.ax.tick_params(labelsize=6.5)
    bar.set_ticks(np.linspace(vmin, vmax, 3))
    bar.ax.yaxis.set_major_formatter(plt.FormatStrFormatter("%.3f"))
    if title:
        fig.text(0.45, 0.97, f"{title}: all clusters", ha="center", va="top", fontsize=10, weight="bold")
    add_footer(fig, simulated, "Letters: panels of the cluster figure (peaks).")
    return save_figure(fig, paths, dpi)
