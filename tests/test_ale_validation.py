"""A fast version of bench/enge2021_validation.py: the published clusters of Enge et al. 2021.

The paper's pipeline (NiMARE 0.0.9: truncated coordinates, 18-connectivity cluster FWE
p < .01 at voxel p < .001, table by faces-connected pieces) with 200 Monte Carlo iterations
instead of 1,000 (the smallest p is then 1/200 < .01). The bench runs 1,000 and all variants.
"""

import importlib.util

import pytest

from alereview.ale import montecarlo
from alereview.ale.run import fit
from alereview.ale.thresholds import ThresholdSettings, apply_threshold, label_by_volume
from alereview.coordinates.load import load_experiments


@pytest.fixture(scope="module")
def bench(repo_root):
    spec = importlib.util.spec_from_file_location("enge2021_validation", repo_root / "bench" / "enge2021_validation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_knowledge_clusters_as_published(shared_dir, bench):
    data = shared_dir / "data" / "ale_validation" / "enge2021"
    experiments = bench.truncate_like_nimare_009(load_experiments(data / "knowledge.txt"))
    settings = ThresholdSettings(method="cluster_fwe", voxel_p=0.001, cluster_p=0.01, iterations=200, connectivity=18)
    fitted = fit(experiments, seed=1)
    model = montecarlo.NullModel.from_estimator(fitted.estimator, 0.001, 18)
    null = montecarlo.run_null(model, 20240321, "enge2021/Knowledge", 200)
    result = apply_threshold(fitted.ale, fitted.mask, fitted.affine, settings, model.cluster_forming_ale, null)
    pieces, _ = label_by_volume(result.labels > 0, 6, fitted.ale)
    table = bench.compare(bench.published(data / "tab3_tasks.tsv").query("analysis == 'Knowledge'"), bench.found_clusters(fitted, pieces))
    # Clusters 1-3: same peak voxel, volume within 10%. Cluster 4 (128 mm3) is a faces-connected
    # piece of an FWE cluster in the paper that is not reproduced (see the bench's report).
    main = table[table["cluster"] <= 3]
    assert (main["distance_mm"] <= 4).all()
    assert (main["volume_diff_pct"].abs() <= 10).all()
    assert main["found_peak_ale"].round(3).tolist() == main["peak_ale"].tolist()
