"""Stage 5: activation likelihood estimation (ALE), thresholds, cluster tables, jackknife.

Experiments are read by :func:`alereview.coordinates.load_experiments` (the coordinates stage's
checks, slugs and names). Modules: :mod:`~alereview.ale.run` (one analysis with NiMARE's ALE), :mod:`~alereview.ale.thresholds` (uncorrected + minimum
volume, cluster- and voxel-level FWE), :mod:`~alereview.ale.montecarlo` (the FWE null
distributions, in chunks), :mod:`~alereview.ale.clusters` (cluster tables and labels),
:mod:`~alereview.ale.subtraction` (contrasts), :mod:`~alereview.jackknife.leave_out`
(leave-one-experiment-out), :mod:`~alereview.tables.ale_results` (Tables 4 and 5).
"""
