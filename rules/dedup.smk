# Stage rules: dedup (see docs/architecture.md).
