"""The report's map viewers in headless Chromium (Debian's ``chromium``, software WebGL).

The page loads with no JavaScript error and nothing from the network, every viewer draws the
template and its map, the read-out gives the map's value under the crosshair, and clicking a
row of a cluster table moves the crosshair to that row's peak. The first viewer's canvas,
as the browser drew it after the click, is saved in the test's tmp folder (its path is printed).
"""

import base64
import json
import re
import shutil
import subprocess

import matplotlib.pyplot as plt
import nibabel as nib
import numpy as np
import pytest

from alereview.report import methods
from alereview.report.html import build_report

from report_fixtures import report_config, report_files

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")]

AFFINE = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])

# After the viewers are ready: pixels of the first viewer (template and warm overlay), the
# read-out, then a click on a row of its table and the crosshair's position after it.
PROBE = """<script>
(function () {
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });
  window.addEventListener('unhandledrejection', function (e) { errors.push('rejection: ' + e.reason); });
  function pixels(nv) {
    nv.drawScene();
    var gl = nv.gl, w = gl.drawingBufferWidth, h = gl.drawingBufferHeight, data = new Uint8Array(w * h * 4);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, data);
    var grey = 0, warm = 0;
    for (var i = 0; i < data.length; i += 4) {
      var r = data[i], g = data[i + 1], b = data[i + 2];
      if (r === g && g === b && r > 20 && r < 235) grey++;
      if (r > 180 && b < 90 && r > g + 40) warm++;
    }
    return {width: w, height: h, grey: grey, warm: warm};
  }
  function report(result) {
    result.errors = errors.concat(window.alereviewViewerErrors || []);
    result.requested = performance.getEntriesByType('resource').map(function (r) { return r.name; });
    var out = document.createElement('pre');
    out.id = 'probe';
    out.textContent = 'PROBE' + JSON.stringify(result) + 'END';
    document.body.appendChild(out);
  }
  var tries = 0;
  function wait() {
    if (document.body.dataset.viewersReady !== '1') {
      if (++tries > 400) return report({ready: false});
      return setTimeout(wait, 50);
    }
    var viewers = document.querySelectorAll('.nv-viewer'), first = viewers[0];
    var nv = window.alereviewViewers[first.id];
    var result = {ready: true, n_viewers: viewers.length, n_ready: Object.keys(window.alereviewViewers).length,
                  start_mm: Array.from(nv.frac2mm(nv.scene.crosshairPos)).slice(0, 3),
                  start_status: first.querySelector('.nv-status').textContent, drawn: pixels(nv)};
    var rows = first.querySelectorAll('tr[data-mm]'), row = rows[rows.length - 1];
    row.click();
    result.row_mm = JSON.parse(row.dataset.mm);
    result.clicked_mm = Array.from(nv.frac2mm(nv.scene.crosshairPos)).slice(0, 3);
    result.clicked_status = first.querySelector('.nv-status').textContent;
    result.row_current = row.classList.contains('nv-current');
    nv.drawScene();
    result.canvas_png = first.querySelector('canvas').toDataURL('image/png');
    report(result);
  }
  window.addEventListener('load', wait);
})();
</script>"""

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--window-size=1100,900",
    "--virtual-time-budget=60000",
]


def _blobs(shape_mm_peaks, peak_values):
    """A 2 mm MNI volume with a Gaussian blob of the given height at each peak (zero elsewhere)."""
    shape = (91, 109, 91)
    grid = np.stack(np.meshgrid(*[np.arange(n) for n in shape], indexing="ij"), axis=-1).reshape(-1, 3)
    mm = grid @ AFFINE[:3, :3].T + AFFINE[:3, 3]
    volume = np.zeros(len(mm), dtype=np.float32)
    for peak, value in zip(shape_mm_peaks, peak_values):
        distance = np.sum((mm - np.asarray(peak, dtype=float)) ** 2, axis=1)
        volume = np.maximum(volume, value * np.exp(-distance / (2 * 4.0**2)))
    volume[volume < 0.3 * min(peak_values)] = 0
    return volume.reshape(shape)


def _maps(files, root):
    """Thresholded ALE and z maps for each analysis of the fixtures, with blobs at its cluster peaks."""
    import pandas as pd

    for key in [k for k in files if k.endswith(":clusters_tsv")]:
        analysis = key.split(":")[0]
        clusters = pd.read_csv(files[key], sep="\t", dtype=str)
        if clusters.empty:
            continue
        peaks = clusters[["x", "y", "z"]].astype(float).values
        ale = _blobs(peaks, clusters["peak_ale"].astype(float).values)
        z = _blobs(peaks, np.full(len(peaks), 5.0))
        for name, data in (("thresholded_nii", ale), ("z_nii", z)):
            out = root / "ale" / analysis / f"{name}.nii.gz"
            nib.save(nib.Nifti1Image(data, AFFINE), out)
            files[f"{analysis}:{name}"] = out
    return files


def _chromium(page, tmp_path, *args):
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=240)


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("viewer")
    patch = pytest.MonkeyPatch()
    patch.setattr(methods, "nimare_kernel_description", lambda: "An ALE kernel was used.")
    try:
        files = _maps(report_files(tmp_path / "inputs"), tmp_path / "inputs")
        page = build_report(report_config(), files, tmp_path / "report.html")
    finally:
        patch.undo()
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    result = _chromium(probe, tmp_path, "--dump-dom")
    match = re.search(r"<pre id=\"probe\">PROBE(.*?)END</pre>", result.stdout, re.S)
    assert match, f"no probe output; chromium said: {result.stderr[-3000:]}"
    probe = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    # The first viewer's canvas as the browser drew it, after the click on a row.
    screenshot = tmp_path / "viewer.png"
    screenshot.write_bytes(base64.b64decode(probe.pop("canvas_png").split(",", 1)[1]))
    print(f"\nviewer screenshot: {screenshot}")
    probe["expected_viewers"] = sum(1 for key in files if key.endswith(":thresholded_nii"))
    return probe, screenshot


def test_viewers_load_without_errors_and_offline(probed):
    result, _ = probed
    assert result["ready"], "the viewers did not start"
    assert result["errors"] == []
    # One viewer per analysis of the fixtures with clusters (its thresholded map).
    assert result["n_viewers"] == result["n_ready"] == result["expected_viewers"] >= 2
    assert not [url for url in result["requested"] if not url.startswith(("data:", "blob:"))]


def test_a_viewer_draws_template_and_map(probed):
    result, _ = probed
    drawn = result["drawn"]
    assert drawn["width"] > 300 and drawn["height"] > 200
    assert drawn["grey"] > 0.05 * drawn["width"] * drawn["height"], "no template drawn"
    assert drawn["warm"] > 50, "no overlay drawn"


def test_starts_at_the_first_peak_and_reads_its_values(probed):
    result, _ = probed
    assert "MNI x = -40, y = -78, z = -50 mm" in result["start_status"]
    ale = float(re.search(r"ALE ([0-9.e+-]+)", result["start_status"]).group(1))
    assert ale == pytest.approx(0.018689122, rel=1e-3)
    assert float(re.search(r"· z ([0-9.e+-]+)", result["start_status"]).group(1)) == pytest.approx(5.0, abs=0.01)


def test_clicking_a_row_moves_the_crosshair_to_its_peak(probed):
    result, _ = probed
    assert result["row_current"]
    assert result["row_mm"] != result["start_mm"]
    assert np.allclose(result["clicked_mm"], result["row_mm"], atol=1.01)
    x, y, z = (int(v) for v in result["row_mm"])
    assert f"MNI x = {x}, y = {y}, z = {z} mm" in result["clicked_status"]


def test_screenshot_saved(probed):
    _, screenshot = probed
    image = plt.imread(screenshot)
    assert image.shape[0] > 200 and image.shape[1] > 300
    assert len(np.unique(image[..., :3].reshape(-1, 3), axis=0)) > 50, "a blank screenshot"
