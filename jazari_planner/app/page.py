"""The page's frame: its stylesheet and the compact header (title, tagline, view switch).

A laptop's 1366 × 768 screen leaves about 650 pixels under the browser's bars: the header
takes one line, so the map under it fits whole on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from .session import t

__all__ = ["PAGE_CSS", "page_header"]

#: The page's own styles: narrower margins, a one-line header, compact metric cards.
PAGE_CSS = """
[data-testid='stMainBlockContainer'] { padding: 1.1rem 1.6rem 3rem; max-width: none; }
[data-testid='stSidebarContent'] [data-testid='stSidebarUserContent'] { padding-top: 1rem; }
.jz-app-title { font-size: 1.55rem; font-weight: 700; line-height: 1.2; margin: 0; }
.jz-tagline { color: #52606d; font-size: .9rem; margin: 0; }
[data-testid='stMetric'] { padding: 0; }
[data-testid='stMetric'] > div { padding: .35rem .65rem .4rem; }
[data-testid='stMetricValue'] { font-size: 1.3rem; }
[data-testid='stMetricValue'] > div { padding: 0; }
[data-testid='stMetricLabel'] p { font-size: .8rem; }
[data-testid='stMetricDelta'] { font-size: .78rem; }
[data-testid='stButtonGroup'] button { padding-left: .6rem; padding-right: .6rem; }
.jz-key .jz-legend-themes { column-count: 2; column-gap: 14px; margin-top: 2px; }
.jz-key .jz-legend-title { column-span: all; margin-bottom: 2px; }
.jz-key .jz-legend-row { overflow: hidden; text-overflow: ellipsis; font-size: 12.5px;
  line-height: 20px; }
"""


@contextmanager
def page_header() -> Iterator[None]:
    """The page's styles and title line; what runs inside sits at its right (the view switch)."""
    st.html(f"<style>{PAGE_CSS}</style>")
    head, switch = st.columns([2, 3], vertical_alignment="center")  # room for six views
    head.html(f'<p class="jz-app-title">{t("title")}</p><p class="jz-tagline">{t("tagline")}</p>')
    with switch:
        yield
