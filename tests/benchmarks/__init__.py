"""Benchmarks: run on request with ``make bench`` (all) or ``make bench ONLY=name``."""
