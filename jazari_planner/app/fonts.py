"""The Arabic font served by the app itself, so an Arabic page looks the same everywhere.

The page in Arabic is set in Noto Sans Arabic, the font the figures and slides use: it ships
in a package (``fontpkg-noto-sans-arabic``), and :func:`install_arabic_font` copies it into
the app's ``static/`` folder at start-up, as :mod:`.leaflet` does for Leaflet, where
Streamlit serves it; no font is fetched from the network.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..common.files import replaced_atomically
from ..presentation.lettering import arabic_font_file

__all__ = ["FONT_FOLDER", "FONT_URL", "install_arabic_font"]

#: The folder under ``static/`` that holds the font (git-ignored: copied, never committed).
FONT_FOLDER = "fonts"
_FILE = "NotoSansArabic.ttf"
#: Where Streamlit serves the font from.
FONT_URL = f"/app/static/{FONT_FOLDER}/{_FILE}"


def install_arabic_font(static_dir: str | os.PathLike[str]) -> Path:
    """Copy the Arabic font into ``static_dir/fonts`` where missing or different; return it.

    Written under a temporary name and renamed, so a browser never reads half a font.
    """
    data = arabic_font_file().read_bytes()
    target = Path(static_dir) / FONT_FOLDER / _FILE
    if not (target.is_file() and target.read_bytes() == data):
        with replaced_atomically(target) as temporary:
            temporary.write_bytes(data)
    return target
