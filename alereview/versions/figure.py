"""The living flow diagram (PRISMA-LSR): each version's new records, and all versions together.

One column per version (the records its search added, down the PRISMA 2020 stages) and a last
column of the cumulative counts; the bottom row gives the studies included in total. Drawn from
the counts of :func:`alereview.versions.history.living_prisma`.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from alereview.figures.common import save_figure
from alereview.versions.history import PRISMA_STAGES

STAGE_TITLES = {
    "identified": "Records identified",
    "duplicates_removed": "Duplicates removed",
    "removed_other": "Removed for other reasons",
    "screened": "Records screened",
    "excluded_screening": "Excluded at screening",
    "reports_assessed": "Full texts assessed",
    "new_studies": "New studies included",
}


def draw_living_prisma(counts: pd.DataFrame, out_paths, dpi: int = 150, simulated: bool = False) -> list[Path]:
    """Draw the living flow diagram into each of ``out_paths`` (PNG, SVG, PDF by suffix).

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`alereview.versions.history.living_prisma`; one row per version with screening.
    out_paths : list of str or Path
    dpi : int
    simulated : bool
        Say in the title that the inputs are simulated.
    """
    stages = [name for name, _ in PRISMA_STAGES]
    columns = [
        (row["version"] + (f"\nto {row['search_cutoff']}" if row["search_cutoff"] else ""), row, "") for row in counts.to_dict("records")
    ]
    if len(counts):
        columns.append(("All versions", counts.iloc[-1].to_dict(), "cumulative_"))
    width = max(4.0, 1.9 * (len(columns) + 1))
    fig, ax = plt.subplots(figsize=(width, 0.62 * (len(stages) + 3)))
    ax.set_xlim(0, len(columns) + 1.2)
    ax.set_ylim(-(len(stages) + 1.6), 1)
    ax.axis("off")
    for r, stage in enumerate(stages):
        ax.text(0.05, -r - 0.5, STAGE_TITLES[stage], ha="left", va="center", fontsize=8.5)
    for c, (title, row, prefix) in enumerate(columns):
        x = 1.35 + c
        last = prefix == "cumulative_"
        ax.text(x + 0.4, 0.35, title, ha="center", va="center", fontsize=8.5, fontweight="bold")
        for r, stage in enumerate(stages):
            colour = "#fdf3d0" if not last else "#e3ecf7"
            ax.add_patch(plt.Rectangle((x, -r - 0.85), 0.8, 0.7, facecolor=colour, edgecolor="#555", linewidth=0.8))
            ax.text(x + 0.4, -r - 0.5, str(row[prefix + stage]), ha="center", va="center", fontsize=9)
        r = len(stages)
        ax.add_patch(plt.Rectangle((x, -r - 0.85), 0.8, 0.7, facecolor="#d9efdc", edgecolor="#555", linewidth=0.8))
        ax.text(x + 0.4, -r - 0.5, str(row["total_studies"]), ha="center", va="center", fontsize=9, fontweight="bold")
    ax.text(0.05, -len(stages) - 0.5, "Studies included in total", ha="left", va="center", fontsize=8.5, fontweight="bold")
    title = "Living review: records per version and across versions (PRISMA-LSR)"
    ax.set_title(title + (" — simulated inputs" if simulated else ""), fontsize=9.5)
    return save_figure(fig, [Path(p) for p in out_paths], dpi=dpi)
