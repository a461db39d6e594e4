# Stage rules: figures (see docs/architecture.md).
