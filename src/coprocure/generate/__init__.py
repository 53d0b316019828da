"""Synthetic data at small, county and national scale for tests and benchmarks (issue 9)."""
