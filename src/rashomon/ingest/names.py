"""Untrusted strings made safe to keep and to show: file names that are not UTF-8, lone surrogates
in JSON strings, and control characters on a terminal.

A file name the operating system gives as bytes that are not UTF-8 comes to Python with lone
surrogates (PEP 383); so does a JSON string holding ``\\udfff``. Neither can be stored or printed.
:func:`display_name` shows such bytes as ``\\xe9`` escapes, :func:`without_surrogates` replaces
lone surrogates by U+FFFD and says how many, and :func:`one_line` escapes the control characters
(ESC, newline, …) of anything printed on a terminal so it cannot clear the screen or split a line.

>>> display_name("caf\\udce9.txt"), one_line("a\\x1b[2Jb\\nc")
('caf\\\\xe9.txt', 'a\\\\x1b[2Jb\\\\nc')
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls, DEL, and the line and paragraph separators a terminal or log would break on
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def display_name(name: str) -> str:
    """A path as text that can be stored and shown: undecodable bytes as ``\\xNN`` escapes."""
    if not _SURROGATE.search(name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") \
        if _only_escaped_bytes(name) else without_surrogates(name)[0]


def _only_escaped_bytes(name: str) -> bool:
    # surrogateescape only makes U+DC80..U+DCFF; other surrogates came from elsewhere
    return all("\udc80" <= ch <= "\udcff" for ch in _SURROGATE.findall(name))


def without_surrogates(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD, and how many were replaced."""
    count = len(_SURROGATE.findall(text))
    return (_SURROGATE.sub("\ufffd", text), count) if count else (text, 0)


def one_line(text: str) -> str:
    """``text`` with control characters shown escaped, so it prints as one harmless line."""
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(0), f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 256
                                             else f"\\u{ord(m.group(0)):04x}"), without_surrogates(text)[0])
