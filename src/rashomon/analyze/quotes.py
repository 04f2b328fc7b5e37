"""Quotations and paragraphs in a report's text (issue 17), found from the characters alone.

A quotation runs from an opening mark (“, «, or a straight " that opens) to its closing mark, or to
the end of its paragraph when news style leaves it open because the quote goes on in the next one.
Who speaks each quotation is decided in ``attribution.py`` from the parse of the sentences around it.

>>> [(q.start, q.end, q.closed) for q in find_quotes('He said: "We counted 40." Then he left.')]
[(9, 25, True)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_OPEN = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}


@dataclass(frozen=True)
class Quote:
    """A quotation: characters ``start`` (its opening mark) to ``end`` (after its closing mark, or the
    end of its paragraph when ``closed`` is False), in paragraph number ``paragraph``."""

    start: int
    end: int
    paragraph: int
    closed: bool


class Paragraphs:
    """Paragraph numbers of character offsets. A paragraph ends at a blank line; in a text that is not
    hard-wrapped (most lines long and unbroken) every line break ends one too."""

    def __init__(self, text: str) -> None:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        wrapped = len(lines) >= 5 and sum(1 for ln in lines if 50 <= len(ln) <= 100) / len(lines) > 0.6
        pattern = r"\n[ \t\r]*\n\s*" if wrapped else r"\n\s*"
        self.starts = [0] + [m.end() for m in re.finditer(pattern, text)]
        self.text = text

    def of(self, char: int) -> int:
        """The number of the paragraph holding ``char``."""
        return bisect_right(self.starts, char) - 1

    def bounds(self, number: int) -> tuple[int, int]:
        """(start, end) characters of paragraph ``number``, without its trailing white space."""
        start = self.starts[number]
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return start, len(self.text[:end].rstrip())


def find_quotes(text: str) -> list[Quote]:
    """Every quotation of ``text``, in order (see the module docstring)."""
    paragraphs = Paragraphs(text)
    out: list[Quote] = []
    for number in range(len(paragraphs.starts)):
        start, end = paragraphs.bounds(number)
        out.extend(_paragraph_quotes(text, start, end, number))
    return out


def _paragraph_quotes(text: str, start: int, end: int, number: int) -> list[Quote]:
    out: list[Quote] = []
    k = start
    while k < end:
        ch = text[k]
        if ch in _OPEN:
            close = text.find(_OPEN[ch], k + 1, end)
            out.append(Quote(k, close + 1 if close >= 0 else end, number, close >= 0))
            k = close + 1 if close >= 0 else end
        elif ch == '"' and _opens(text, k):
            close = text.find('"', k + 1, end)
            out.append(Quote(k, close + 1 if close >= 0 else end, number, close >= 0))
            k = close + 1 if close >= 0 else end
        else:
            k += 1
    return out


def _opens(text: str, k: int) -> bool:
    """A straight double quote opens when it follows a space, a line start or an opening bracket."""
    return k == 0 or text[k - 1] in " \t\n([{:\u2014\u2013-"


def quote_at(quotes: list[Quote], char: int) -> Quote | None:
    """The quotation holding ``char``, if any (``quotes`` in order)."""
    k = bisect_right([q.start for q in quotes], char) - 1
    if k >= 0 and quotes[k].start <= char < quotes[k].end:
        return quotes[k]
    return None
