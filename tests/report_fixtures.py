"""A small review's worth of report inputs, for the report tests."""

import json

import pandas as pd
import yaml

from alereview.layout import table_outputs
from alereview.config import validate_config
from alereview.figures.common import statement_figure
from alereview.tables.numbered import format_ale_table, write_study_tables

from conftest import REPO, TEST_DATA

# Six studies (all the default config's table columns), three MINORS rows, two contrasts' clusters.
QUALITY = TEST_DATA / "quality"
CLUSTERS = TEST_DATA / "ale" / "synthetic_clusters.tsv"
JACKKNIFE = TEST_DATA / "ale" / "synthetic_jackknife.tsv"


def report_config():
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    # Inputs of the other stages are not needed here; their paths need not exist.
    config["search"]["exports"] = []
    config["screening"]["title_abstract"] = config["screening"]["full_text"] = []
    config["coordinates"]["tables"] = []
    config["coordinates"]["sleuth"] = []
    config["dedup"]["manual_decisions"] = ""
    config["dedup"]["source_priority"] = ["PubMed"]
    return validate_config(config, REPO / "alereview" / "data" / "config.schema.yaml", base_dir=REPO)


def report_files(root):
    """Write tables, tiny figures and stage outputs under ``root``; return build_report's files."""
    tables = root / "tables"
    write_study_tables(QUALITY / "studies.tsv", tables, QUALITY / "minors.tsv", simulated=True, tables=report_config()["tables"])
    format_ale_table("clusters", CLUSTERS, table_outputs(tables, "table4_clusters"), simulated=True)
    format_ale_table("jackknife", JACKKNIFE, table_outputs(tables, "table5_jackknife"), simulated=True)
    figures = root / "figures"
    files = {
        "study_table:table1_studies": tables / "table1_studies.html",
        "study_table:table2_mri": tables / "table2_mri.html",
        "table3_html": tables / "table3_minors.html",
        "table4_html": tables / "table4_clusters.html",
        "table5_html": tables / "table5_jackknife.html",
    }
    for name in ("prisma_png", "rob1_traffic_light", "rob1_summary", "minors_png"):
        files[name] = statement_figure([figures / f"{name}.png"], name, "a figure", dpi=40)[0]
    table4 = pd.read_csv(CLUSTERS, sep="\t", dtype=str)
    for analysis in ("patients_gt_hc", "patients_lt_hc", "post_gt_pre", "post_lt_pre"):
        ale = root / "ale" / analysis
        ale.mkdir(parents=True)
        table4[table4["contrast"] == analysis].to_csv(ale / "clusters.tsv", sep="\t", index=False)
        n = int((table4["contrast"] == analysis).sum())
        (ale / "threshold.json").write_text(
            json.dumps(
                {
                    "n_experiments": 6,
                    "n_foci": 61,
                    "n_subjects": 150,
                    "n_clusters": n,
                    "threshold": "uncorrected p < 0.001, >= 400 mm3",
                    "method": "uncorrected",
                    "cluster_forming_voxel_p": 0.001,
                    "min_cluster_mm3": 400.0,
                    "mask": "ale_2mm",
                }
            )
        )
        files[f"{analysis}:clusters_tsv"] = ale / "clusters.tsv"
        files[f"{analysis}:threshold_json"] = ale / "threshold.json"
        for kind in ("clusters", "glass", "jackknife"):
            files[f"{analysis}:{kind}_png"] = statement_figure([figures / f"{analysis}_{kind}.png"], kind, analysis, dpi=40)[0]
    agreement = pd.DataFrame(
        [
            {
                "stage": "title_abstract",
                "reviewer_1": "LDX",
                "reviewer_2": "ZY",
                "n": "2355",
                "agreements": "2301",
                "raw_agreement": "0.9771",
                "kappa": "0.71",
                "kappa_band": "substantial",
                "conflicts": "54",
                "settled_by_arbiter": "54",
                "pending": "0",
            }
        ]
    )
    agreement.to_csv(root / "agreement.tsv", sep="\t", index=False)
    files["agreement_tsv"] = root / "agreement.tsv"
    (root / "pubmed.json").write_text(
        json.dumps(
            {
                "count": 402,
                "query_translation": "stroke[MeSH Terms] AND ...",
                "searched_on": "2024-03-21",
                "datetype": "edat",
                "window": {"maxdate": "2024/03/21", "mindate": "1800/01/01"},
            }
        )
    )
    files["pubmed_json"] = root / "pubmed.json"
    pd.DataFrame(
        [
            {
                "analysis": "post_gt_pre",
                "title": "Post- > pre-acupuncture",
                "experiments": "16",
                "foci": "133",
                "subjects": "230",
                "studies": "12",
                "studies_from_tal": "5",
                "foci_from_tal": "74",
                "foci_outside_mask": "0",
                "simulated": "yes",
            }
        ]
    ).to_csv(root / "summary.tsv", sep="\t", index=False)
    files["coordinates_summary_tsv"] = root / "summary.tsv"
    return files
