"""A living review: every published version kept, every update saying what changed.

* :mod:`~alereview.versions.manifest` — checksums, software versions, what identifies a version;
* :mod:`~alereview.versions.publish` — publishing ``results/versions/v<N>/`` (hard links, read-only);
* :mod:`~alereview.versions.compare` and :mod:`~alereview.versions.clusters` — what changed
  between two versions, and one verdict per analysis;
* :mod:`~alereview.versions.history` — the history table and the living PRISMA counts;
* :mod:`~alereview.versions.figure` — the living flow diagram (PRISMA-LSR);
* :mod:`~alereview.versions.steps` — one function per rule of ``rules/versions.smk``;
* :mod:`~alereview.versions.cli` — ``alereview versions`` and ``alereview compare``.

See ``docs/versions.md``.
"""
