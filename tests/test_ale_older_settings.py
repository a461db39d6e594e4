"""Settings to re-run older analyses: voxel-level FDR (GingerALE's pID / pN) and a fixed-FWHM kernel.

FDR is checked against SciPy's Benjamini-Hochberg / Benjamini-Yekutieli adjustment (an
independent implementation), the fixed-FWHM maps against NiMARE's ``ALE(kernel__fwhm=...)``
fitted directly.
"""

import warnings

import nibabel as nib
import numpy as np
import pytest
from scipy.stats import false_discovery_control

from alereview.ale.engine import fit_fast
from alereview.ale.fdr import fdr_constant, fdr_threshold
from alereview.jackknife.leave_out import leave_one_out
from alereview.ale.run import fit, run_analysis, to_dataset
from alereview.ale.thresholds import ThresholdSettings, apply_threshold, label_by_volume, settings_from_config
from alereview.checks.space import load_space
from alereview.cli import main
from alereview.coordinates.load import load_experiments
from alereview.layout import outputs_in
from alereview.tsv import read_json, read_tsv

FWHM = 10.0


@pytest.fixture(scope="module")
def knowledge(test_data):
    return test_data / "ale" / "enge2021_knowledge.sleuth.txt"


@pytest.fixture(scope="module")
def fitted(knowledge):
    return fit(load_experiments(knowledge), seed=0)


@pytest.mark.parametrize("variant, method", [("pid", "bh"), ("pn", "by")])
def test_fdr_threshold_equals_scipy_on_a_small_vector(variant, method):
    rng = np.random.default_rng(3)
    p = np.concatenate([rng.uniform(0, 1, 400), rng.uniform(0, 0.0002, 40), np.ones(60)])
    threshold = fdr_threshold(p, 0.05, variant)
    adjusted = false_discovery_control(p, method=method)
    np.testing.assert_array_equal(p <= threshold, adjusted <= 0.05)
    assert 0 < np.sum(p <= threshold) < len(p)
    # By hand: the largest sorted p under its line i/V q/c(V).
    ordered = np.sort(p)
    line = np.arange(1, len(p) + 1) / len(p) * 0.05 / fdr_constant(len(p), variant)
    assert threshold == ordered[np.flatnonzero(ordered <= line)[-1]]


def test_no_voxel_survives_when_none_is_below_the_line():
    assert np.isnan(fdr_threshold(np.full(100, 0.5), 0.05))
    assert fdr_constant(3, "pn") == pytest.approx(1 + 1 / 2 + 1 / 3)
    with pytest.raises(ValueError, match="variant"):
        fdr_constant(3, "storey")


@pytest.mark.parametrize("variant, method", [("pid", "bh"), ("pn", "by")])
def test_fdr_clusters_are_the_bh_by_voxels_of_the_ale_map(fitted, variant, method):
    settings = ThresholdSettings(method="fdr", fdr_q=0.05, fdr_variant=variant, min_volume_mm3=80)
    result = apply_threshold(fitted.ale, fitted.mask, fitted.affine, settings, float("nan"), p=fitted.p)
    adjusted = false_discovery_control(fitted.p[fitted.mask].astype(np.float64), method=method)
    expected = np.zeros(fitted.mask.shape, bool)
    expected[fitted.mask] = adjusted <= 0.05
    labels, sizes = label_by_volume(expected, 6, fitted.ale)
    kept = np.isin(labels, np.flatnonzero(sizes >= 10) + 1)
    np.testing.assert_array_equal(result.labels > 0, kept)
    assert result.labels.max() == np.sum(sizes >= 10) > 0
    assert result.fdr_voxel_p == pytest.approx(float(fitted.p[expected].max()))
    assert result.cluster_forming_ale == pytest.approx(float(fitted.ale[expected].min()))


def test_pn_is_stricter_than_pid(fitted):
    counts = {}
    for variant in ("pid", "pn"):
        settings = ThresholdSettings(method="fdr", fdr_variant=variant)
        counts[variant] = int((apply_threshold(fitted.ale, fitted.mask, fitted.affine, settings, 0.0, p=fitted.p).labels > 0).sum())
    assert 0 < counts["pn"] < counts["pid"]


def test_fdr_needs_the_p_map_and_no_montecarlo():
    settings = settings_from_config(
        {"threshold": {"method": "fdr", "fdr_q": 0.01, "fdr_variant": "pn"}, "montecarlo": {"iterations": 1000, "chunks": 4}}
    )
    assert not settings.needs_montecarlo and settings.needs_p
    assert settings.used() == {
        "method": "fdr",
        "voxel_p": 0.001,
        "min_volume_mm3": 0.0,
        "connectivity": 6,
        "fdr_q": 0.01,
        "fdr_variant": "pn",
    }
    assert settings.describe() == "voxel-level FDR q < 0.01 (pN, Benjamini-Yekutieli), 6-connectivity"
    with pytest.raises(ValueError, match="p map"):
        apply_threshold(np.zeros((2, 2, 2)), np.ones((2, 2, 2), bool), np.eye(4), settings, 0.0)


def test_fast_engine_p_map_is_nimares(knowledge, fitted):
    fast = fit_fast(load_experiments(knowledge), 0.001)
    np.testing.assert_array_equal(fast.p_map(), fitted.p)


def _nimare_fixed_fwhm(experiments):
    from nimare.meta.cbma import ALE

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimator = ALE(kernel__fwhm=FWHM)
        result = estimator.fit(to_dataset(experiments))
    return estimator, result.get_map("stat", return_type="array"), result.get_map("p", return_type="array")


def test_fixed_fwhm_maps_equal_nimares_kernel_fwhm(knowledge):
    experiments = load_experiments(knowledge)
    estimator, stat, p = _nimare_fixed_fwhm(experiments)
    fast = fit_fast(experiments, 0.001, fwhm=FWHM)
    ours = fit(experiments, fwhm=FWHM)
    mask = fast.mask
    np.testing.assert_array_equal(fast.ale[mask], stat.astype(np.float32))
    np.testing.assert_array_equal(ours.ale[mask], stat.astype(np.float32))
    np.testing.assert_array_equal(fast.p_map()[mask], p.astype(np.float32))
    assert fast.cluster_forming_ale(0.001) == estimator._p_to_summarystat(0.001)
    space = load_space("ale_2mm", fwhm=FWHM)
    np.testing.assert_allclose(space.ale(experiments)[mask], stat, rtol=0, atol=1e-6)
    # The kernel matters: the sample-size map differs.
    assert not np.allclose(fit_fast(experiments, 0.001).ale[mask], stat, atol=1e-4)


def test_montecarlo_model_of_a_fixed_fwhm_fit_uses_its_kernel(knowledge):
    from alereview.ale.montecarlo import NullModel

    experiments = load_experiments(knowledge)
    estimator, _, _ = _nimare_fixed_fwhm(experiments)
    model = NullModel.from_estimator(estimator, 0.001)
    fast = fit_fast(experiments, 0.001, fwhm=FWHM).model
    assert len({k.shape for k in model.log_kernels}) == 1
    for theirs, mine in zip(model.log_kernels, fast.log_kernels, strict=True):
        np.testing.assert_array_equal(theirs, mine)
    assert model.cluster_forming_ale == fast.cluster_forming_ale


def test_fixed_fwhm_setting_reaches_the_analysis(knowledge, tmp_path):
    settings = settings_from_config({"threshold": {"method": "fdr", "min_volume_mm3": 80}, "kernel": {"fwhm_mm": FWHM}})
    assert settings.used()["fwhm_mm"] == FWHM and "fixed 10 mm FWHM kernel" in settings.describe()
    summary = run_analysis(knowledge, outputs_in(tmp_path, "ale_analysis"), "knowledge", settings)
    assert summary["kernel_fwhm_mm"] == FWHM and summary["method"] == "fdr" and summary["montecarlo_iterations"] == 0
    _, stat, _ = _nimare_fixed_fwhm(load_experiments(knowledge))
    ale = np.asarray(nib.load(str(tmp_path / "ale.nii.gz")).dataobj)
    np.testing.assert_array_equal(ale[load_space().mask], stat.astype(np.float32))


@pytest.mark.slow
def test_leave_one_out_fast_and_nimare_paths_agree_under_fdr_and_fixed_fwhm(knowledge, tmp_path):
    settings = ThresholdSettings(method="fdr", min_volume_mm3=80, fwhm_mm=FWHM)
    run_analysis(knowledge, outputs_in(tmp_path, "ale_analysis"), "knowledge", settings)
    slug = load_experiments(knowledge)[0].slug
    tables = [
        leave_one_out(knowledge, slug, tmp_path / "clusters.nii.gz", tmp_path / "clusters.tsv", "knowledge", settings, engine=engine)
        for engine in ("fast", "nimare")
    ]
    assert tables[0].to_dict("records") == tables[1].to_dict("records")


@pytest.mark.slow
def test_cli_runs_an_fdr_analysis_end_to_end(knowledge, tmp_path, capsys):
    out = tmp_path / "fdr"
    assert (
        main(["ale", str(knowledge), "--out", str(out), "--fdr", "0.05", "--fdr-variant", "pn", "--min-volume", "80", "--jackknife"]) == 0
    )
    printed = capsys.readouterr().out
    assert "voxel-level FDR q < 0.05 (pN, Benjamini-Yekutieli)" in printed
    summary = read_json(out / "threshold.json")
    assert summary["method"] == "fdr" and summary["fdr_variant"] == "pn" and summary["montecarlo_iterations"] == 0
    assert summary["n_clusters"] == len(read_tsv(out / "clusters.tsv")) > 0
    p = np.asarray(nib.load(str(out / "p.nii.gz")).dataobj)
    labels = np.asarray(nib.load(str(out / "clusters.nii.gz")).dataobj)
    assert float(p[labels > 0].max()) <= summary["fdr_voxel_p"]
    jackknife = read_tsv(out / "jackknife.tsv")
    assert len(jackknife) == len(load_experiments(knowledge)) + 1  # and the "kept (of n)" row


def test_cli_refuses_two_methods(knowledge, tmp_path, capsys):
    assert main(["ale", str(knowledge), "--out", str(tmp_path / "x"), "--fdr", "0.05", "--cluster-fwe", "0.05"]) == 2
    assert "one threshold method" in capsys.readouterr().err


@pytest.mark.slow
def test_the_workflow_schedules_no_montecarlo_chunk_for_fdr(tmp_path):
    import subprocess

    import yaml

    from workflow_copy import copy_workflow

    workdir = copy_workflow(tmp_path / "wf")
    counts = {}
    for method in ("fdr", "cluster_fwe"):
        changed = {"extends": "config.yaml", "ale": {"threshold": {"method": method}, "montecarlo": {"iterations": 1000, "chunks": 4}}}
        (workdir / "config" / f"{method}.yaml").write_text(yaml.safe_dump(changed))
        done = subprocess.run(
            ["snakemake", "-n", "--cores", "1", "results/ale/post_gt_pre/clusters.tsv", "--configfile", f"config/{method}.yaml"],
            cwd=workdir,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
        assert "ale_analysis" in done.stdout
        counts[method] = done.stdout.count("rule ale_montecarlo:")
    assert counts == {"fdr": 0, "cluster_fwe": 4}


def test_a_subtraction_with_a_fixed_kernel_is_refused():
    from alereview.config_refs import check_analysis_refs
    from alereview.errors import ConfigError

    config = {
        "analyses": {"a": {}, "b": {}},
        "ale": {
            "kernel": {"fwhm_mm": None},
            "overrides": {"b": {"fwhm_mm": 12}},
            "contrasts": [{"name": "ab", "kind": "subtraction", "a": "a", "b": "b"}],
        },
    }
    with pytest.raises(ConfigError, match="fixed kernel"):
        check_analysis_refs(config)
    config["ale"]["contrasts"][0]["kind"] = "conjunction"
    check_analysis_refs(config)
