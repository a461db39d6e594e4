"""Regenerate every simulated file of the reference review's replica, deterministically.

Run from anywhere: ``python examples/reference_review/generate.py [OUT_DIR]`` (default: this
directory). The workflow reads the committed files and never runs this;
``tests/test_reference_generator.py`` runs it into a temporary folder and checks that it gives
the committed files byte for byte. Each part is a sibling module with
``generate(out_dir, rng_seed)``, called in this order:

1. ``gen_records``: database exports, PubMed snapshot, screening decisions, ``studies.tsv`` keys;
2. ``gen_coordinates``: the coordinate tables of the experiments (reads that ``studies.tsv``);
3. ``gen_quality``: risk-of-bias and MINORS judgements.

See README.md for what is real and what is simulated.
"""

from __future__ import annotations

import sys
from pathlib import Path

import gen_coordinates
import gen_quality
import gen_records

HERE = Path(__file__).resolve().parent
# The review's seed (config review.seed); every part derives its own streams from it.
SEED = 20240321
PARTS = (gen_records, gen_coordinates, gen_quality)


def main(out_dir=HERE, seed=SEED):
    """Write every generated file of the replica under ``out_dir``, part by part."""
    for part in PARTS:
        part.generate(Path(out_dir), seed)
        print(f"{part.__name__}: written under {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
