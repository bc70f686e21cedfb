"""A solved plan and its tables: assignments, regions, balance scores, metrics, schedule,
comparisons.
"""
