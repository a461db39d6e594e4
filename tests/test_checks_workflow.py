"""What rules/checks.smk takes from the config: final outputs by stage, runtimes, narrow params."""

from alereview.ale.thresholds import ThresholdSettings
from alereview.checks.failsafe import failsafe_runtime_minutes
from alereview.checks.prisma_s import prisma_s_params
from alereview.layout import checks_outputs as final_outputs

from report_fixtures import report_config


def test_final_outputs_follow_the_config():
    config = report_config()
    assert final_outputs(config, "res") == [
        "res/checks/power.tsv",
        "res/checks/contributions.tsv",
        "res/checks/contributions_experiments.tsv",
        "res/checks/failsafe.tsv",
        "res/checks/prisma_s.tsv",
    ]
    config["checks"]["failsafe"]["enabled"] = False
    assert "res/checks/failsafe.tsv" not in final_outputs(config, "res")
    assert final_outputs({"review": {}, "analyses": {"a": {}}}, "res")[-1] == "res/checks/failsafe.tsv"


def test_failsafe_runtime_grows_with_the_monte_carlo_cap():
    assert failsafe_runtime_minutes(ThresholdSettings(method="uncorrected"), 500) == 15
    small = failsafe_runtime_minutes(ThresholdSettings(method="cluster_fwe", iterations=5000), 100)
    large = failsafe_runtime_minutes(ThresholdSettings(method="cluster_fwe", iterations=5000), 1000)
    assert 10 < small < large == failsafe_runtime_minutes(ThresholdSettings(method="cluster_fwe", iterations=1000), 5000)


def test_prisma_s_params_hold_no_client_settings():
    params = prisma_s_params(report_config())
    assert set(params["search"]["pubmed"]) == {"query", "datetype", "eutils_url"}
    assert "email" not in str(params) and "batch_size" not in str(params)
