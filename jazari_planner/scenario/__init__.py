"""Scenarios: the schema of docs/model.md §5, YAML in and out, overrides, checks against a dataset.
"""
