"""The data layer: the validated :class:`Dataset`, loaded from files or DataFrames, and its checks.
"""
