# Stage rules: coordinates (see docs/architecture.md).
