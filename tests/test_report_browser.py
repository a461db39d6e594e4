"""report.html in headless Chromium (Debian's ``chromium``): every image renders, offline."""

import json
import re
import shutil
import subprocess

import pytest

from alereview.report import methods
from alereview.report.html import build_report

from report_fixtures import report_config, report_files

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")]

# Injected into a copy of the report (the report itself has no script): after load, record
# each image's natural width and the resources the page requested.
PROBE = """<script>
window.addEventListener('load', function () {
  var images = Array.prototype.map.call(document.images, function (img) {
    return {alt: img.alt, complete: img.complete, width: img.naturalWidth};
  });
  var requested = performance.getEntriesByType('resource').map(function (r) { return r.name; });
  var out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = 'PROBE' + JSON.stringify({images: images, requested: requested}) + 'END';
  document.body.appendChild(out);
});
</script>"""


def _load(html_path, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(html_path.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=10000",
        "--dump-dom",
        probe.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    match = re.search(r"<pre id=\"probe\">PROBE(.*?)END</pre>", result.stdout, re.S)
    assert match, f"no probe output; chromium said: {result.stderr[-2000:]}"
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def test_every_image_renders(tmp_path, monkeypatch):
    monkeypatch.setattr(methods, "nimare_kernel_description", lambda: "An ALE kernel was used.")
    files = report_files(tmp_path / "inputs")
    page = build_report(report_config(), files, tmp_path / "report.html")
    probe = _load(page, tmp_path)
    assert len(probe["images"]) == 4 + 2 * 3  # as in test_report: two analyses with clusters
    broken = [image["alt"] for image in probe["images"] if not image["complete"] or image["width"] <= 0]
    assert not broken, f"images that did not render: {broken}"
    # Nothing fetched from the network (data URIs do not show up as resources).
    assert not [url for url in probe["requested"] if url.startswith("http")]


def test_a_broken_image_is_detected(tmp_path, monkeypatch):
    """The probe can fail: an image whose data is not a PNG has no natural width."""
    monkeypatch.setattr(methods, "nimare_kernel_description", lambda: "An ALE kernel was used.")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png")
    page = build_report(report_config(), {"prisma_png": bad}, tmp_path / "report.html")
    probe = _load(page, tmp_path)
    assert [image["width"] for image in probe["images"]] == [0]
