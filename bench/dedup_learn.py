"""Fit the weights of the review queue's ranking model (:mod:`alereview.dedup.queue`).

The candidate pairs (blocking) of every labelled set at hand, the two of
``../shared/data/dedup_benchmarks`` and the synthetic sets of ``bench/dedup_synthetic.py``,
are scored; their :func:`~alereview.dedup.queue.features` and gold labels fit an L2
logistic regression (scikit-learn, C=1), each set weighing the same in all. Prints the
weights to paste into ``alereview/dedup/queue.py`` (``WEIGHTS``), rounded to 0.1, and, per
set, how well the fitted, the stored, and the weights fitted without that set (held out)
rank the grey-zone pairs (the true pairs among the top ``ceil(1 %)`` of the records). The
model only ranks the queue; the rules decide.

With ``--sweep``, prints instead each set's sensitivity and false-positive pairs as each rule
threshold moves around its default (the thresholds were set by hand on the two real sets;
the sweep shows how flat the figures are around them, set by set).

Usage: ``nice -n 10 python bench/dedup_learn.py [--sweep]``
"""

from __future__ import annotations

import logging
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dedup_accuracy import labelled_sets  # noqa: E402

from alereview.dedup.blocking import candidate_pairs  # noqa: E402
from alereview.dedup.clusters import natural_key  # noqa: E402
from alereview.dedup.pipeline import _check_records  # noqa: E402
from alereview.dedup.prepare import prepare  # noqa: E402
from alereview.dedup.queue import FEATURES, WEIGHTS, features, likelihood  # noqa: E402
from alereview.dedup.rules import UNCERTAIN, Thresholds, decide  # noqa: E402
from alereview.dedup.scoring import score_pair  # noqa: E402


def pair_table(records, gold):
    """Features, labels and grey-zone flags of every (non-partial) candidate pair."""
    rows = _check_records(records, None)
    norm = prepare(rows)
    limits = Thresholds()
    x, y, grey, scores = [], [], [], []
    for i, j in candidate_pairs(norm).tolist():
        s = score_pair(norm[i], norm[j], limits.lowest_title)
        if s.partial:
            continue
        a, b = sorted((rows[i]["record_id"], rows[j]["record_id"]), key=natural_key)
        x.append([features(s)[name] for name in FEATURES])
        y.append(int((a, b) in gold or (b, a) in gold))
        grey.append(decide(s, norm[i], norm[j], limits)[0] == UNCERTAIN)
        scores.append(s)
    return np.asarray(x), np.asarray(y), np.asarray(grey), scores, len(rows)


def fit(tables: dict) -> dict:
    """Weights fitted on ``tables`` (each set weighing the same), rounded to 0.1."""
    from sklearn.linear_model import LogisticRegression

    x = np.concatenate([t[0] for t in tables.values()])
    y = np.concatenate([t[1] for t in tables.values()])
    w = np.concatenate([np.full(len(t[1]), 1.0 / max(1, len(t[1]))) for t in tables.values()])
    model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y, sample_weight=w * len(y) / len(tables))
    fitted = {"bias": round(float(model.intercept_[0]), 1)}
    fitted.update({name: round(float(c), 1) for name, c in zip(FEATURES, model.coef_[0])})
    return fitted


SWEEP = {
    "title_same": (0.90, 0.93, 0.95, 0.97),
    "title_grey": (0.75, 0.80, 0.85),
    "authors_same": (0.5, 0.7, 0.9),
    "full_agreement_title": (0.95, 0.98, 1.0),
    "citation_authors": (0.6, 0.8, 1.0),
}


def sweep() -> None:
    """Sensitivity and false-positive pairs of every set as each threshold moves around its
    default (the others at their defaults): a flat row means the default is not tuned to a set."""
    from dedup_accuracy import predicted_pairs

    from alereview.dedup.pipeline import deduplicate

    logging.getLogger("alereview").setLevel(logging.ERROR)  # shared record keys: not the point here
    sets = {name: load() for name, load in labelled_sets(synthetic=True).items()}
    print(f"{'threshold':<22} {'value':>6}  " + "  ".join(f"{name[:18]:>24}" for name in sets))
    for key, values in SWEEP.items():
        for value in values:
            cells = []
            for records, gold in sets.values():
                found = predicted_pairs(deduplicate(records, thresholds={key: value}).clusters)
                cells.append(f"{len(found & gold) / len(gold):.4f} / {len(found - gold):>3} FP")
            marker = " (default)" if value == getattr(Thresholds(), key) else ""
            print(f"{key:<22} {value:>6}  " + "  ".join(f"{c:>24}" for c in cells) + marker, flush=True)


def main() -> int:
    if "--sweep" in sys.argv[1:]:
        sweep()
        return 0
    tables = {name: pair_table(*load()) for name, load in labelled_sets(synthetic=True).items()}
    fitted = fit(tables)
    print("WEIGHTS =", fitted)
    for name, (_xs, ys, grey, scores, n) in tables.items():
        limit = math.ceil(0.01 * n)
        # Held out: weights fitted without this set, to see the ranking is not learnt by heart.
        held_out = fit({other: table for other, table in tables.items() if other != name})
        for label, weights in (("fitted", fitted), ("stored", WEIGHTS), ("held-out", held_out)):
            ranked = sorted((-likelihood(s, weights), k) for k, s in enumerate(scores) if grey[k])
            top = [k for _, k in ranked[:limit]]
            print(
                f"{name}: {label} weights: {int(grey.sum())} grey pairs ({int(ys[grey].sum())} true); "
                f"top {limit} hold {int(ys[top].sum()) if top else 0} true, the rest {int(ys[grey].sum()) - (int(ys[top].sum()) if top else 0)}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
