"""Scoring (docs/model.md §2): strengths and need from a dataset and a scenario's weights.
"""
