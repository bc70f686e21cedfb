"""Shared by every layer: errors, text escaping, progress, bounded YAML and file reading.
"""
