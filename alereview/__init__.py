"""alereview: coordinate-based (ALE) neuroimaging meta-analysis, from the search to the figures.

The package holds the logic; the Snakemake workflow (``Snakefile``, ``rules/``) and the
command line (``alereview <step>``) are thin layers over the same functions.
"""

__version__ = "0.1.0"
