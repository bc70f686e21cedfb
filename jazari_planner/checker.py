"""The independent checker's historic import path: ``jazari_planner.checker`` (docs/checker.md).

It lives in :mod:`jazari_planner.testing.checker`, with the other oracles; this module only
re-exports it, so notebooks and scripts written against the old path keep working.
"""

from .testing.checker import *  # noqa: F403
from .testing.checker import __all__ as __all__
