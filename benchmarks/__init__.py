"""Benchmarks: each makes its own data at the scale it names and writes its timings to ``results/``."""
