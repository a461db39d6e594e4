"""Stage 3, screening: decisions from Rayyan, Covidence, ASReview or plain files, matched to the
deduplicated records by stable identity, settled by two reviewers and an arbiter, with
agreement statistics, the list of records still to screen, and the gate before the analyses.

Modules: :mod:`~.votes` (one decision), readers :mod:`~.rayyan`, :mod:`~.covidence`,
:mod:`~.asreview`, :mod:`~.plain` (dispatch: :mod:`~.readers`), :mod:`~.matching`,
:mod:`~.adjudication`, :mod:`~.agreement`, :mod:`~.decisions`, :mod:`~.to_screen`,
:mod:`~.gate`, :mod:`~.versions` (updates of the search), :mod:`~.workflow` (the rules' steps)
and :mod:`~.cli`. PRISMA counts: :mod:`alereview.screening.prisma`.
"""
