"""What every figure shares: fonts, saving (PNG + vector, deterministic), notes, statements."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from alereview.logs import get_logger  # noqa: E402

log = get_logger(__name__)

SIMULATED_STAMP = "Simulated inputs: not results of real data"

#: Sizes in points; journals ask for 6-8 pt text at the printed size (figures are 7.2 in wide).
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    # Same SVG element ids on every run: byte-identical files.
    "svg.hashsalt": "alereview",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
}

FULL_WIDTH_IN = 7.2


def apply_style() -> None:
    """Set the figure style (fonts, sizes, white background) for this process."""
    plt.rcParams.update(STYLE)


def output_paths(png_path, vector_format="svg"):
    """``[png, vector]`` for a PNG path: the vector file sits beside it."""
    png_path = Path(png_path)
    return [png_path, png_path.with_suffix("." + vector_format)]


def save_figure(fig, paths, dpi=300, tight=True) -> list[Path]:
    """Save ``fig`` to each path (format from the suffix), deterministically, and close it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    paths : list of str or Path
        e.g. ``["x.png", "x.svg"]``.
    dpi : int
        Resolution of raster output.
    tight : bool
        Crop to the drawn content (one more draw pass; figures laid out exactly skip it).

    Returns
    -------
    list of Path
    """
    written = []
    for path in map(Path, paths):
        path.parent.mkdir(parents=True, exist_ok=True)
        suffix = path.suffix.lower().lstrip(".")
        metadata = {
            "png": {"Software": None},
            "svg": {"Date": None, "Creator": None},
            "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
        }.get(suffix)
        tmp = path.with_name(f".{path.name}.part")
        fig.savefig(tmp, dpi=dpi, format=suffix, metadata=metadata, bbox_inches="tight" if tight else None, pad_inches=0.04)
        tmp.replace(path)
        written.append(path)
    plt.close(fig)
    log.info("wrote %s", ", ".join(str(p) for p in written))
    return written


def add_footer(fig, simulated: bool, extra: str = "") -> None:
    """A small footer: the simulated-data stamp (when ``simulated``) and ``extra`` text."""
    parts = ([SIMULATED_STAMP] if simulated else []) + ([extra] if extra else [])
    if parts:
        fig.text(
            0.01,
            0.003,
            "   ".join(parts),
            ha="left",
            va="bottom",
            fontsize=6.5,
            color="#8a1c1c" if simulated else "#444444",
            style="italic",
        )


def statement_figure(paths, title: str, statement: str, dpi=300, simulated=False) -> list[Path]:
    """A figure that states a result in words, for an analysis with nothing to draw.

    An analysis with no surviving cluster is a result; it is shown as a sentence rather than
    as an empty brain, so that no reader takes it for a failed plot.
    """
    apply_style()
    fig = plt.figure(figsize=(FULL_WIDTH_IN, 1.3))
    fig.text(0.5, 0.68, title, ha="center", va="center", fontsize=10, weight="bold")
    fig.text(0.5, 0.35, statement, ha="center", va="center", fontsize=9)
    add_footer(fig, simulated)
    return save_figure(fig, paths, dpi, tight=False)  # keep the full width: the text stays centred


def panel_letter(index: int) -> str:
    """A, B, ..., Z, AA, AB, ... for panel ``index`` (0-based).

    Examples
    --------
    >>> [panel_letter(i) for i in (0, 25, 26)]
    ['A', 'Z', 'AA']
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
