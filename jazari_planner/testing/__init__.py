"""Oracles for tests and benchmarks, not the library's core: an independent checker, synthetic data.
"""
