"""Scenario and dataset in, the optimization layer's plain inputs out: names, overrides, locks."""
