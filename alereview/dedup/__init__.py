"""Deduplication: records of all databases merged into unique records, with the reasons.

:func:`alereview.dedup.pipeline.deduplicate` runs the stage; the modules are its steps
(``normalize``, ``blocking``, ``scoring``, ``rules``, ``clusters``, ``merge``) and its
input/output (``files``, ``cli``).
"""
