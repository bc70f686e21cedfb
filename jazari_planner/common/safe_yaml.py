"""YAML read within limits, with the line of every key: no file can make the reader explode.

A ten-line YAML file can hold a "billion laughs" (anchors and aliases that expand to
gigabytes), or nest a thousand brackets deep and overflow Python's stack. Before any Python
object is built, the event stream is screened: anchors, aliases and merge keys (``<<``) are
refused, as are tags other than the plain ones (``!!binary``), nesting deeper than
:data:`MAX_DEPTH` and documents with more than :data:`MAX_NODES` values. Only then is the
document composed and turned into plain dicts, lists and scalars, recording the 1-based line
of every key path and refusing a key given twice.

PyYAML's C parser (libyaml) is used when present, its pure-Python one otherwise; both give
the same data and lines. Numbers a person means are read as numbers: YAML 1.1 reads ``1e-9``,
``1e309`` and ``1.0e308`` as text, these loaders read them as floats (``1e309`` is ``inf``,
which validation then refuses by name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import InputError

__all__ = [
    "LOADER", "MAX_DEPTH", "MAX_NODES", "Document", "KeyPath", "format_path", "line_of", "load",
]

#: A key path inside a document: mapping keys (str) and list indices (int).
KeyPath = tuple[str | int, ...]

#: Deepest nesting of mappings and lists accepted (a scenario needs 3).
MAX_DEPTH = 20
#: Most values (scalars, mappings, lists) one document may hold (a full scenario holds ~1 000).
MAX_NODES = 20_000

_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[valid-type, misc]
    """The safe loader (C when libyaml is present) that also reads ``1e-9`` as a number."""


# YAML 1.2's floats that YAML 1.1 reads as text: an exponent without a dot or without a sign.
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
    list("-+0123456789"),
)

#: The loader class in use (``yaml.CSafeLoader`` when PyYAML was built with libyaml).
LOADER: type[yaml.SafeLoader] = _Loader

#: Tags a document may spell out; anything else (``!!binary``, ``!!python/…``) is refused.
_PLAIN_TAGS = frozenset({None, "!"} | {f"tag:yaml.org,2002:{t}" for t in
                                       ("str", "int", "float", "bool", "null", "map", "seq")})

_NO_ALIASES = ("write the value out in full where it is used; the planner does not read "
               "anchors (&name) or aliases (*name), which can make a small file expand "
               "without bound")


def _str_key(_under: KeyPath, value: Any) -> str:
    return str(value)


@dataclass(frozen=True)
class Document:
    """A parsed YAML document: its data, and the 1-based line of every key path in it."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)


def load(text: str, *, source: str,
         key_name: Callable[[KeyPath, Any], str] = _str_key) -> Document:
    """Parse ``text`` (YAML) within the limits; :class:`InputError` naming ``source`` if not.

    ``key_name(path, key)`` spells a mapping key found under ``path`` as the caller will
    (the scenario reader zero-pads region codes); duplicates are judged on that spelling.
    An empty document gives ``Document(None)``.
    """
    try:
        _screen(text, source=source)
        loader = LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return Document(None, {})
            lines: dict[KeyPath, int] = {(): node.start_mark.line + 1}
            data = _build(node, (), lines, loader=loader, source=source, key_name=key_name)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, source) from None
    except yaml.YAMLError as error:
        raise InputError(f"YAML syntax error: {error}", source=source) from None
    return Document(data, lines)


def _syntax_error(error: yaml.MarkedYAMLError, source: str) -> InputError:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "the YAML cannot be read"
    if error.context:
        opened = error.context_mark
        start = f" that starts on line {opened.line + 1}" if opened else ""
        problem += f" ({error.context}{start})"
    return InputError(
        f"YAML syntax error: {problem}",
        source=source,
        line=mark.line + 1 if mark else None,
        fix="check the indentation and the colons around this line; "
        "quote values holding ':' or '#'",
    )


def _screen(text: str, *, source: str) -> None:
    """Refuse aliases, anchors, merge keys, odd tags, deep nesting and huge documents.

    Reads the parser's events only (no node or Python object is built), so a hostile
    document is refused in time and memory proportional to its size, which is bounded.
    """
    depth = 0
    nodes = 0
    # One entry per open collection: for a mapping, whether its next node is a key;
    # None for a list.
    open_collections: list[bool | None] = []
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            open_collections.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        line = event.start_mark.line + 1 if event.start_mark else None
        is_key = bool(open_collections) and open_collections[-1] is True
        if open_collections and open_collections[-1] is not None:
            open_collections[-1] = not open_collections[-1]
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            raise InputError("YAML anchors and aliases are not read", source=source, line=line,
                             fix=_NO_ALIASES)
        tag = getattr(event, "tag", None)
        if tag not in _PLAIN_TAGS:
            raise InputError(f"the YAML tag {tag!r} is not read", source=source, line=line,
                             fix="write the value as plain text or a number, without a tag "
                             "(!!binary, !!python/… and custom tags are refused)")
        if (is_key and isinstance(event, yaml.ScalarEvent) and event.value == "<<"
                and not event.style):
            raise InputError("YAML merge keys (<<) are not read", source=source, line=line,
                             fix="write the merged keys out in full in this mapping")
        nodes += 1
        if nodes > MAX_NODES:
            raise InputError(f"the document holds more than {MAX_NODES:,} values",
                             source=source, line=line,
                             fix="a scenario or a catalogue holds a few hundred values; "
                             "tables of figures belong in a CSV file")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(f"nested more than {MAX_DEPTH} levels deep", source=source,
                                 line=line,
                                 fix="scenario and data files nest a few levels (themes → "
                                 "energy → max); look for unclosed or repeated brackets here")
            open_collections.append(True if isinstance(event, yaml.MappingStartEvent) else None)


def _build(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], *,
           loader: yaml.SafeLoader, source: str,
           key_name: Callable[[KeyPath, Any], str]) -> Any:
    """``node`` as plain Python data; fills ``lines`` and refuses duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        data: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError("a key is a list or a mapping", source=source, line=line,
                                 fix="write each key as a plain word, e.g. `name:`")
            key = key_name(path, _scalar(key_node, loader=loader, source=source))
            if key in seen:
                raise InputError(
                    f"key `{key}` appears twice (first on line {seen[key]})",
                    source=source,
                    key=format_path((*path, key)),
                    line=line,
                    fix="keep one of the two; YAML would silently keep only the last",
                )
            seen[key] = line
            lines[(*path, key)] = line
            data[key] = _build(value_node, (*path, key), lines, loader=loader, source=source,
                               key_name=key_name)
        return data
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            items.append(_build(item, (*path, index), lines, loader=loader, source=source,
                                key_name=key_name))
        return items
    return _scalar(node, loader=loader, source=source)


def _scalar(node: yaml.Node, *, loader: yaml.SafeLoader, source: str) -> Any:
    """A scalar node's value (int, float, bool, None, text, date); InputError if unreadable."""
    try:
        return loader.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError, TypeError) as error:
        shown = str(node.value)
        shown = shown if len(shown) <= 40 else shown[:37] + "…"
        raise InputError(f"cannot read the value {shown!r} ({error})", source=source,
                         line=node.start_mark.line + 1,
                         fix="quote it to keep it as text, or write a plain number") from None


def line_of(path: KeyPath, lines: Mapping[KeyPath, int]) -> int | None:
    """The line of ``path`` or of its nearest enclosing key the parser saw."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def format_path(path: KeyPath) -> str:
    """``("lock_in", 0, "region")`` as ``lock_in[0].region``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
