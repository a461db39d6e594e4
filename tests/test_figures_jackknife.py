"""The jackknife heat map: experiments × clusters, counts recomputed; no clusters → a statement."""

import pandas as pd
import pytest

from alereview.errors import InputError
from alereview.figures.build import jackknife_figure
from alereview.figures.jackknife import plot_jackknife, read_jackknife

from synthetic_ale import write_analysis, write_jackknife


def test_reads_the_gather_layout_and_drops_the_counts(tmp_path):
    table = pd.DataFrame(
        {
            "left_out": ["Xie (20)", "Yumei (22)", "kept (of 2)"],
            "slug": ["xie", "yumei", ""],
            "1 L Precuneus": ["Y", "N", "1"],
            "2 R Putamen": ["Y", "Y", "2"],
        }
    )
    table.to_csv(tmp_path / "j.tsv", sep="\t", index=False)
    jackknife = read_jackknife(tmp_path / "j.tsv")
    assert list(jackknife.columns) == ["1 L Precuneus", "2 R Putamen"]
    assert list(jackknife.index) == ["Xie (20)", "Yumei (22)"]


def test_bad_cell_names_line_and_column(tmp_path):
    pd.DataFrame({"left_out": ["a", "b"], "1": ["Y", "maybe"]}).to_csv(tmp_path / "j.tsv", sep="\t", index=False)
    with pytest.raises(InputError) as excinfo:
        read_jackknife(tmp_path / "j.tsv")
    assert (excinfo.value.line, excinfo.value.field) == (3, "1")


def test_heat_map_counts(tmp_path):
    path = write_jackknife(tmp_path / "post_lt_pre.tsv", "post_lt_pre")
    clusters = write_analysis(tmp_path / "ale", "post_lt_pre")
    jackknife_figure(path, clusters / "clusters.tsv", tmp_path / "j.png", title="Post < pre", dpi=60, simulated=True)
    svg = (tmp_path / "j.svg").read_text(encoding="utf-8")
    # The paper's Table 5 counts for post < pre: 8, 8 and 9 of 10.
    for text in ("8/10", "9/10", "R Medial Frontal Gyrus", "Simulated inputs", "Jackknife: Post &lt; pre"):
        assert text in svg, text


def test_no_cluster_statement(tmp_path):
    pd.DataFrame({"left_out": ["a", "b"], "slug": ["a", "b"]}).to_csv(tmp_path / "j.tsv", sep="\t", index=False)
    plot_jackknife(read_jackknife(tmp_path / "j.tsv"), [tmp_path / "j.svg"], title="Patients < HC")
    assert "nothing to jackknife" in (tmp_path / "j.svg").read_text(encoding="utf-8")
