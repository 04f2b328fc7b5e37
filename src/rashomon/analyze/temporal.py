"""The time window a figure covers: the time expression inside its clause, resolved against the
report's publication date.

Finding and resolving time expressions is :mod:`rashomon.dates` (one home for dates, shared with the
timeline and the readers); this module only picks, for a figure, the expression of its own clause
(not the reporting clause's "said on Monday") nearest to the figure.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..dates import _PATTERNS, MONTHS, WEEKDAYS, find_time_expressions, last_weekday, resolve
from .syntax import Unit, doc_text

__all__ = ["MONTHS", "WEEKDAYS", "_PATTERNS", "candidates", "last_weekday", "resolve", "time_for"]

# words that may open a time expression without being its core ("on Thursday", "since last week")
_LEADING = frozenset({"on", "since", "from", "in", "over", "during", "between", "until", "within", "for", "the",
                      "last", "next", "this", "coming", "early", "late", "earlier", "later", "so", "far", "of",
                      "throughout", "at"})


def candidates(unit: Unit, published: str | None) -> list[tuple[int, int, str, str, str]]:
    """The time expressions of a unit that resolve: ``(first token, end token, text, start, end)``,
    start/end ISO dates, in text order."""
    doc = unit.doc
    base = unit.start_char
    out = []
    for t in find_time_expressions(doc_text(doc)[base : unit.end_char], published):
        span = doc.char_span(base + t.start, base + t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        out.append((span.start, span.end, t.text, t.first.isoformat(), t.last.isoformat()))
    return out


def _hangs_from(t: Token, head: Token) -> bool:
    """True when ``t`` depends on ``head`` directly or through one preposition ("on Thursday")."""
    cur = t
    for _ in range(3):
        if cur.head.i == cur.i:
            return False
        if cur.head.i == head.i:
            return True
        if cur.head.pos_ not in ("ADP", "PROPN", "NOUN") and cur.head.dep_ not in ("prep", "compound", "npadvmod"):
            return False
        cur = cur.head
    return False


def time_for(
    anchor_tokens: set[int],
    clause_head: Token | None,
    unit: Unit,
    published: str | None,
    exclude: set[int] | None = None,
    direct_only: bool = False,
) -> dict | None:
    """The time window for a figure: a time expression inside its clause (the subtree of
    ``clause_head``), nearest to the figure's tokens, as ``{"text", "start", "end"}`` (ISO dates);
    else None. Expressions inside ``exclude`` (the reporting clause) are ignored."""
    if clause_head is None:
        return None
    doc = unit.doc
    exclude = exclude or set()
    lo = clause_head.left_edge.i
    hi = clause_head.right_edge.i
    best = None
    for s, e, text, first, last in candidates(unit, published):
        core = [k for k in range(s, e) if doc[k].lower_ not in _LEADING] or list(range(s, e))
        if not (lo <= core[0] <= hi):
            continue
        if any(k in exclude for k in core) or any(k in anchor_tokens for k in core):
            continue
        if direct_only and not _hangs_from(doc[core[0]], clause_head):
            continue
        dist = min(abs(core[0] - a) for a in anchor_tokens) if anchor_tokens else 0
        if best is None or dist < best[0]:
            best = (dist, text, first, last)
    if best is None:
        return None
    _, text, first, last = best
    return {"text": text, "start": first, "end": last}
