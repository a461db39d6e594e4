"""Two reviewers and an arbiter: agreement decides, the arbiter settles conflicts."""

import pytest

from alereview.errors import InputError
from alereview.screening.adjudication import adjudicate
from alereview.screening.votes import Vote

R = ["LDX", "ZY"]


def v(key, reviewer, decision, reason="", line=1, stage="title_abstract", path="d.csv"):
    return key, Vote(stage, reviewer, decision, reason, path, line, key, {})


def test_agreement_arbiter_and_pending():
    finals, pending, _ = adjudicate(
        [
            v("a", "LDX", "include"),
            v("a", "ZY", "include"),
            v("b", "LDX", "include"),
            v("b", "ZY", "exclude"),
            v("b", "ZYH", "exclude", "off topic"),
            v("c", "LDX", "exclude"),
            v("d", "LDX", "exclude", "animal"),
            v("d", "ZY", "exclude"),
        ],
        "title_abstract",
        R,
        "ZYH",
    )
    assert (finals["a"].decision, finals["a"].decided_by) == ("include", "LDX+ZY")
    assert (finals["b"].decision, finals["b"].decided_by, finals["b"].reason) == ("exclude", "ZYH (arbiter)", "off topic")
    assert finals["b"].votes == "LDX=include; ZY=exclude; ZYH=exclude"
    assert pending == {"c": ["ZY"]}
    assert finals["d"].reason == "animal"


@pytest.mark.parametrize("first, second", [("include", "maybe"), ("maybe", "exclude"), ("maybe", "maybe"), ("include", "exclude")])
def test_conflicts_without_arbiter_decision_list_every_record(first, second):
    with pytest.raises(InputError) as error:
        adjudicate(
            [
                v("a", "LDX", first, line=2),
                v("a", "ZY", second, line=3),
                v("b", "LDX", first, line=4),
                v("b", "ZY", second, line=5),
                v("c", "LDX", "include", line=6),
                v("c", "ZY", "include", line=7),
            ],
            "title_abstract",
            R,
            "ZYH",
        )
    message = str(error.value)
    assert "2 conflict(s) at title/abstract" in message and "ZYH" in message
    assert "a (LDX=" in message and "b (LDX=" in message and "c (" not in message


def test_conflict_without_configured_arbiter():
    with pytest.raises(InputError, match="no arbiter is configured"):
        adjudicate([v("a", "LDX", "include"), v("a", "ZY", "exclude")], "title_abstract", R, "")


def test_arbiter_maybe_does_not_settle():
    with pytest.raises(InputError, match="conflict"):
        adjudicate([v("a", "LDX", "include"), v("a", "ZY", "exclude"), v("a", "ZYH", "maybe")], "title_abstract", R, "ZYH")


def test_same_reviewer_twice():
    finals, _, _ = adjudicate(
        [v("a", "LDX", "include", line=2), v("a", "LDX", "include", line=9), v("a", "ZY", "include")], "title_abstract", R
    )
    assert finals["a"].decision == "include"
    with pytest.raises(InputError) as error:
        adjudicate([v("a", "LDX", "include", line=2), v("a", "LDX", "exclude", line=9, path="e.csv")], "title_abstract", R)
    message = str(error.value)
    assert "decided twice in contradiction" in message and "d.csv, line 2" in message
    assert error.value.path == "e.csv" and error.value.line == 9 and error.value.record == "a"


def test_full_text_exclusion_needs_a_reason():
    ft = dict(stage="full_text")
    finals, _, _ = adjudicate([v("a", "LDX", "exclude", "", **ft), v("a", "ZY", "exclude", "ROI only", **ft)], "full_text", R)
    assert finals["a"].reason == "ROI only"
    with pytest.raises(InputError) as error:
        adjudicate([v("a", "LDX", "exclude", line=4, **ft), v("a", "ZY", "exclude", line=5, **ft)], "full_text", R)
    assert error.value.field == "reason" and error.value.record == "a" and "without a reason" in str(error.value)
    # Title/abstract exclusions need none.
    finals, _, _ = adjudicate([v("a", "LDX", "exclude"), v("a", "ZY", "exclude")], "title_abstract", R)
    assert finals["a"].reason == ""


def test_not_retrieved_needs_no_reason():
    ft = dict(stage="full_text")
    finals, _, _ = adjudicate([v("a", "LDX", "not_retrieved", **ft), v("a", "ZY", "not_retrieved", **ft)], "full_text", R)
    assert finals["a"].decision == "not_retrieved"


def test_consensus_and_single_reviewer():
    finals, pending, _ = adjudicate([v("a", "consensus", "include"), v("b", "LDX", "exclude")], "title_abstract", ["LDX"])
    assert finals["a"].decided_by == "consensus" and finals["b"].decided_by == "LDX" and not pending


def test_agreement_wins_over_a_stray_arbiter_vote(caplog):
    finals, _, _ = adjudicate([v("a", "LDX", "exclude"), v("a", "ZY", "exclude"), v("a", "ZYH", "include")], "title_abstract", R, "ZYH")
    assert finals["a"].decision == "exclude" and finals["a"].decided_by == "LDX+ZY"
    assert "arbiter's include" in caplog.text
