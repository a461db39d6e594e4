"""Stage 1, the literature search: PubMed through Entrez (live or from frozen snapshots) and
the exports of other databases, gathered into one table of records."""
