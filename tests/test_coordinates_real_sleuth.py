"""Real GingerALE/Sleuth files (../shared/data/real_sleuth): read as GingerALE reads them.

Each count is checked against a tiny independent counter written here (a ``//`` block that
follows foci starts an experiment; a focus is a row of numbers), and written out as a figure.
"""

import re

import pytest

from alereview.cli import main
from alereview.coordinates.build import check_across, convert, read_inputs, CheckSettings
from alereview.coordinates.encodings import read_sleuth_text

#: file: (experiments, foci, studies, space, encoding), from reading them (and, for the
#: experiments and foci, the independent count below).
EXPECTED = {
    "cue_reward_neutral_2020.txt": (275, 3270, 194, "MNI", "utf-8"),
    "decision_adm_2019.txt": (58, 492, 41, "MNI", "utf-8"),
    "emotion_cluster_3_of_5.txt": (98, 1017, 98, "MNI", "utf-8"),
    "frontal_pole_medialOFC.txt": (251, 2944, 171, "MNI", "mac-roman"),
    "reward_cluster_1_of_4.txt": (119, 769, 119, "TAL", "utf-8"),
    "social_others_talairach.txt": (112, 718, 29, "TAL", "utf-8"),
}
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")


def gingerale_count(data: bytes) -> tuple[int, int]:
    """(experiments, foci): count ``//`` blocks that follow foci, and rows of numbers."""
    text = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").decode("latin-1")
    blocks = foci = 0
    after_focus = True
    for line in (raw.strip() for raw in text.split("\n")):
        if not line or re.match(r"//\s*reference", line, re.IGNORECASE):
            continue
        if line.startswith("//"):
            blocks += after_focus
            after_focus = False
        elif all(_NUMBER.fullmatch(v) for v in line.split()):
            foci, after_focus = foci + 1, True
    return blocks, foci


@pytest.fixture
def real(shared_dir):
    folder = shared_dir / "data" / "real_sleuth"
    if not folder.is_dir():
        pytest.skip("../shared/data/real_sleuth is not present")
    return folder


def read(path):
    found = read_inputs(sleuth=[{"path": path, "analysis": "a"}])
    convert(found, "lancaster_spm", outside_brain="drop")
    found, _, _ = check_across(found, CheckSettings(duplicate_experiments="warn"))
    return found


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_file_reads_as_gingerale_counts(real, name):
    path = real / name
    experiments, foci, studies, space, encoding = EXPECTED[name]
    assert gingerale_count(path.read_bytes()) == (experiments, foci)
    assert read_sleuth_text(path)[1] == encoding
    found = read(path)
    dropped = sum(len(e.dropped) for e in found)
    assert len(found) == experiments
    assert sum(len(e.mni) for e in found) + dropped == foci
    assert len({e.study_id for e in found}) == studies
    assert {e.space for e in found} == {space}
    assert len({e.slug for e in found}) == experiments
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", e.slug) for e in found)


def test_decision_studies_by_hand(real):
    # Checked by hand: 39 numbered studies; numbers 34 and 38 each hold two papers of different
    # years (Blankestein 2017, n 50 / 2018, n 216; Pushkarskaya 2015 / 2010), so 41 studies.
    found = read_inputs(sleuth=[{"path": real / "decision_adm_2019.txt", "analysis": "a"}])
    by_study = {}
    for e in found:
        by_study.setdefault(e.study_id, []).append(e.name)
    assert len(by_study) == 41
    assert len(by_study["2_clausse_2013"]) == 5
    assert by_study["3_guo_2013"] == ["(3)Guo:ambiguous conditions", "(3)Guo(2013):ambiguous>certainty", "(3)Guo(2013):ambiguity>risk"]
    assert len(by_study["11_jung2014"]) == 2  # "(11)Jung2014" and "(11)Jung, 2014"
    assert "2013" not in by_study and "a" not in by_study
    assert {"34_blankestein_2017", "34_blankestein_2018", "38_pushkarskaya_2015", "38_pushkarskaya_2010"} <= set(by_study)
    assert len(by_study["27_paulus_2002a"]) == 3 and len(by_study["28_paulus_2002b"]) == 1
    assert {e.study_id for e in found if "Bach" in e.name or "bach" in e.name} == {"5_bach_2009", "12_bach_2011"}


def test_cue_reward_collisions_are_kept_apart(real):
    found = read_inputs(sleuth=[{"path": real / "cue_reward_neutral_2020.txt", "analysis": "a"}])
    names = {e.name: e for e in found}
    franklin, janes = names["(11) Franklin, 2011(a): NI>N"], names["(19) Janes, 2010(a):NI>N"]
    assert franklin.study_id != janes.study_id and franklin.slug != janes.slug
    assert franklin.study_id == "11_franklin_2011_a"


def test_check_prints_the_summary_line(real, capsys):
    path = real / "decision_adm_2019.txt"
    assert main(["coordinates", "check", "--sleuth", str(path)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "58 experiments, 492 foci, 41 studies (MNI)"


def test_unnamed_and_repeated_blocks_warn_once(real, caplog):
    found = read_inputs(sleuth=[{"path": real / "reward_cluster_1_of_4.txt", "analysis": "a"}])
    assert found[0].name == "reward_cluster_1_of_4: experiment 1"
    assert caplog.text.count("without a name") == 1
    caplog.clear()
    read_inputs(sleuth=[{"path": real / "emotion_cluster_3_of_5.txt", "analysis": "a"}])
    assert caplog.text.count("cannot be told from their labels") == 1
    assert caplog.text.count("experiment name 'Author here' on lines 2, 7, 12") == 1


def test_mac_roman_is_decoded_and_warned(real, caplog):
    lines, encoding = read_sleuth_text(real / "frontal_pole_medialOFC.txt")
    assert encoding == "mac-roman" and "By 41° C, Group 1" in lines[989]
    assert "read as Mac Roman (line 990" in caplog.text
