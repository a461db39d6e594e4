# Stage rules: screening (see docs/architecture.md).
