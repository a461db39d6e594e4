"""The examples, each a tested config run whole under Snakemake in a temporary review folder.

* ``alereview init --sleuth`` on NiMARE's bundled Sleuth file: coordinates only, to the report;
* ``alereview init --studyset`` on NiMARE's bundled NiMADS studyset with an annotation;
* ``examples/enge2021``: real published data, cluster-level FWE, checked against the paper;
* ``examples/own_review``: a review of one's own (PubMed through the E-utilities stand-in, a
  Scopus export, two reviewers and an arbiter), through the screening gate to the report, then
  updated to a new cutoff with a second export that has no entry dates.

None of them shares a key with config/config.yaml, and no result may hold a word of the
reference review.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from alereview.cli import main as cli
from alereview.screening.prisma import read_prisma
from alereview.tsv import read_tsv
from eutils_standin import EUtilsStandIn, read_corpus
import living_example

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
#: Words of the reference review that no other review's results may contain.
REFERENCE_WORDS = re.compile(r"acupunct|stroke|hemipleg|SYTD|XNKQ|Fugl|CRD42024526263|needling", re.IGNORECASE)


def nimare_resource(name):
    import nimare

    return Path(nimare.__file__).parent / "resources" / name


def run(directory, *extra, timeout=1500):
    """`snakemake --cores 2` of a review folder; returns the completed process."""
    command = [sys.executable, "-m", "snakemake", "--cores", "2", "-s", str(REPO / "Snakefile"), "--directory", str(directory), *extra]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def assert_ran(done):
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-6000:]


def assert_no_reference_words(results: Path):
    """No table, text or report holds a word of the reference review (SVG and embedded images,
    whose drawing attributes and base64 say "stroke", are left out)."""
    for path in results.rglob("*"):
        if path.suffix in {".tsv", ".csv", ".json", ".md", ".html", ".tex", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            text = re.sub(
                r"<svg.*?</svg>|<style.*?</style>|data:[^\"' )]+|<script[^>]*octet-stream[^>]*>.*?</script>"
                r'|"data": "[A-Za-z0-9+/=]*"',
                "",
                text,
                flags=re.DOTALL,
            )  # embedded bytes, not text
            found = REFERENCE_WORDS.search(text)
            assert not found, f"{path}: {found.group(0)!r}"


def copy_example(name, tmp_path) -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns("results", ".snakemake", "logs", "benchmarks"))
    return target


def test_init_sleuth_runs_to_the_report(tmp_path):
    review = tmp_path / "semantic_knowledge"
    assert cli(["init", str(review), "--sleuth", str(nimare_resource("semantic_knowledge_children.txt")), "--iterations", "300"]) == 0
    assert_ran(run(review))
    results = review / "results"
    report = (results / "report.html").read_text(encoding="utf-8")
    assert "semantic_knowledge_children" in report
    clusters = read_tsv(results / "ale" / "semantic_knowledge_children" / "clusters.tsv")
    assert len(clusters) >= 1
    assert not (results / "screening").exists() and not (results / "prisma").exists()
    assert_no_reference_words(results)


def compose_export(tmp_path):
    """NiMARE's bundled NiMADS studyset as Neurosynth Compose exports one: with sample sizes in
    the analyses' metadata (seeded, 10-40) and an annotation of two boolean note keys."""
    rng = np.random.default_rng(17)
    studyset = json.loads(nimare_resource("neurosynth_laird_studyset.json").read_text())
    notes = []
    for index, study in enumerate(studyset["studies"]):
        for analysis in study["analyses"]:
            analysis["metadata"] = dict(analysis.get("metadata") or {}, sample_sizes=[int(rng.integers(10, 41))])
            notes.append({"study": study["id"], "analysis": analysis["id"], "note": {"included": True, "first_half": index < 9}})
    annotation = {"id": "ann1", "name": "compose annotation", "note_keys": {"included": "boolean", "first_half": "boolean"}, "notes": notes}
    (tmp_path / "laird.json").write_text(json.dumps(studyset))
    (tmp_path / "annotation.json").write_text(json.dumps(annotation))
    return tmp_path / "laird.json", tmp_path / "annotation.json"


def test_init_studyset_runs_from_a_nimads_studyset(tmp_path):
    studyset, annotation = compose_export(tmp_path)
    review = tmp_path / "laird"
    assert cli(["init", str(review), "--studyset", str(studyset), "--annotation", str(annotation), "--iterations", "200"]) == 0
    config = yaml.safe_load((review / "config" / "config.yaml").read_text())
    assert config["coordinates"]["studysets"][0]["analyses"] == {"included": "included", "first_half": "first_half"}
    assert_ran(run(review))
    results = review / "results"
    assert (results / "report.html").is_file()
    for analysis, n_experiments in (("included", 17), ("first_half", 9)):
        assert len(read_tsv(results / "ale" / analysis / "experiments.tsv")) == n_experiments
    assert_no_reference_words(results)


def published_tab3(path) -> pd.DataFrame:
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    table["Analysis"] = table["Analysis"].replace("", np.nan).ffill()
    return pd.DataFrame(
        {
            "analysis": table["Analysis"].str.lower(),
            "volume": table["Size (mm3)"].str.replace(",", "").astype(float),
            "xyz": list(zip(table["Peak X"].astype(float), table["Peak Y"].astype(float), table["Peak Z"].astype(float))),
        }
    )


def test_enge2021_example_reproduces_the_published_clusters(tmp_path):
    review = copy_example("enge2021", tmp_path)
    assert_ran(run(review))
    published = published_tab3(review / "published" / "tab3_tasks.tsv")
    for analysis in ("knowledge", "relatedness"):
        ours = read_tsv(review / "results" / "ale" / analysis / "clusters.tsv")
        peaks = ours[["x", "y", "z"]].astype(float).to_numpy()
        volumes = ours["volume_mm3"].astype(float).to_numpy()
        rows = published[published["analysis"].str.contains(analysis)]
        assert len(rows), analysis
        for row in rows.itertuples():
            if row.volume < 200:  # the 128 mm3 piece of a larger cluster (README of the example)
                continue
            distance = np.linalg.norm(peaks - np.array(row.xyz), axis=1)
            best = int(distance.argmin())
            assert distance[best] <= 4.0, (analysis, row.xyz, distance[best])
            assert abs(volumes[best] - row.volume) <= 0.10 * row.volume, (analysis, row.xyz, volumes[best], row.volume)
    assert (review / "results" / "report.html").is_file()


def own_review_run(review, server, *extra):
    return run(review, "--config", f'search={{pubmed: {{eutils_url: "{server.url}"}}}}', *extra)


def test_own_review_through_the_gate_to_the_report_and_an_update(tmp_path):
    review = copy_example("own_review", tmp_path)
    config_path = review / "config" / "config.yaml"
    full = yaml.safe_load(config_path.read_text())
    assert not set(full) - {"review", "search", "dedup", "screening", "studies", "coordinates", "analyses", "ale", "jackknife", "tables"}
    corpus, records = read_corpus(review / "standin_pubmed.tsv")
    with EUtilsStandIn(corpus, records=records) as server:
        # 1. Before any decision: a planned stop at the screening gate, exit 0.
        start = dict(full, screening=dict(full["screening"], title_abstract=[], full_text=[]))
        config_path.write_text(yaml.safe_dump(start, sort_keys=False))
        done = own_review_run(review, server)
        assert_ran(done)
        assert "Planned stop at the screening gate" in done.stderr
        assert "14 record(s) await title/abstract screening" in done.stderr
        assert "Error in rule" not in done.stderr
        assert len(read_tsv(review / "results" / "screening" / "to_screen.tsv")) == 14
        assert not (review / "results" / "report.html").exists()
        # 2. With the decisions: on to the report.
        config_path.write_text(yaml.safe_dump(full, sort_keys=False))
        assert_ran(own_review_run(review, server))
        results = review / "results"
        assert (results / "report.html").is_file()
        prisma = read_prisma(results / "prisma" / "prisma.csv")
        assert int(prisma["database_results"]) == 17  # 12 PubMed + 5 Scopus
        assert int(prisma["duplicates"]) == 3
        assert int(prisma["records_screened"]) == 14
        assert int(prisma["total_studies"]) == 6
        assert_no_reference_words(results)
        first_report = (results / "report.html").read_text(encoding="utf-8")
        assert "New studies included" not in first_report
        # 3. The update: a new cutoff and a second Scopus export without entry dates.
        update = dict(
            full,
            search=dict(
                full["search"],
                cutoff="2024-06-30",
                exports=full["search"]["exports"] + [{"database": "Scopus", "path": "search/scopus_2024.ris", "format": "ris"}],
            ),
        )
        config_path.write_text(yaml.safe_dump(update, sort_keys=False))
        done = own_review_run(review, server)
        assert_ran(done)
        # 4 new PubMed records (one with a Scopus twin) and 1 new Scopus-only record await screening.
        to_screen = read_tsv(results / "screening" / "to_screen.tsv")
        assert len(to_screen) == 5, to_screen[["record_key", "title"]]
        assert "Planned stop at the screening gate" in done.stderr
        assert set(to_screen["record_key"]) == set(living_example.NEW_RECORDS)
        v1 = living_example.check_first_version(results)
        # The reviewers' decisions on them (two included, with their study rows and coordinates).
        living_example.include_update_studies(review, update)
        config_path.write_text(yaml.safe_dump(update, sort_keys=False))
        assert_ran(own_review_run(review, server))
        prisma = read_prisma(results / "prisma" / "prisma.csv")
        # Hand count of the update: 4 PubMed + 3 Scopus identified, 2 duplicates, 5 screened.
        assert int(prisma["database_results"]) == 7, prisma
        assert int(prisma["duplicates"]) == 2, prisma
        assert int(prisma["records_screened"]) == 5, prisma
        assert int(prisma["previous_studies"]) == 6 and int(prisma["new_studies"]) == 2, prisma
        assert int(prisma["total_studies"]) == 8, prisma
        living_example.check_second_version(results, v1)
        # 4. A failed attempt at v3 changes no published version; the next attempt publishes it.
        living_example.failed_then_third_version(review, update, v1, lambda: own_review_run(review, server))
