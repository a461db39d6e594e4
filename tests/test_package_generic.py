"""No word of the reference review in the package, the scripts or the rules.

The reference review (acupuncture after stroke) is one review among others: its columns,
notes, names and settings live in config/config.yaml and examples/reference_review/ only.
Docstrings and comments count too.
"""

import re

import pytest

from conftest import REPO

WORDS = re.compile(
    r"acupunct|\bstroke|poststroke|\bSYTD\b|\bXNKQ\b|fugl|barthel|needling|moxibust|shengyang|xingnao|\bdeqi\b"
    r"|CRD42024526263|\bref\d+_[a-z]+|jianzhong|zhihong|\bLDX\b|\bZYH\b",
    re.IGNORECASE,
)
FOLDERS = ("alereview", "scripts", "rules")


def _files():
    for folder in FOLDERS:
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".gz", ".nii", ".png"):
                yield path
    yield REPO / "Snakefile"


def test_the_pattern_finds_the_words():
    assert WORDS.search("Manual acupuncture after Stroke (SYTD), Fugl-Meyer") and WORDS.search("ref20_xie")
    assert not WORDS.search("keystroke dynamics in reading; the reference list")


@pytest.mark.parametrize("path", list(_files()), ids=lambda p: str(p.relative_to(REPO)))
def test_no_reference_review_word(path):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return  # binary data
    hits = [f"line {text.count(chr(10), 0, m.start()) + 1}: {m.group(0)!r}" for m in WORDS.finditer(text)]
    assert not hits, f"{path.relative_to(REPO)}: {', '.join(hits)}"
