"""The PRISMA 2020 flow diagram, drawn from a PRISMA2020-template CSV.

The input is the PRISMA2020 R package's template (Haddaway et al. 2022): columns
``data,node,box,description,boxtext,tooltips,url,n``; ``data`` holds the keys
(``database_results``, ``duplicates``, ``records_screened``, ``dbr_excluded`` as
``"Reason, n; Reason, n"``, ``previous_studies`` ...), ``n`` the counts, ``boxtext`` the wording.
Layouts: a new review (databases and registers), plus, when their counts are given, the
previous-studies column of an updated review and the other-methods column.
"""

from __future__ import annotations

import csv
import textwrap

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from alereview.errors import InputError
from alereview.figures.common import add_footer, apply_style, save_figure
from alereview.screening.prisma import FIRST_VERSION_TEXT

REQUIRED = ("database_results", "duplicates", "records_screened", "records_excluded", "dbr_assessed", "dbr_excluded", "new_studies")
#: Keys whose ``n`` is a list ("Name, n; Name, n") rather than a count.
LIST_KEYS = ("database_specific_results", "register_specific_results", "dbr_excluded", "other_excluded")

FONT = 7.0
LINE_IN = FONT * 1.32 / 72
CHARS_PER_IN = 17.5
BOX_EDGE = "#333333"
PHASE_COLOUR = "#c5d9ef"
GREY_COLOUR = "#e8e8e8"
YELLOW_COLOUR = "#fff3c4"


def read_prisma(path) -> dict:
    """Read a PRISMA2020-template CSV into ``{key: {"n": str, "boxtext": str}}``.

    Raises
    ------
    InputError
        For a missing column or required key, or a count that is not a whole number.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"data", "n"} <= set(reader.fieldnames):
            raise InputError(f"expected the PRISMA2020 template columns (data, ..., n); got {reader.fieldnames}", path=path, field="data")
        values = {}
        for line, row in enumerate(reader, start=2):
            key = (row.get("data") or "").strip()
            if not key or key == "NA":
                continue
            n = (row.get("n") or "").strip()
            if n == "NA":
                n = ""
            if key not in LIST_KEYS and n and not n.replace(",", "").isdigit():
                raise InputError(f"expected a count, got {n!r}", path=path, line=line, field="n")
            values[key] = {"n": n.replace(",", "") if key not in LIST_KEYS else n, "boxtext": (row.get("boxtext") or "").strip()}
    missing = [k for k in REQUIRED if k not in values or values[k]["n"] == ""]
    if missing:
        raise InputError(f"no count for {missing}", path=path, field=missing[0])
    return values


def parse_list(text) -> list[tuple[str, str]]:
    """``"Wrong design, 20; No coordinates, 43"`` → ``[("Wrong design", "20"), ("No coordinates", "43")]``."""
    items = []
    if str(text or "").strip().replace(",", "").isdigit():
        return items  # a bare total (the R package's form when there is no reason): no reasons
    for part in str(text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        name, _, n = part.rpartition(",")
        items.append((name.strip() or part, n.strip()) if n.strip().isdigit() else (part, ""))
    return items


def _count(value) -> str:
    return f"{int(value):,}" if str(value).isdigit() else str(value)


def _n(prisma, key):
    value = prisma.get(key, {}).get("n", "")
    if key in LIST_KEYS:
        if str(value).strip().replace(",", "").isdigit():
            return str(value).strip().replace(",", "")
        items = parse_list(value)
        return str(sum(int(n) for _, n in items if n)) if items else ""
    return value


def _present(prisma, *keys) -> bool:
    return any(str(_n(prisma, k)).isdigit() and int(_n(prisma, k)) > 0 for k in keys)


class _Canvas:
    """Boxes and arrows in inches, on one axes covering the figure."""

    def __init__(self, ax):
        self.ax = ax
        self.boxes = {}

    @staticmethod
    def wrap(width, lines):
        wrapped = []
        for line in lines:
            wrapped += textwrap.wrap(
                line, max(8, int((width - 0.16) * CHARS_PER_IN)), subsequent_indent="   " if line.startswith("  ") else ""
            ) or [""]
        return wrapped

    def measure(self, width, lines):
        return len(self.wrap(width, lines)) * LINE_IN + 0.16

    def box(self, name, x, top, width, lines, colour="white", bold=False, rotate=False, height=None):
        wrapped = self.wrap(width, lines)
        height = height or len(wrapped) * LINE_IN + 0.16
        self.ax.add_patch(
            FancyBboxPatch(
                (x, top - height), width, height, boxstyle="round,pad=0,rounding_size=0.04", facecolor=colour, edgecolor=BOX_EDGE, lw=0.7
            )
        )
        if rotate:
            self.ax.text(
                x + width / 2, top - height / 2, " ".join(lines), rotation=90, ha="center", va="center", fontsize=FONT + 0.5, weight="bold"
            )
        else:
            self.ax.text(
                x + 0.08,
                top - 0.08,
                "\n".join(wrapped),
                ha="left",
                va="top",
                fontsize=FONT,
                weight="bold" if bold else "normal",
                linespacing=1.32,
            )
        self.boxes[name] = (x, top - height, width, height)
        return height

    def arrow(self, start, end, side="down"):
        x0, y0, w0, h0 = self.boxes[start]
        x1, y1, w1, h1 = self.boxes[end]
        if side == "down":
            # Into the middle of the lower box, from wherever above it the upper box is.
            x = x1 + w1 / 2 if x0 <= x1 + w1 / 2 <= x0 + w0 else x0 + w0 / 2
            a, b = (x, y0), (x, y1 + h1)
        else:
            a, b = (x0 + w0, y0 + h0 / 2), (x1, y0 + h0 / 2)
        self.ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=7, lw=0.7, color=BOX_EDGE, shrinkA=0, shrinkB=0))


def _nbsp(n) -> str:
    """``(n = 12)`` with non-breaking spaces: a count never wraps away from its ``n =``."""
    return f"(n\u00a0=\u00a0{_count(n)})"


def _lines(prisma, key, default, count_key=None):
    text = prisma.get(key, {}).get("boxtext") or default
    return f"{text} {_nbsp(_n(prisma, count_key or key))}"


def plot_prisma(prisma: dict, paths, dpi=300, simulated=False, title="PRISMA 2020 flow diagram"):
    """Draw the PRISMA 2020 flow diagram.

    Parameters
    ----------
    prisma : dict
        From :func:`read_prisma`.
    paths : list of Path
        e.g. ``[prisma.png, prisma.svg]``.
    """
    apply_style()
    previous = "previous_studies" in prisma and _present(prisma, "previous_studies", "previous_reports")
    other = _present(prisma, "website_results", "organisation_results", "citations_results")
    phase_w, gap, main_w, side_w = 0.32, 0.3, 2.45, 3.1
    x_prev = phase_w + 0.12
    x_main = x_prev + (main_w * 0.8 + gap if previous else 0)
    x_side = x_main + main_w + gap
    x_other = x_side + side_w + gap * 1.5
    other_w = main_w * 1.05
    width = (x_other + other_w if other else x_side + side_w) + 0.1
    fig = plt.figure(figsize=(width, 8))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.axis("off")
    canvas = _Canvas(ax)
    top = 7.75
    # Column headers.
    header_h = max(
        canvas.measure(main_w * 0.8, ["Previous studies"]),
        canvas.measure(main_w * 1.05, ["Identification of new studies via other methods"]) if other else 0,
        canvas.measure(main_w + gap + side_w, ["Identification of new studies via databases and registers"]),
    )
    canvas.box(
        "head",
        x_main,
        top,
        main_w + gap + side_w,
        ["Identification of new studies via databases and registers"],
        YELLOW_COLOUR,
        bold=True,
        height=header_h,
    )
    if previous:
        canvas.box("head_prev", x_prev, top, main_w * 0.8, ["Previous studies"], GREY_COLOUR, bold=True, height=header_h)
    if other:
        canvas.box(
            "head_other",
            x_other,
            top,
            other_w,
            ["Identification of new studies via other methods"],
            GREY_COLOUR,
            bold=True,
            height=header_h,
        )
    top -= header_h + 0.2
    phase_tops = {"identification": top}

    # Identification.
    identified = [_lines(prisma, "database_results", "Databases")]
    for name, n in parse_list(prisma.get("database_specific_results", {}).get("n")):
        identified.append(f"  {name} {_nbsp(n)}")
    if "register_results" in prisma:
        identified.append(_lines(prisma, "register_results", "Registers"))
    removed = [
        "Records removed before screening:",
        "  " + _lines(prisma, "duplicates", "Duplicate records"),
        "  " + _lines(prisma, "excluded_automatic", "Records marked as ineligible by automation tools"),
        "  " + _lines(prisma, "excluded_other", "Records removed for other reasons"),
    ]
    rows = [(["Records identified from:", *identified], removed, "identified", "removed")]
    if previous:
        canvas.box(
            "prev",
            x_prev,
            top,
            main_w * 0.8,
            [
                _lines(prisma, "previous_studies", "Studies included in previous version of review"),
                _lines(prisma, "previous_reports", "Reports of studies included in previous version of review"),
            ],
        )
    if other:
        website = ["Records identified from:"] + [
            "  " + _lines(prisma, k, d)
            for k, d in (
                ("website_results", "Websites"),
                ("organisation_results", "Organisations"),
                ("citations_results", "Citation searching"),
            )
            if k in prisma
        ]
        canvas.box("other_identified", x_other, top, other_w, website)

    screening = [
        (
            [_lines(prisma, "records_screened", "Records screened")],
            [_lines(prisma, "records_excluded", "Records excluded")],
            "screened",
            "excluded",
        ),
        (
            [_lines(prisma, "dbr_sought_reports", "Reports sought for retrieval")],
            [_lines(prisma, "dbr_notretrieved_reports", "Reports not retrieved")],
            "sought",
            "notretrieved",
        ),
        (
            [_lines(prisma, "dbr_assessed", "Reports assessed for eligibility")],
            [_lines(prisma, "dbr_excluded", "Reports excluded", "dbr_excluded") + (":" if parse_list(prisma["dbr_excluded"]["n"]) else "")]
            + [f"  {name} {_nbsp(n)}" if n else f"  {name}" for name, n in parse_list(prisma["dbr_excluded"]["n"])],
            "assessed",
            "reasons",
        ),
    ]
    for index, (main_lines, side_lines, main_name, side_name) in enumerate(rows + screening):
        if index == 1:
            top -= 0.12
            phase_tops["screening"] = top
        if (
            main_name in ("sought", "assessed")
            and main_name.replace("sought", "dbr_sought_reports").replace("assessed", "dbr_assessed") not in prisma
        ):
            continue
        # Each box as tall as its text; the arrow leaves the main box at its middle.
        h_main, h_side = canvas.measure(main_w, main_lines), canvas.measure(side_w, side_lines)
        canvas.box(main_name, x_main, top, main_w, main_lines)
        canvas.box(side_name, x_side, top, side_w, side_lines, height=max(h_side, h_main))
        h = max(h_main, h_side)
        canvas.arrow(main_name, side_name, side="right")
        top -= h + 0.3
    if other:
        other_top = canvas.boxes["other_identified"][1] - 0.3
        for name, side_name, key, side_key, reasons in (
            ("other_sought", "other_notretrieved", "other_sought_reports", "other_notretrieved_reports", False),
            ("other_assessed", "other_excluded", "other_assessed", "other_excluded", True),
        ):
            lines = [_lines(prisma, key, "Reports sought for retrieval" if "sought" in key else "Reports assessed for eligibility")]
            side = [_lines(prisma, side_key, "Reports excluded" if reasons else "Reports not retrieved")]
            if reasons:
                side += [f"  {r} {_nbsp(n)}" for r, n in parse_list(prisma.get(side_key, {}).get("n"))]
            h = max(canvas.measure(other_w * 0.47, lines), canvas.measure(other_w * 0.47, side))
            canvas.box(name, x_other, other_top, other_w * 0.47, lines, height=h)
            canvas.box(side_name, x_other + other_w * 0.53, other_top, other_w * 0.47, side, height=h)
            other_top -= h + 0.3
        canvas.arrow("other_identified", "other_sought")
        canvas.arrow("other_sought", "other_notretrieved", side="right")
        canvas.arrow("other_sought", "other_assessed")
        canvas.arrow("other_assessed", "other_excluded", side="right")
        top = min(top, other_top)

    # Included.
    top -= 0.12
    phase_tops["included"] = top
    # A first version's box says "Studies included in review"; "New studies ..." is an update's.
    included = [
        _lines(prisma, "new_studies", "New studies included in review")
        if previous
        else f"{FIRST_VERSION_TEXT['new_studies']} {_nbsp(_n(prisma, 'new_studies'))}"
    ]
    if "new_reports" in prisma and _n(prisma, "new_reports"):
        included.append(
            _lines(prisma, "new_reports", "Reports of new included studies")
            if previous
            else f"{FIRST_VERSION_TEXT['new_reports']} {_nbsp(_n(prisma, 'new_reports'))}"
        )
    # At least as tall as the word "Included" on its phase bar.
    h = canvas.box("included", x_main, top, main_w, included, height=max(0.72, canvas.measure(main_w, included)))
    chain = [n for n in ("identified", "screened", "sought", "assessed") if n in canvas.boxes]
    for a, b in zip(chain, chain[1:] + ["included"]):
        canvas.arrow(a, b)
    if other:
        # Down from the other methods' last box, then left into the included box.
        x, y, w, _ = canvas.boxes["other_assessed"]
        ix, iy, iw, ih = canvas.boxes["included"]
        ax.plot([x + w / 2, x + w / 2], [y, iy + ih / 2], color=BOX_EDGE, lw=0.7)
        ax.add_patch(
            FancyArrowPatch(
                (x + w / 2, iy + ih / 2),
                (ix + iw, iy + ih / 2),
                arrowstyle="-|>",
                mutation_scale=7,
                lw=0.7,
                color=BOX_EDGE,
                shrinkA=0,
                shrinkB=0,
            )
        )
    top -= h
    if previous:  # the total box belongs to an update's layout
        top -= 0.3
        total = [_lines(prisma, "total_studies", "Total studies included in review")]
        if _n(prisma, "total_reports"):
            total.append(_lines(prisma, "total_reports", "Reports of total included studies"))
        h = canvas.box("total", x_main, top, main_w, total)
        canvas.arrow("included", "total")
        if previous:
            x, y, w, hh = canvas.boxes["prev"]
            ax.add_patch(
                FancyArrowPatch(
                    (x + w / 2, y),
                    (x_main, top - h / 2),
                    arrowstyle="-|>",
                    mutation_scale=7,
                    lw=0.7,
                    color=BOX_EDGE,
                    connectionstyle="angle,angleA=-90,angleB=180",
                )
            )
        top -= h
    # Phase bars on the left.
    bottoms = {"identification": phase_tops["screening"] + 0.1, "screening": phase_tops["included"] + 0.1, "included": top}
    for phase, phase_top in phase_tops.items():
        canvas.box(
            f"phase_{phase}", 0.05, phase_top, phase_w, [phase.capitalize()], PHASE_COLOUR, rotate=True, height=phase_top - bottoms[phase]
        )
    bottom = top - 0.3
    ax.set_xlim(0, width)
    ax.set_ylim(bottom, 8)
    fig.set_size_inches(width, 8 - bottom)
    if title:
        ax.text(0.05, 7.97, title, fontsize=9, weight="bold", va="top")
    add_footer(fig, simulated)
    return save_figure(fig, paths, dpi)
