"""Option widgets whose shown labels change with the language, keeping their value by id.

Streamlit (1.4x and later) sends the value of a selectbox, multiselect, radio or segmented
control to the browser and back as the *shown label* of each option, not as the option
itself. When the labels change (English → Français), the browser still holds the old labels:
none matches an option any more, and the selection silently empties (locks lost on the next
rerun). So each such widget is keyed by language (``lock_in@fr``), and its value by id lives
under a plain session key (``lock_in``) that every other part of the app reads and writes:
a widget shown in a new language starts from that value, and a change copies back to it.

The browser has a second trap: it does not always keep the values the session gave its
widgets. After a run cut short (the planner clicks while the page still draws) or a complete
run that redraws the sidebar in another language, it may hold a widget's *default* (a weight
at 0, an empty name, every region's bounds wide open, no view chosen) and send it back on the
next click; the session takes it and the plan is no longer the planner's (seen in Chromium
in one language switch out of three or four). A widget's value reaches the browser for sure
only in a run where the session wrote it. So every run of the page (:func:`resend_settings`) writes
again the value the session holds for each of its widgets, and :func:`choice` for its own:
what the browser shows and sends back is always the session's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import streamlit as st

from ..common.words import Lang
from .session import lang as lang_on_screen

__all__ = ["choice", "resend_settings", "widget_key"]


def resend_settings(keys: Iterable[str]) -> None:
    """Write again the session's value of each widget key in ``keys`` (the sidebar's, the
    language…), once per run before any widget is drawn, so the browser holds the session's
    values, never a widget's default; :func:`choice` does the same for its own."""
    state = st.session_state
    for key in keys:
        if key in state:
            state[key] = state[key]


def widget_key(key: str, lang: Lang) -> str:
    """The key of the widget that shows the value ``key`` in ``lang``: ``"lock_in@fr"``."""
    return f"{key}@{lang}"


def _keep(key: str, shown: str, on_change: Callable[..., None] | None,
          args: tuple[Any, ...], keep_none: bool) -> None:
    """Copy the widget's new value to its value by id, then run the caller's callback.

    Only the widget of the language on screen counts: a click right after a language switch
    also brings back the old language's widget (``view@en`` still at ``plan``), whose value
    is stale.
    """
    if shown != widget_key(key, lang_on_screen()):
        return
    value = st.session_state[shown]
    if value is None and keep_none:  # a segmented control clicked off: keep the choice
        return
    st.session_state[key] = value
    if on_change is not None:
        on_change(*args)


def choice(widget: Callable[..., Any], label: str, options: Sequence[Any], *, key: str,
           lang: Lang, format_func: Callable[[Any], str],
           on_change: Callable[..., None] | None = None, args: tuple[Any, ...] = (),
           keep_none: bool = False, **kwargs: Any) -> Any:
    """Draw ``widget`` (``st.multiselect``, ``st.selectbox``…) for the value held at ``key``.

    The value at ``key`` is made of options (hashable ids), never labels; ``format_func``
    writes an option in ``lang``; the labels are written once, now, so the widget keeps
    this run's words whenever Streamlit formats an option. ``keep_none`` ignores a change
    to ``None`` (a segmented control clicked off). Other keyword arguments go to the
    widget. Returns the value by id.
    """
    state = st.session_state
    shown = widget_key(key, lang)
    state[shown] = state.get(key)  # always written: see the module's docstring
    labels = {option: format_func(option) for option in options}
    widget(label, options, key=shown, format_func=labels.__getitem__, on_change=_keep,
           args=(key, shown, on_change, args, keep_none), **kwargs)
    return state.get(key)
