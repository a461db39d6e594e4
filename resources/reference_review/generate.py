"""Regenerate every simulated file of the reference review's replica, deterministically.

Run from anywhere: ``python resources/reference_review/generate.py [OUT_DIR]`` (default: this
directory). The workflow reads the committed files and never runs this. Each part is a sibling
module with ``generate(out_dir, rng_seed)``, called in order when present:

1. ``gen_records``: database exports, PubMed snapshot, screening decisions, ``studies.tsv`` keys;
2. ``gen_coordinates``: the coordinate tables of the experiments;
3. ``gen_quality``: risk-of-bias and MINORS judgements.

See README.md for what is real and what is simulated.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The review's seed (config review.seed); every part derives its own streams from it.
SEED = 20240321
PARTS = ("gen_records", "gen_coordinates", "gen_quality")


def main(out_dir=HERE, seed=SEED):
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    for name in PARTS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue  # that part is not written yet
            raise
        if hasattr(module, "generate"):
            module.generate(Path(out_dir), seed)
            print(f"{name}: written under {out_dir}")
        else:
            print(f"{name}: has no generate(out_dir, rng_seed); skipped")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
