"""Publication figures of a review: ALE clusters on the brain, risk of bias, PRISMA, jackknife.

Every function writes a PNG (at the configured dpi) and a vector version (SVG or PDF) through
:func:`alereview.figures.common.save_figure`, headless and offline.
"""
