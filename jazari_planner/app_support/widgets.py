"""Option widgets whose shown labels change with the language, keeping their value by id.

Streamlit (1.4x and later) sends the value of a selectbox, multiselect, radio or segmented
control to the browser and back as the *shown label* of each option, not as the option
itself. When the labels change (English → Français), the browser still holds the old labels:
none matches an option any more, and the selection silently empties (locks lost on the next
rerun). So each such widget is keyed by language (``lock_in@fr``), and its value by id lives
under a plain session key (``lock_in``) that every other part of the app reads and writes:
a widget shown in a new language starts from that value, and a change copies back to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from .i18n import Lang

__all__ = ["choice", "widget_key"]


def widget_key(key: str, lang: Lang) -> str:
    """The key of the widget that shows the value ``key`` in ``lang``: ``"lock_in@fr"``."""
    return f"{key}@{lang}"


def _keep(key: str, shown: str, on_change: Callable[..., None] | None,
          args: tuple[Any, ...], keep_none: bool) -> None:
    """Copy the widget's new value to its value by id, then run the caller's callback."""
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
    if shown not in state or state[shown] != state.get(key):
        state[shown] = state.get(key)
    labels = {option: format_func(option) for option in options}
    widget(label, options, key=shown, format_func=labels.__getitem__, on_change=_keep,
           args=(key, shown, on_change, args, keep_none), **kwargs)
    return state.get(key)
