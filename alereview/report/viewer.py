"""Interactive map viewers in the report: NiiVue, embedded, offline.

Each analysis's thresholded ALE map and each contrast's thresholded map is shown on the MNI152
template in three orthogonal slices with a crosshair (NiiVue 0.69, BSD-2-Clause, vendored as
``alereview/data/niivue/``). Under the viewer, the value of every map at the crosshair (ALE and z
for an analysis; the contrast's statistic) and the cluster table, whose rows move the crosshair
to their peak. Everything is inside the page: NiiVue's bundle (gzip-compressed, decompressed by
the browser), the template (once per page) and each map (.nii.gz, base64). The unthresholded z
map is stored as int16 with a slope of 0.001, which keeps its read-out to three decimals at half
the size.
"""

from __future__ import annotations

import base64
import gzip
import html
import io
import json
from functools import lru_cache
from importlib.resources import files as package_files
from pathlib import Path

import nibabel as nib
import numpy as np
import pandas as pd

from alereview.layout import path
from alereview.logs import get_logger
from alereview.tables.formats import SIMULATED_NOTE
from alereview.tsv import atomic_write_text, read_tsv

log = get_logger(__name__)

NIIVUE_VERSION = "0.69.0"
DATA = package_files("alereview") / "data" / "niivue"

#: The viewer's styles (added to the report's CSS by :func:`page_scripts`' caller).
VIEWER_CSS = (
    ".nv-viewer{margin:1em 0;border:1px solid #ccc;padding:0.5em}.nv-canvas{width:100%;height:420px;position:relative}"
    ".nv-status{font:13px/1.4 ui-monospace,monospace;min-height:1.4em;padding:0.3em 0}"
    ".nv-viewer tr[data-mm]{cursor:pointer}.nv-viewer tr[data-mm]:hover{background:#eef5ee}"
    ".nv-viewer tr.nv-current{background:#d9efd9}.nv-viewer table{font-size:0.85em}"
)

#: The page around a viewer on its own (:func:`write_viewer_page`).
PAGE_CSS = "body{font:14px/1.45 system-ui,sans-serif;margin:1em;color:#222}td,th{padding:2px 6px;text-align:left}"

#: Cluster-table columns shown under a viewer, when present: (column, header).
PEAK_COLUMNS = [
    ("cluster", "Cluster"),
    ("direction", "Direction"),
    ("x", "x"),
    ("y", "y"),
    ("z", "z"),
    ("volume_mm3", "Volume (mm³)"),
    ("peak_ale", "Peak ALE"),
    ("z_score", "z"),
    ("peak_stat", "Peak statistic"),
    ("hemisphere", "Hemisphere"),
    ("gyrus", "Gyrus"),
    ("ba", "BA"),
    ("aal", "AAL"),
]


def viewer_files(config: dict, results="results") -> dict:
    """Role → path of the maps the viewers show: ``{analysis}:thresholded_nii``, ``{analysis}:z_nii``,
    ``contrast:{name}:thresholded_nii``."""
    files = {}
    for analysis in config.get("analyses") or {}:
        files[f"{analysis}:thresholded_nii"] = path("ale_thresholded", results, analysis=analysis)
        files[f"{analysis}:z_nii"] = path("ale_z", results, analysis=analysis)
    for contrast in (config.get("ale") or {}).get("contrasts") or []:
        files[f"contrast:{contrast['name']}:thresholded_nii"] = path("contrast_thresholded", results, contrast=contrast["name"])
    return files


def _gzip(data: bytes) -> bytes:
    """Deterministic gzip (no time stamp, no name)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as handle:
        handle.write(data)
    return buffer.getvalue()


def nifti_bytes(image, quantum: float | None = None) -> bytes:
    """A NIfTI image as .nii.gz bytes: float32, or int16 times ``quantum`` (its ``scl_slope``) when given."""
    data = np.asanyarray(image.dataobj, dtype=np.float32)
    data = np.nan_to_num(data, nan=0.0, posinf=0.0, neginf=0.0)
    if quantum:
        data = np.clip(np.round(data / quantum), -32767, 32767).astype(np.int16)
    out = nib.Nifti1Image(data, image.affine)
    out.header.set_xyzt_units("mm")
    if quantum:
        out.header.set_slope_inter(quantum, 0.0)
    return _gzip(out.to_bytes())


@lru_cache(maxsize=1)
def template_base64() -> str:
    """The MNI152 template (nilearn's, 2 mm, uint8) as base64 .nii.gz, shared by every viewer of a page."""
    from nilearn.datasets import load_mni152_template

    template = load_mni152_template(resolution=2)
    data = np.asanyarray(template.dataobj, dtype=np.float64)
    scaled = np.clip(np.round(255 * data / max(float(data.max()), 1e-12)), 0, 255).astype(np.uint8)
    image = nib.Nifti1Image(scaled, template.affine)
    image.header.set_xyzt_units("mm")
    return base64.b64encode(_gzip(image.to_bytes())).decode("ascii")


@lru_cache(maxsize=1)
def _bundle_base64() -> str:
    return base64.b64encode((DATA / "niivue.umd.js.gz").read_bytes()).decode("ascii")


def page_scripts() -> str:
    """What a page with viewers needs once: NiiVue (compressed), the template and the viewers' script."""
    script = (DATA / "viewer.js").read_text(encoding="utf-8")
    return (
        f'<script type="application/octet-stream" id="alereview-niivue" data-version="{NIIVUE_VERSION}">'
        f"{_bundle_base64()}</script>\n"
        f'<script type="application/octet-stream" id="alereview-template">{template_base64()}</script>\n'
        f"<script>{script}</script>\n"
    )


def _cell(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value))


def peaks_table(clusters: pd.DataFrame) -> str:
    """The cluster table under a viewer: each row has its peak (``data-mm``) and moves the crosshair there."""
    shown = [(column, header) for column, header in PEAK_COLUMNS if column in clusters.columns]
    head = "".join(f"<th>{html.escape(header)}</th>" for _, header in shown)
    rows = []
    for record in clusters.to_dict("records"):
        try:
            mm = [float(record[axis]) for axis in ("x", "y", "z")]
        except (KeyError, TypeError, ValueError):
            mm = None
        attribute = f' data-mm="{html.escape(json.dumps(mm))}"' if mm else ""
        rows.append(f"<tr{attribute}>" + "".join(f"<td>{_cell(record.get(column))}</td>" for column, _ in shown) + "</tr>")
    return f'<table class="nv-peaks"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def viewer_fragment(viewer_id: str, title: str, layers: list[dict], clusters: pd.DataFrame | None) -> str:
    """A viewer: its canvas, the read-out line, its data (JSON) and the clickable cluster table.

    Parameters
    ----------
    viewer_id : str
        The element's id (unique in the page).
    title : str
        Said above the viewer.
    layers : list of dict
        The maps over the template, in order: ``path``, ``label`` (named in the read-out),
        ``colormap``, ``colormapNegative``, ``opacity`` (0: read out, not drawn), ``quantum``
        (int16 storage step, or None for float32).
    clusters : DataFrame or None
        Its cluster table (``x, y, z`` of each peak, MNI mm).
    """
    data_layers, start = [], None
    for layer in layers:
        image = nib.load(str(layer["path"]))
        values = np.asanyarray(image.dataobj, dtype=np.float32)
        finite = values[np.isfinite(values) & (values != 0)]
        top = float(np.abs(finite).max()) if finite.size else 1.0
        low = float(np.abs(finite).min()) if finite.size else 0.0
        data_layers.append(
            {
                "name": Path(layer["path"]).name.split(".")[0],
                "label": layer["label"],
                "colormap": layer.get("colormap", "warm"),
                "colormapNegative": layer.get("colormapNegative", ""),
                "opacity": layer.get("opacity", 1.0),
                "cal_min": low if layer.get("opacity", 1.0) else 0.0,
                "cal_max": top,
                "data": base64.b64encode(nifti_bytes(image, layer.get("quantum"))).decode("ascii"),
            }
        )
    if clusters is not None and len(clusters) and {"x", "y", "z"} <= set(clusters.columns):
        first = clusters.iloc[0]
        try:
            start = [float(first[axis]) for axis in ("x", "y", "z")]
        except (TypeError, ValueError):
            start = None
    payload = json.dumps({"layers": data_layers, "start": start}).replace("</", "<\\/")
    table = peaks_table(clusters) if clusters is not None and len(clusters) else ""
    return (
        f'<div class="nv-viewer" id="{html.escape(viewer_id)}"><p><strong>{html.escape(title)}</strong> '
        "(drag or click in a slice to move the crosshair; scroll to change slice; click a row to go to its peak)</p>"
        '<div class="nv-canvas"><canvas></canvas></div><div class="nv-status" aria-live="polite">Loading the viewer…</div>'
        f'<script type="application/json" class="alereview-viewer-data">{payload}</script>{table}</div>'
    )


def analysis_layers(thresholded, z=None) -> list[dict]:
    """An analysis's layers: its thresholded ALE map drawn, its z map (when given) read out only."""
    layers = [{"path": thresholded, "label": "ALE", "colormap": "warm"}]
    if z and Path(z).is_file():
        layers.append({"path": z, "label": "z", "opacity": 0.0, "quantum": 0.001})
    return layers


def contrast_layers(contrast: dict, thresholded) -> tuple[str, list[dict]]:
    """A contrast's statistic (``z`` of a subtraction, ``ALE`` of a conjunction) and its layer."""
    label = "z" if contrast["kind"] == "subtraction" else "ALE"
    return label, [{"path": thresholded, "label": label, "colormap": "warm", "colormapNegative": "winter"}]


def analysis_viewer(report, name: str, title: str, files: dict, clusters) -> None:
    """Add the viewer of an analysis (thresholded ALE, z read out) to ``report``, when its maps exist."""
    thresholded = files.get(f"{name}:thresholded_nii")
    if not thresholded or not Path(thresholded).is_file():
        return
    layers = analysis_layers(thresholded, files.get(f"{name}:z_nii"))
    report.add(viewer_fragment(f"viewer-{name}", f"Explore: {title} (thresholded ALE map)", layers, clusters))
    report.n_viewers += 1


def contrast_viewer(report, contrast: dict, title: str, files: dict, clusters) -> None:
    """Add the viewer of a contrast's thresholded map (a subtraction's z, a conjunction's ALE)."""
    thresholded = files.get(f"contrast:{contrast['name']}:thresholded_nii")
    if not thresholded or not Path(thresholded).is_file():
        return
    label, layers = contrast_layers(contrast, thresholded)
    report.add(viewer_fragment(f"viewer-contrast-{contrast['name']}", f"Explore: {title} (thresholded {label} map)", layers, clusters))
    report.n_viewers += 1


def write_viewer_page(out_path, title: str, layers: list[dict], clusters_tsv=None, note: str = "") -> Path:
    """A page with one viewer (for ``snakemake --report``, which shows each HTML output on its own).

    Parameters
    ----------
    out_path : str or Path
    title : str
    layers : list of dict
        As :func:`viewer_fragment` takes them (:func:`analysis_layers`, :func:`contrast_layers`).
    clusters_tsv : str or Path, optional
        The cluster table whose rows jump to their peaks.
    note : str
        A sentence under the title (e.g. that the inputs are simulated).
    """
    clusters = read_tsv(clusters_tsv) if clusters_tsv and Path(clusters_tsv).is_file() else None
    body = viewer_fragment("viewer", title, layers, clusters)
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{PAGE_CSS}{VIEWER_CSS}</style></head><body>\n"
        + (f"<p><strong>{html.escape(note)}</strong></p>" if note else "")
        + body
        + "\n"
        + page_scripts()
        + "</body></html>\n"
    )
    atomic_write_text(out_path, page)
    log.info("wrote %s", out_path)
    return Path(out_path)


def viewer_page(out_path, inputs, title: str, contrast: dict | None = None, simulated: bool = False) -> Path:
    """The viewer page of an analysis (``inputs`` with ``thresholded``, ``z``, ``clusters``) or of a
    contrast (``contrast`` given; ``inputs`` with ``thresholded``, ``clusters``)."""
    note = SIMULATED_NOTE if simulated else ""
    if contrast:
        label, layers = contrast_layers(contrast, inputs["thresholded"])
        return write_viewer_page(out_path, f"{title} (thresholded {label} map)", layers, inputs["clusters"], note)
    layers = analysis_layers(inputs["thresholded"], inputs.get("z"))
    return write_viewer_page(out_path, f"{title} (thresholded ALE map)", layers, inputs["clusters"], note)
