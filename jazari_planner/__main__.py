"""``python -m jazari_planner``: the same command line as the ``jazari-planner`` script."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
