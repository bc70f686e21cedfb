"""The MILP (docs/model.md §3, §10) from plain arrays, solved honestly, explained when infeasible.

Nothing here reads a file or a scenario: it takes model inputs and returns solver results.
"""
