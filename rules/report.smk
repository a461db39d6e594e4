# Stage rules: report (see docs/architecture.md).
