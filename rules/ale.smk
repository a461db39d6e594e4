# Stage rules: ale (see docs/architecture.md).
