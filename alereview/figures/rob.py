"""Risk-of-bias figures: traffic-light plot, summary bar plot (robvis style), MINORS table figure.

Colours follow the Cochrane/robvis conventions; ``palette="colourblind"`` uses robvis's
colour-blind-safe oranges. Judgements are also written as symbols (+ ? − !) inside the
traffic lights, so the figure reads in greyscale print too.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from alereview.figures.common import FULL_WIDTH_IN, add_footer, apply_style, save_figure
from alereview.tables.quality import MINORS_ITEMS, NO_INFORMATION, TOOLS

PALETTES = {
    "cochrane": {
        "Low": "#02C100",
        "Unclear": "#E2DF07",
        "Some concerns": "#E2DF07",
        "High": "#BF0000",
        "Critical": "#820000",
        NO_INFORMATION: "#4EA1F7",
    },
    "colourblind": {
        "Low": "#fed98e",
        "Unclear": "#fe9929",
        "Some concerns": "#fe9929",
        "High": "#d95f0e",
        "Critical": "#993404",
        NO_INFORMATION: "#d9d9d9",
    },
}
SYMBOLS = {"Low": "+", "Unclear": "?", "Some concerns": "–", "High": "×", "Critical": "!", NO_INFORMATION: ""}


def _palette(name):
    if name not in PALETTES:
        raise ValueError(f"unknown palette {name!r}; expected one of {sorted(PALETTES)}")
    return PALETTES[name]


def _judgement_order(tool):
    return [*TOOLS[tool].judgements, "Critical", NO_INFORMATION]


def plot_traffic_light(rob: pd.DataFrame, paths, tool="rob1", labels=None, palette="cochrane", dpi=300, simulated=False, title=None):
    """Study × domain traffic lights with the overall judgement (robvis's ``rob_traffic_light``).

    Parameters
    ----------
    rob : pandas.DataFrame
        From :func:`alereview.tables.quality.read_rob`: index study_id, domain columns, ``overall``.
    paths : list of Path
    tool : {"rob1", "rob2"}
    labels : dict, optional
        study_id → the name shown (e.g. ``Xiaoqing (19)``).
    palette : {"cochrane", "colourblind"}
    """
    apply_style()
    colours = _palette(palette)
    rob_tool = TOOLS[tool]
    labels = labels or {}
    domains = [key for key, _ in rob_tool.domains] + ["overall"]
    names = [f"D{i}" for i in range(1, len(domains))] + ["Overall"]
    n_studies = len(rob)
    cell = 0.3
    grid_h = cell * n_studies
    fig = plt.figure(figsize=(FULL_WIDTH_IN, grid_h + 1.95))
    width, height = fig.get_figwidth(), fig.get_figheight()
    ax = fig.add_axes([2.0 / width, 1.2 / height, cell * len(domains) / width, grid_h / height])
    for row, study_id in enumerate(rob.index):
        for col, domain in enumerate(domains):
            judgement = rob.at[study_id, domain]
            radius = 0.4 if domain != "overall" else 0.44
            ax.add_patch(plt.Circle((col, row), radius, color=colours[judgement], ec="#333333", lw=0.5))
            ax.text(
                col,
                row,
                SYMBOLS[judgement],
                ha="center",
                va="center",
                fontsize=8,
                weight="bold",
                color="black" if palette == "colourblind" or judgement in ("Unclear", "Some concerns") else "white",
            )
    ax.set_xlim(-0.6, len(domains) - 0.4)
    ax.set_ylim(n_studies - 0.5, -0.5)
    ax.set_aspect("equal")
    ax.set_xticks(range(len(domains)), names)
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_studies), [labels.get(s, s) for s in rob.index])
    ax.axvline(len(domains) - 1.5, color="#888888", lw=0.6)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    ax.set_title(title or f"Risk of bias ({rob_tool.name})", fontsize=9, weight="bold", pad=16)
    # Legends: the judgements present beside the grid, the domains under it.
    present = [j for j in _judgement_order(tool) if (rob[domains] == j).to_numpy().any()]
    handles = [
        plt.Line2D(
            [],
            [],
            marker="o",
            ls="",
            markersize=9,
            markerfacecolor=colours[j],
            markeredgecolor="#333333",
            label=f"{SYMBOLS[j]}  {j}".strip(),
        )
        for j in present
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.04, 1.0),
        fontsize=7,
        frameon=False,
        title="Judgement",
        title_fontsize=7,
        alignment="left",
    )
    domain_text = "\n".join(f"D{i}: {label}" for i, (_, label) in enumerate(rob_tool.domains, start=1))
    ax.text(
        -0.6,
        n_studies - 0.2,
        domain_text + "\nOverall: the worst domain",
        fontsize=6.5,
        va="top",
        ha="left",
        linespacing=1.35,
        transform=ax.transData,
    )
    add_footer(fig, simulated)
    return save_figure(fig, paths, dpi)


def plot_summary(rob: pd.DataFrame, paths, tool="rob1", palette="cochrane", dpi=300, simulated=False, title=None):
    """Share of studies per judgement in each domain (robvis's ``rob_summary``), as stacked bars."""
    apply_style()
    colours = _palette(palette)
    rob_tool = TOOLS[tool]
    domains = [(key, label) for key, label in rob_tool.domains] + [("overall", "Overall risk of bias")]
    order = [j for j in _judgement_order(tool) if (rob[[d for d, _ in domains]] == j).to_numpy().any()]
    fig, ax = plt.subplots(figsize=(FULL_WIDTH_IN, 0.3 * len(domains) + 1.25))
    fig.subplots_adjust(left=0.47, right=0.98, top=1 - 0.35 / fig.get_figheight(), bottom=0.75 / fig.get_figheight())
    n = len(rob)
    for row, (domain, _) in enumerate(domains):
        left = 0.0
        counts = rob[domain].value_counts()
        for judgement in order:
            share = counts.get(judgement, 0) / n * 100
            if share:
                ax.barh(row, share, left=left, color=colours[judgement], edgecolor="#333333", lw=0.4, height=0.7)
                if share >= 8:
                    ax.text(
                        left + share / 2,
                        row,
                        f"{counts[judgement]}",
                        ha="center",
                        va="center",
                        fontsize=6.5,
                        color="white" if palette == "cochrane" and judgement in ("Low", "High", "Critical") else "black",
                    )
                left += share
    ax.set_yticks(range(len(domains)), [label for _, label in domains])
    ax.get_yticklabels()[-1].set_fontweight("bold")
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 25), [f"{t}%" for t in range(0, 101, 25)])
    ax.set_xlabel(f"Share of studies (n = {n}; numbers in bars are studies)")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title or f"Risk of bias summary ({rob_tool.name})", fontsize=9, weight="bold")
    handles = [Patch(facecolor=colours[j], edgecolor="#333333", label=j) for j in order]
    fig.legend(
        handles=handles, loc="lower center", ncol=len(handles), fontsize=7, frameon=False, bbox_to_anchor=(0.72, 0.12 / fig.get_figheight())
    )
    add_footer(fig, simulated)
    return save_figure(fig, paths, dpi)


def plot_minors(minors: pd.DataFrame, paths, labels=None, palette="cochrane", dpi=300, simulated=False):
    """MINORS scores as a table figure: items × studies, cells coloured by score, totals below.

    ``minors`` comes from :func:`alereview.tables.quality.read_minors`.
    """
    apply_style()
    colours = _palette(palette)
    score_colour = {2: colours["Low"], 1: colours["Unclear"], 0: colours["High"]}
    labels = labels or {}
    studies = list(minors.index)
    n_items = len(MINORS_ITEMS)
    cell_w, cell_h = 0.62, 0.24
    text_w = 3.0
    fig = plt.figure(figsize=(min(FULL_WIDTH_IN, text_w + cell_w * len(studies) + 0.3), cell_h * (n_items + 1) + 1.9))
    width, height = fig.get_figwidth(), fig.get_figheight()
    ax = fig.add_axes([text_w / width, 0.8 / height, cell_w * len(studies) / width, cell_h * (n_items + 1) / height])
    for col, study in enumerate(studies):
        for row in range(n_items):
            value = minors.at[study, f"item_{row + 1}"]
            if pd.isna(value):
                ax.add_patch(plt.Rectangle((col - 0.5, row - 0.5), 1, 1, facecolor="#f2f2f2", edgecolor="white", lw=1.5))
                ax.text(col, row, "n/a", ha="center", va="center", fontsize=6, color="#777777")
                continue
            ax.add_patch(plt.Rectangle((col - 0.5, row - 0.5), 1, 1, facecolor=score_colour[int(value)], edgecolor="white", lw=1.5))
            dark = palette == "cochrane" and int(value) in (0, 2)
            ax.text(col, row, str(int(value)), ha="center", va="center", fontsize=7.5, weight="bold", color="white" if dark else "black")
        total, ideal = int(minors.at[study, "total"]), int(minors.at[study, "ideal"])
        ax.text(col, n_items, f"{total}/{ideal}", ha="center", va="center", fontsize=7.5, weight="bold")
    ax.axhline(n_items - 0.5, color="#333333", lw=0.8)
    ax.axhline(7.5, color="#999999", lw=0.6, ls="--")
    ax.set_xlim(-0.5, len(studies) - 0.5)
    ax.set_ylim(n_items + 0.5, -0.5)
    ax.set_xticks(range(len(studies)), [labels.get(s, s) for s in studies], rotation=35, ha="left", rotation_mode="anchor")
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_items + 1), [f"{i}. {t}" for i, t in enumerate(MINORS_ITEMS, start=1)] + ["Total / ideal score"])
    ax.get_yticklabels()[-1].set_fontweight("bold")
    ax.tick_params(length=0, labelsize=7)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [
        Patch(facecolor=score_colour[s], label=t)
        for s, t in ((2, "2 reported, adequate"), (1, "1 reported, inadequate"), (0, "0 not reported"))
    ]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=7, frameon=False, bbox_to_anchor=(0.5, 0.2 / height))
    fig.text(0.01, 1 - 0.08 / height, "MINORS (non-randomised studies)", fontsize=9, weight="bold", va="top")
    fig.text(0.01, 0.62 / height, "Items 9-12 (below the dashed line) apply to comparative studies only.", fontsize=6.5, va="top")
    add_footer(fig, simulated)
    return save_figure(fig, paths, dpi)
