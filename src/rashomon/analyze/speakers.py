"""Who can speak in a report, and what each speaker is called (issue 17).

:class:`SourceTracker` turns the noun phrase of a reporting verb's subject (or of "according to X")
into a :class:`Source`, and resolves references back to sources named earlier in the same report:
pronouns ("he", "it") to the nearest compatible source; definite descriptions ("the ministry", "the
administration's head", "the Russian ministry") to the earlier source whose words they repeat; a
new description ("the refugee agency" after "the health ministry") is a new source.

A source is an organisation, a person, a role ("a security official", "witnesses"), a publication or
a document (:meth:`SourceTracker.can_speak`); "information", "evidence" or a weekday are not. Vague
sources ("reports", "local media") can speak but credit no one. All words come from the
``attribution`` section of ``rashomon/data/figures.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..zones import ZoneIndex, doc_zones
from .lexicon import FigureLexicon, lexicon, word_set
from .syntax import Unit, entity_of, np_bounds

_ROLE_PREPS = frozenset({"of", "for", "at"})
_NOT_SPEAKER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass
class Source:
    """A source named in one report: its name, kind (PERSON or ORG), the words that can refer back to
    it, and the tokens of the mention that named it (``start``..``end``)."""

    name: str
    kind: str  # PERSON | ORG
    words: set[str] = field(default_factory=set)
    start: int = -1
    end: int = -1


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


class SourceTracker:
    """The sources a document has named so far (every mention, in order of registration)."""

    def __init__(self, doc: Doc, lex: FigureLexicon | None = None, zones: ZoneIndex | None = None) -> None:
        self.doc = doc
        self.lex = lex or lexicon()
        self.zones = zones or doc_zones(doc)
        self.sources: list[Source] = []
        self.ents = list(doc.ents)  # read once: ``Doc.ents`` rebuilds its spans on every access

    def add(self, src: Source) -> None:
        self.sources.append(src)

    # -- who can speak ---------------------------------------------------------------------------
    def can_speak(self, tok: Token, verb: Token | None = None) -> bool:
        """True for a noun that can be a source: a pronoun, a name, an organisation, a role, a
        publication or a document ("information", "evidence", "Friday" cannot). The subject of a
        speech verb ("said", "announced") may be any other noun too, that of an evidential verb
        ("confirms", "shows") only one of these."""
        lex = self.lex
        low, lem = tok.lower_, _lemma(tok)
        if tok.pos_ == "PRON" or low in lex.pronouns:
            return True
        if tok.ent_type_ in _NOT_SPEAKER_ENTS:
            return False
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return True
        speakers = lex.referring_nouns | lex.referring_person_nouns | word_set("attribution", "speaker_nouns")
        if low in speakers or lem in speakers:
            return True
        if lem in lex.data_nouns or low in lex.data_nouns or lem in lex.vague_heads or low in lex.vague_heads:
            return True  # "the ministry's figures", "reports": a source or a vague one, decided later
        if any(c.dep_ == "compound" and (c.pos_ == "PROPN" or _lemma(c) in speakers) for c in tok.children):
            return True
        if lem in word_set("attribution", "non_speaker_nouns") or tok.pos_ not in ("NOUN",):
            return False
        # "the civil defence said": a speech verb's subject speaks unless it is a thing
        return verb is not None and _lemma(verb) not in word_set("attribution", "evidential_verbs")

    # -- building a source from a noun phrase ------------------------------------------------------
    def from_token(self, tok: Token, unit: Unit, register: bool = True) -> Source | None:
        """The source a subject / "according to" object names; None for vague or unresolvable ones."""
        lex = self.lex
        low, lem = tok.lower_, _lemma(tok)
        if tok.pos_ == "PRON" or low in lex.pronouns:
            if low in ("we", "us", "i", "me"):
                return None  # the outlet speaking for itself, or a quoted speaker (see attribution.py)
            want = lex.pronouns.get(low, "ANY")
            return self._latest(kind=None if want == "ANY" else want, before=tok.i)
        if lem in lex.data_nouns or low in lex.data_nouns:
            # "figures compiled by X", "data from X", "X's figures", "a report by X", "an investigation by X"
            owner = self.data_owner(tok)
            if owner is not None:
                return self.from_token(owner, unit, register)
            if lem in lex.vague_heads or low in lex.vague_heads:
                return None
        if lem in lex.vague_heads or low in lex.vague_heads or lem in lex.non_agent_heads:
            return None  # "reports", "local media", "the attack"
        if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children):
            return None  # "our correspondents": the outlet's own reporting
        lo, hi = self._past_dateline(*np_bounds(tok, unit, keep_preps=_ROLE_PREPS))
        mods = [t for t in self.doc[lo:hi] if t.i != tok.i and t.lower_ not in lex.strip_leading and not t.is_punct]
        if lem in ("source", "sources") and all(
            m.lower_ in lex.vague_source_modifiers or _lemma(m) in lex.vague_source_modifiers for m in mods
        ):
            return None
        ref = self._refers_back(tok, lo, hi, mods)
        if ref is not None:
            if register:
                self.add(Source(ref.name, ref.kind, set(ref.words), tok.i, tok.i + 1))
            return ref
        src = self._named(tok, unit, lo, hi)
        if register:
            self.add(src)
        return src

    def _refers_back(self, tok: Token, lo: int, hi: int, mods: list[Token]) -> Source | None:
        """An earlier source this noun phrase refers back to: a definite description that repeats its
        words, a generic one ("the organisation"), an acronym or short name used before in full."""
        lex, doc = self.lex, self.doc
        lem, low = _lemma(tok), tok.lower_
        first = doc[lo].lower_
        definite = first in _DEFINITE or any(c.dep_ == "poss" for c in tok.children)
        if definite or (not mods and tok.pos_ == "NOUN" and tok.tag_ in ("NNS",)):
            # "the Russian ministry", "the administration's head", "officials" after "Ukrainian officials"
            ref = self._described(tok, lo, hi)
            if ref is not None:
                return ref
        has_proper = any(t.pos_ == "PROPN" or (t.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")
                                               and t.text[:1].isupper()) for t in doc[lo:hi])
        if not has_proper and first in ("the", "this", "that"):
            if lem in lex.referring_nouns or low in lex.referring_nouns:
                ref = self._resolve_ref(lem, before=tok.i, kind="ORG", bare=not mods)
                if ref is not None:
                    return ref
            if (lem in lex.referring_person_nouns or low in lex.referring_person_nouns) and not mods:
                ref = self._resolve_ref(lem, before=tok.i, kind="PERSON", bare=True)
                if ref is not None:
                    return ref
        if tok.pos_ == "PROPN" and hi - lo <= 2:
            return self._resolve_alias(tok.text, before=tok.i)
        return None

    def outside_dateline(self, tok: Token) -> Token | None:
        """``tok``, or when the parse took a dateline's place for the subject ("KHARTOUM, Sudan (AP) —
        Organizers ... say"), the noun after the dateline in apposition to it; None if there is none."""
        end = self.zones.opening_end(tok.idx)
        if end is None:
            return tok
        return next((c for c in tok.children if c.dep_ == "appos" and c.idx >= end), None)

    def _past_dateline(self, lo: int, hi: int) -> tuple[int, int]:
        """Noun-phrase bounds without the dateline the parse ran into them ("Varnek – Local officials")."""
        doc = self.doc
        while lo < hi - 1 and (self.zones.opening_end(doc[lo].idx) is not None or doc[lo].is_punct):
            lo += 1
        return lo, hi

    def _content_words(self, lo: int, hi: int) -> set[str]:
        out = set()
        for t in self.doc[lo:hi]:
            if t.is_punct or t.lower_ in self.lex.strip_leading or t.tag_ == "POS" or t.pos_ in ("DET", "ADP"):
                continue
            out.add(_lemma(t))
        return out

    def _described(self, tok: Token, lo: int, hi: int) -> Source | None:
        """The latest earlier source whose words hold every content word of this description."""
        words = self._content_words(lo, hi)
        if not words:
            return None
        for s in reversed(self.sources):
            if s.start < tok.i and s.start < lo and _lemma(tok) in s.words and words <= s.words:
                return s
        return None

    def _named(self, tok: Token, unit: Unit, lo: int, hi: int) -> Source:
        """A new source named by the noun phrase ``lo``..``hi`` headed by ``tok``."""
        lex, doc = self.lex, self.doc
        ent = entity_of(tok)
        if (
            ent is not None
            and ent.label_ in ("ORG", "PERSON", "NORP", "GPE", "FAC")
            and len(ent) > 1
            and ent.start >= lo - 3
        ):
            s, e = ent.start, ent.end
            while s < e and doc[s].lower_ in lex.strip_leading:
                s += 1
            kind = "PERSON" if ent.label_ == "PERSON" else "ORG"
        elif (named := _person_apposition(tok)) is not None:
            s, e, kind = named.start, named.end, "PERSON"  # "the mayor, Ilse Varga,": the person's name
        else:
            s, e = lo, hi
            while s < e - 1 and (doc[s].lower_ in lex.strip_leading or doc[s].is_punct):
                s += 1
            while e - 1 > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct):
                e -= 1  # "the interior ministry's (statement)"
            person = tok.ent_type_ == "PERSON" or _lemma(tok) in lex.referring_person_nouns or (
                tok.pos_ == "PROPN" and any(t.dep_ == "compound" and _lemma(t) in lex.referring_person_nouns
                                            for t in doc[lo:tok.i]))  # "Governor Ilse Varn": a title names a person
            kind = "PERSON" if person or _lemma(tok) in lex.category_nouns else "ORG"
        src = Source(name=doc[s:e].text, kind=kind, start=s, end=e)
        src.words |= {w.lower() for w in src.name.replace("-", " ").split() if len(w) > 2}
        src.words |= self._content_words(lo, hi) | {_lemma(tok)}
        # "X (ABC)", "X, a war monitor": aliases and descriptions that can refer back to X later
        for t in doc[lo : min(hi + 4, len(doc))]:
            if t.dep_ == "appos" and lo <= t.head.i < hi:
                src.words |= {t.lower_, _lemma(t)} | self._content_words(*np_bounds(t, unit, keep_preps=_ROLE_PREPS))
        for t in doc[hi : min(hi + 3, len(doc))]:
            if t.text.isupper() and len(t.text) >= 2 and t.pos_ == "PROPN":
                src.words.add(t.lower_)
        return src

    def data_owner(self, tok: Token) -> Token | None:
        """Who a data or document noun belongs to: "X's figures", "UN estimates", "a report by X"."""
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                return c
            if c.dep_ == "compound" and c.pos_ == "PROPN":
                return c  # "UN estimates", "ministry figures" (proper names only)
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                for o in c.children:
                    if o.dep_ == "pobj" and o.ent_type_ not in _NOT_SPEAKER_ENTS:
                        return o
            if c.dep_ in ("acl", "relcl"):
                for a in c.children:
                    if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ == "by"):
                        for o in a.children:
                            if o.dep_ == "pobj":
                                return o
        return None

    def _latest(self, kind: str | None, before: int) -> Source | None:
        for s in reversed(self.sources):
            if s.start < before and (kind is None or s.kind == kind):
                return s
        return None

    def _resolve_ref(self, head: str, before: int, kind: str, bare: bool) -> Source | None:
        for s in reversed(self.sources):
            if s.start < before and head in s.words:
                return s
        # a named entity mentioned earlier whose name holds the word ("the ministry" -> "Interior Ministry")
        for ent in reversed(self.ents):
            if ent.end <= before and ent.label_ in ("ORG", "PERSON") and head in ent.text.lower().split():
                return _entity_source(ent)
        kinds = self.lex.raw["attribution"].get("descriptive_referring", {})
        if head in kinds and bare:
            # "the agency" after "the Joint Relief Coordination Office"; not "the monitor" after a ministry
            compatible = frozenset(kinds[head])
            return next((s for s in reversed(self.sources) if s.start < before and s.words & compatible), None)
        if head in self.lex.generic_referring and bare:
            found = self._latest(kind=kind, before=before)  # "the organisation", "the group"
            if found is None and kind == "ORG":
                # no source credited yet: the organisation the text last named ("The X Monitor calls on ...")
                for ent in reversed(self.ents):
                    if ent.end <= before and ent.label_ == "ORG" and len(ent) > 1:
                        return _entity_source(ent)
            return found
        return None

    def _resolve_alias(self, text: str, before: int) -> Source | None:
        low = text.lower()
        for s in reversed(self.sources):
            if s.start < before and low in s.words and low != s.name.lower():
                return s
        if not (text.isupper() and len(text) >= 2):
            return None
        # initials of an earlier source: "CRM" for "Coastal Rights Monitor"
        for s in reversed(self.sources):
            if s.start < before and _initials(s.name) == low:
                return s
        return self._bracketed_acronym(text, before) or self._entity_acronym(low, before)

    def _bracketed_acronym(self, text: str, before: int) -> Source | None:
        """ "The Coastal Rights Monitor (CRM)": the acronym in brackets after a name."""
        doc = self.doc
        for k in range(before - 1, 0, -1):
            t = doc[k]
            if t.text == text and doc[k - 1].text == "(" and t.head.i < k and t.head.pos_ == "PROPN":
                lo, hi = np_bounds(t.head, keep_preps=frozenset({"of", "for"}))
                while lo < hi and doc[lo].lower_ in self.lex.strip_leading:
                    lo += 1
                name = doc[lo : min(hi, k - 1)].text
                if name:
                    words = {w.lower() for w in name.split()} | {text.lower()}
                    return Source(name=name, kind="ORG", start=lo, end=k - 1, words=words)
        return None

    def _entity_acronym(self, low: str, before: int) -> Source | None:
        """An organisation named earlier in full whose initials are the acronym."""
        doc = self.doc
        for ent in reversed(self.ents):
            if ent.end > before or ent.label_ in _NOT_SPEAKER_ENTS:
                continue
            nxt = doc[ent.end : ent.end + 3].text.replace(" ", "")
            if (_initials(ent.text) == low or nxt.lower().startswith("(" + low + ")")) and ent.text.lower() != low:
                src = _entity_source(ent)
                src.words.add(low)
                return src
        return None


def _person_apposition(tok: Token):
    """The name in apposition to a role noun: "the mayor, Ilse Varga," -> "Ilse Varga"."""
    if tok.pos_ != "NOUN":
        return None
    for c in tok.children:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i > tok.i:
            ent = entity_of(c)
            if ent is not None:
                return ent
    return None


def _entity_source(ent) -> Source:
    name = ent.text.removeprefix("the ").removeprefix("The ")
    kind = "PERSON" if ent.label_ == "PERSON" else "ORG"
    return Source(name=name, kind=kind, start=ent.start, end=ent.end, words={w.lower() for w in name.split()})


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper()).lower()
