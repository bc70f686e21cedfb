"""Questions beyond a scenario's one plan: frontier, robustness, alternatives, replacement cost.
"""
