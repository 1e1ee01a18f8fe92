"""The consultations' load benchmark (``benchmarks/consultations_load.py``): its world, its voters'
requests, the check that every acknowledged vote is stored once, and its report."""
