# Stage rules: search (see docs/architecture.md).
