"""What an expert reviewer checks in an ALE meta-analysis, computed for them.

* :mod:`~alereview.checks.contributions` — each experiment's share of each cluster's ALE
  (Eickhoff et al. 2016), with flags for a cluster one experiment dominates or fewer than three
  drive.
* :mod:`~alereview.checks.failsafe` — the fail-safe N of each cluster (Acar et al. 2018): how
  many null experiments can be added before it no longer survives the analysis' threshold.
* :mod:`~alereview.checks.power` — warnings for analyses with too few experiments (Eickhoff et
  al. 2016) or an uncorrected threshold.
* :mod:`~alereview.checks.prisma_s` — the 16 PRISMA-S items (Rethlefsen et al. 2021) with what
  the run recorded.

The report shows them (:mod:`alereview.report.checks`); ``rules/checks.smk`` computes them.
"""
