"""The page's frame: its stylesheet and the compact header (title, tagline, view switch).

A laptop's 1366 × 768 screen leaves about 650 pixels under the browser's bars: the header
takes one line, so the map under it fits whole on screen. In Arabic the page reads right to
left, in the Arabic font the app serves (:mod:`.fonts`); sliders keep their own direction
(low on the left), as the figures' axes do.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from ..common.words import LANGUAGE_NAMES, LOCALES, Lang, direction
from .fonts import FONT_URL
from .session import arabic_font_installed, lang, paths, t

__all__ = ["LOCALE_SCRIPT", "PAGE_CSS", "RTL_CSS", "locale_script", "page_header",
           "sliders_in_language"]

#: The page's own styles: narrower margins, a one-line header, compact metric cards, and no
#: text cut short. The header's view switch takes its own width and the title and tagline the
#: rest, so the French tagline keeps to one line at 1366 px. A card holds its label, then its
#: value with the change beside it (not under it): four rows of cards and the key to the
#: badges stay beside the map on a laptop's first screen. A card's label and a key's row wrap
#: (under their text, not under the badge) rather than end in an ellipsis.
PAGE_CSS = """
[data-testid='stMainBlockContainer'] { padding: 1.1rem 1.6rem 3rem; max-width: none; }
[data-testid='stSidebarContent'] [data-testid='stSidebarUserContent'] { padding-top: 1rem; }
[data-testid='stHorizontalBlock']:has(.jz-app-title) > [data-testid='stColumn']:first-child {
  flex: 1 1 0; min-width: 0; width: auto; }
[data-testid='stHorizontalBlock']:has(.jz-app-title) > [data-testid='stColumn']:last-child {
  flex: 0 0 auto; width: auto; }
.jz-app-title { font-size: 1.55rem; font-weight: 700; line-height: 1.2; margin: 0; }
.jz-tagline { color: #52606d; font-size: .88rem; margin: 0; }
.jz-app-title, .jz-tagline { width: fit-content; max-width: 100%; }
[data-testid='stMetric'] { padding: 0; }
[data-testid='stMetric'] > div { padding: .35rem .65rem .4rem; display: flex;
  flex-wrap: wrap; align-items: center; column-gap: .5rem; }
[data-testid='stMetricLabel'] { flex: 1 0 100%; }
[data-testid='stMetricValue'],
[data-testid='stMetric'] > div > div:has(> [data-testid='stMetricDelta']) {
  flex: 0 0 auto; max-width: 100%; }
[data-testid='stMetric'] .stMarkdownEllipsis { overflow: visible; }
[data-testid='stMetricLabel'] .stMarkdownEllipsis { white-space: normal; }
[data-testid='stMetricLabel'] p { font-size: .8rem; line-height: 1.25; white-space: normal; }
[data-testid='stMetricValue'] { font-size: 1.3rem; }
[data-testid='stMetricValue'] > div { padding: 0; }
[data-testid='stMetricDelta'] { font-size: .78rem; }
[data-testid='stButtonGroup'] button { padding-left: .6rem; padding-right: .6rem; }
.jz-key .jz-legend-themes { column-count: 2; column-gap: 14px; margin-top: 2px; }
.jz-key .jz-legend-title { column-span: all; margin-bottom: 2px; }
.jz-key .jz-legend-row { display: grid; grid-template-columns: minmax(30px, max-content) 1fr;
  column-gap: 4px; align-items: baseline; white-space: normal; break-inside: avoid;
  font-size: 12.5px; line-height: 16px; padding: 2px 0; }
.jz-key .jz-legend-row .jz-root-star { text-align: center; }
[data-testid='stMultiSelect'] .react-aria-ComboBox > [role='group'] { flex-wrap: wrap;
  max-height: none; height: auto; }
[data-testid='stMultiSelect'] [data-testid='stMultiSelectTagsContainer'] { flex: 1 0 100%;
  max-height: 40vh; height: auto; }
[data-testid='stMultiSelect'] .react-aria-ComboBox > [role='group'] > button:nth-of-type(1) {
  margin-inline-start: auto; }
[data-testid='stMultiSelect'] [data-tag] { height: auto; min-height: 28px; }
[data-testid='stMultiSelect'] [data-tag] > span { white-space: normal; overflow: visible;
  font-size: .8rem; line-height: 1.25; padding: 3px 0; }
"""


#: The page in a right-to-left language: the main area and the sidebar's contents read right
#: to left in the served Arabic font; Streamlit's icons keep their own font, and sliders,
#: code and the YAML preview keep left to right. The cards and the key keep the line height
#: of the Latin page (Noto Sans Arabic's own is taller), so the first screen still holds them.
#: The view switch is the Latin one mirrored (its first view on the right), each label turned
#: back: Streamlit draws its joined borders and round ends for left to right only.
RTL_CSS = f"""
@font-face {{ font-family: 'Noto Sans Arabic'; src: url('{FONT_URL}') format('truetype');
  font-weight: 100 900; font-display: swap; }}
[data-testid='stMain'], [data-testid='stSidebarContent'] {{ direction: rtl; }}
[data-testid='stMain'] :not([data-testid='stIconMaterial']):not(code):not(pre),
[data-testid='stSidebarContent'] :not([data-testid='stIconMaterial']):not(code):not(pre) {{
  font-family: 'Noto Sans Arabic', 'Source Sans', 'Source Sans Pro', sans-serif; }}
[data-testid='stSlider'], pre, code, .jz-yaml {{ direction: ltr; }}
[data-testid='stMarkdownContainer'], [data-testid='stCaptionContainer'],
[data-testid='stWidgetLabel'] {{ text-align: right; }}
.jz-key .jz-legend-row {{ direction: rtl; }}
[data-testid='stMain'] [data-testid='stMetric'] *, [data-testid='stMain'] .jz-key * {{
  line-height: 1.3; }}
[data-testid='stHorizontalBlock']:has(.jz-app-title) [role='radiogroup'] {{ direction: ltr;
  transform: scaleX(-1); }}
[data-testid='stHorizontalBlock']:has(.jz-app-title) [role='radiogroup'] button > div {{
  transform: scaleX(-1); }}
"""


#: Makes the browser's ``navigator.languages`` the app's language, so that Streamlit's sliders
#: (``format="localized"``, the browser's ``Intl.NumberFormat``) write their values as the rest
#: of the page does: ``1,5`` in French and Arabic (Morocco's conventions, Latin digits), ``1.5``
#: in English. The language is read from the sidebar's language switch at each call, so a
#: slider drawn in the same update as a switch already follows it; before the switch is on
#: the page, from the value this script was last run with.
LOCALE_SCRIPT = """<script>
(() => {{
  const locales = {locales};
  window.jazariLocale = locales[{index}];
  if (window.jazariLanguages) {{ return; }}
  window.jazariLanguages = true;
  Object.defineProperty(navigator, 'languages', {{ configurable: true, get() {{
    const picked = document.querySelector(
      "[data-testid='stSidebar'] [role='radiogroup'] input[type='radio']:checked");
    const index = picked === null ? NaN : Number(picked.value);
    return [Number.isInteger(index) && locales[index] ? locales[index] : window.jazariLocale];
  }} }});
}})();
</script>"""


def locale_script(language: Lang) -> str:
    """:data:`LOCALE_SCRIPT` for the page in ``language`` (the switch's options in order)."""
    codes = list(LANGUAGE_NAMES)
    locales = [LOCALES[code].replace("_", "-") for code in codes]
    return LOCALE_SCRIPT.format(locales=json.dumps(locales), index=codes.index(language))


def sliders_in_language() -> None:
    """Run :data:`LOCALE_SCRIPT` in the page (at the sidebar's end: a script is an element
    with its own gap, which the main area's first screen has no room for)."""
    st.html(locale_script(lang()), unsafe_allow_javascript=True)


@contextmanager
def page_header() -> Iterator[None]:
    """The page's styles and title line; what runs inside sits at its right (the view switch),
    at its left in Arabic."""
    rtl = ""
    if direction(lang()) == "rtl":
        arabic_font_installed(paths().static)
        rtl = RTL_CSS
    st.html(f"<style>{PAGE_CSS}{rtl}</style>")
    head, switch = st.columns([2, 3], vertical_alignment="center")  # room for six views
    head.html(f'<p class="jz-app-title">{t("title")}</p><p class="jz-tagline">{t("tagline")}</p>')
    with switch:
        yield
