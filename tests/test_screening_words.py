"""The accepted decision and stage words are the ones docs/screening.md lists."""

from alereview.screening.plain import _STAGE_WORDS
from alereview.screening.votes import _WORDS

from conftest import REPO


def test_the_decision_words_are_documented():
    docs = (REPO / "docs" / "screening.md").read_text(encoding="utf-8")
    for decision, words in {**_WORDS, **_STAGE_WORDS}.items():
        row = next(line for line in docs.splitlines() if line.startswith(f"| `{decision}` |"))
        assert all(f"`{word}`" in row for word in words), (decision, sorted(words))
