"""The map viewers' page parts, without a browser (tests/test_report_viewer_browser.py runs them)."""

import base64
import gzip
import json
import re

import nibabel as nib
import numpy as np
import pandas as pd

from alereview.report.viewer import (
    NIIVUE_VERSION,
    contrast_layers,
    nifti_bytes,
    page_scripts,
    template_base64,
    viewer_files,
    viewer_fragment,
    viewer_page,
)

AFFINE = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])


def _map(path, value=3.25):
    data = np.zeros((10, 12, 10), dtype=np.float32)
    data[4:6, 5:7, 4:6] = value
    data[1, 1, 1] = -value / 2
    nib.save(nib.Nifti1Image(data, AFFINE), path)
    return path


def _payload(fragment):
    return json.loads(re.search(r'<script type="application/json" class="alereview-viewer-data">(.*?)</script>', fragment, re.S).group(1))


def test_quantised_z_keeps_three_decimals(tmp_path):
    image = nib.load(_map(tmp_path / "z.nii.gz", value=4.91952))
    back = nib.Nifti1Image.from_bytes(gzip.decompress(nifti_bytes(image, quantum=0.001)))
    assert back.get_data_dtype() == np.int16
    assert np.allclose(back.get_fdata(), image.get_fdata(), atol=0.0005)
    assert np.allclose(back.affine, AFFINE)


def test_fragment_holds_maps_rows_and_escaped_text(tmp_path):
    clusters = pd.DataFrame(
        {
            "cluster": ["1", "2"],
            "x": ["-8", "30"],
            "y": ["10", "-4"],
            "z": ["2", "12"],
            "peak_ale": ["0.02", "0.01"],
            "gyrus": ["</script><b>x</b>", "Insula"],
        }
    )
    fragment = viewer_fragment("viewer-a", "A <title> & more", [{"path": _map(tmp_path / "t.nii.gz"), "label": "ALE"}], clusters)
    assert "A &lt;title&gt; &amp; more" in fragment
    assert "</script><b>" not in fragment and "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in fragment
    assert re.findall(r'data-mm="([^"]+)"', fragment) == ["[-8.0, 10.0, 2.0]", "[30.0, -4.0, 12.0]"]
    payload = _payload(fragment)
    assert payload["start"] == [-8.0, 10.0, 2.0]
    layer = payload["layers"][0]
    assert layer["cal_max"] == 3.25 and layer["cal_min"] == 1.625
    image = nib.Nifti1Image.from_bytes(gzip.decompress(base64.b64decode(layer["data"])))
    assert image.get_fdata().max() == 3.25


def test_contrast_layers_name_their_statistic(tmp_path):
    assert contrast_layers({"kind": "subtraction"}, "m")[0] == "z"
    label, layers = contrast_layers({"kind": "conjunction"}, "m")
    assert label == "ALE" and layers[0]["colormapNegative"] == "winter"


def test_page_scripts_embed_niivue_and_the_template_once():
    scripts = page_scripts()
    assert scripts.count('id="alereview-niivue"') == 1 and f'data-version="{NIIVUE_VERSION}"' in scripts
    bundle = re.search(r'id="alereview-niivue"[^>]*>([^<]+)</script>', scripts).group(1)
    javascript = gzip.decompress(base64.b64decode(bundle)).decode("utf-8")
    assert "niivue" in javascript[:400] and len(javascript) > 1_000_000
    template = nib.Nifti1Image.from_bytes(gzip.decompress(base64.b64decode(template_base64())))
    assert template.get_data_dtype() == np.uint8 and template.shape == (99, 117, 95)
    assert template_base64() == template_base64()


def test_viewer_files_and_a_contrast_page(tmp_path):
    config = {"analyses": {"a": {"title": "A"}}, "ale": {"contrasts": [{"name": "a_b", "a": "a", "b": "b", "kind": "subtraction"}]}}
    assert viewer_files(config, "results") == {
        "a:thresholded_nii": "results/ale/a/thresholded_ale.nii.gz",
        "a:z_nii": "results/ale/a/z.nii.gz",
        "contrast:a_b:thresholded_nii": "results/ale/contrasts/a_b/thresholded.nii.gz",
    }
    pd.DataFrame({"cluster": ["1"], "direction": ["A > B"], "x": ["-8"], "y": ["10"], "z": ["2"]}).to_csv(
        tmp_path / "clusters.tsv", sep="\t", index=False
    )
    page = viewer_page(
        tmp_path / "v.html",
        {"thresholded": _map(tmp_path / "t.nii.gz"), "clusters": tmp_path / "clusters.tsv"},
        "A − B",
        contrast=config["ale"]["contrasts"][0],
        simulated=True,
    ).read_text(encoding="utf-8")
    assert "A − B (thresholded z map)" in page and "simulated" in page
    assert _payload(page)["layers"][0]["label"] == "z"
    assert "A &gt; B" in page and page.count("<canvas>") == 1
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
