# Stage rules: jackknife (see docs/architecture.md).
