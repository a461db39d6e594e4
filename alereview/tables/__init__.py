"""Stage 6 tables: the numbered tables of a review, as TSV, Markdown, HTML and LaTeX.

Modules: :mod:`~.studies` (the study table and the study tables configured in ``tables``),
:mod:`~.quality` (risk of bias and MINORS judgements), :mod:`~.ale_results` (the cluster and
jackknife tables of every analysis), :mod:`~.formats` (Markdown, HTML, LaTeX cells and
documents), :mod:`~.numbered` (the tables in order, with titles and notes), :mod:`~.steps`
(the rules' steps) and :mod:`~.cli`.
"""
