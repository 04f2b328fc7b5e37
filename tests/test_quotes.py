"""Quotations and paragraphs (``rashomon.analyze.quotes``) and the number words of issue 17."""

from __future__ import annotations

import pytest

from rashomon.analyze.numbers import words_value
from rashomon.analyze.quotes import Paragraphs, find_quotes, quote_at


def test_quotes_closed_open_and_straight():
    text = ('He said: "We counted 40." Then he left.\n\n'
            "\u201cThe first part goes on\n\n\u201cand ends here,\u201d she said.")
    quotes = find_quotes(text)
    spans = [(text[q.start : q.end], q.closed) for q in quotes]
    assert spans == [('"We counted 40."', True), ("\u201cThe first part goes on", False),
                     ("\u201cand ends here,\u201d", True)]
    assert [q.paragraph for q in quotes] == [0, 1, 2]
    assert quote_at(quotes, text.index("counted")) is quotes[0]
    assert quote_at(quotes, text.index("Then")) is None


def test_an_apostrophe_and_inch_marks_open_no_quote():
    assert find_quotes("The soldiers' camp was 5\" deep in mud.") == []


def test_paragraphs_by_blank_lines_when_hard_wrapped():
    wrapped = "\n".join(["A line of a hard wrapped report that runs to sixty or so characters."] * 6)
    text = wrapped + "\n\nA new paragraph."
    p = Paragraphs(text)
    assert p.of(0) == p.of(80) == 0 and p.of(text.index("A new")) == 1
    single = "One paragraph.\nAnother paragraph."
    assert Paragraphs(single).of(single.index("Another")) == 1


@pytest.mark.parametrize(
    "parts, value",
    [
        (["one", "point", "two", "million"], 1_200_000),
        (["two", "point", "five", "million"], 2_500_000),
        (["three", "point", "seven", "five", "thousand"], 3750),
        (["816000"], 816_000),
        (["point", "five"], None),  # no whole part
    ],
)
def test_spelled_decimals(parts, value):
    assert words_value(parts) == value
