"""A mention's draft from its head and extent: the words to quote, where they stand, and the cues every
mention carries (modifiers, nationality, quoted, subject, plural, role hint)."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from .extent import label_bounds
from .parse import QUOTE_CHARS, Draft, Parse, lemma
from .roles import role_hint

#: page zones (see ``rashomon.zones``) whose words are no report's words about a side
_NO_LABELS = frozenset({"caption", "credit", "byline", "embed", "readmore", "timestamp"})
#: heads that are plural whatever their tag
_PLURAL_HEADS = frozenset({"militiamen", "gunmen", "men", "police", "personnel"})


def add(p: Parse, t: Token, idx: set[int], kind: str, **extra: Any) -> Draft | None:
    """Record a mention headed by ``t`` over the tokens ``idx`` (trimmed to a label); None when nothing
    is left to quote, or the words are a dateline ("KORVATH (Reuters) —": where a report was filed)."""
    lo, hi = label_bounds(p, idx, t.i)
    span = p.doc[lo:hi + 1]
    text = span.text.strip(QUOTE_CHARS + " ,")
    if len(text) < 2:
        return None
    start = span.start_char + span.text.find(text)
    end = start + len(text)
    zone = p.doc._.zones.kind_at(start) if p.doc.has_extension("zones") and p.doc._.zones is not None else "body"
    if zone in _NO_LABELS:
        return None  # a caption, a credit or a byline names no side ("AP Photo/...")
    dateline = zone == "dateline" or any(a <= start < b for a, b in p.datelines)
    if kind != "state" and dateline:
        return None
    if dateline:
        extra["coref_only"] = True  # "KORVATH, Orsenia (Wire) —": where it was filed, counted but no label
    lefts = list(p.doc[lo:t.i])
    sent = p.sents[p.sent_of[t.i]]
    m: Draft = {
        "span": [start, end], "text": text, "head": lemma(t) if t.pos_ != "PROPN" else t.text,
        "kind": kind, "anchor": None, "role_hint": role_hint(p, t), "sentence": [sent[0], sent[1]],
        "modifiers": sorted({x.lemma_.lower() for x in lefts if x.pos_ in {"ADJ", "NOUN", "VERB", "PROPN"}}),
        "norp": [x.text for x in lefts if x.ent_type_ in {"NORP", "GPE"} and not x.is_punct]
                + [x.text.split("'")[0] for x in lefts if x.dep_ == "poss" and x.ent_type_ == "GPE"],
        "quoted": any(a <= start and end <= b for a, b in p.quotes),
        "subject": t.dep_ in {"nsubj", "nsubjpass"} or (t.dep_ == "conj" and t.head.dep_ in {"nsubj", "nsubjpass"}),
        "plural": t.tag_ in {"NNS", "NNPS"} or t.lower_ in _PLURAL_HEADS,
        "antecedent": None, "alias_of": None, "same_as": None, "token": t.i, "head_i": t.i,
    }
    m.update(extra)  # type: ignore[typeddict-item]
    p.by_head[t.i] = len(p.mentions)
    p.mentions.append(m)
    return m
