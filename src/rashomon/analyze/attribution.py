"""Who a report credits for a statement: "according to X", "X said/reported/estimates (that) ...",
"..., X said", "as reported by X", "X, citing Y", and references back to an earlier source ("the
organisation", "the monitor", "it", "he").

Sources are found from the parse (subjects of reporting verbs, objects of "according to"), never
from a list of organisations. Vague sources ("reports", "local media") credit no one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .lexicon import FigureLexicon, lexicon
from .syntax import Unit, ancestors_in, dep_in, entity_of, np_bounds, subjects

_KEEP_PREPS = frozenset({"of", "for", "at", "in"})
_ROLE_PREPS = frozenset({"of", "for", "at"})


@dataclass
class Source:
    name: str
    kind: str  # PERSON | ORG
    words: set[str] = field(default_factory=set)  # lower-case words and aliases that can refer back to it
    start: int = -1  # token index of its mention


class SourceTracker:
    """The sources a document has named so far, most recent last."""

    def __init__(self, doc: Doc, lex: FigureLexicon | None = None) -> None:
        self.doc = doc
        self.lex = lex or lexicon()
        self.sources: list[Source] = []
        self.ents = list(doc.ents)  # read once: ``Doc.ents`` rebuilds its spans on every access

    # -- building a source from a noun phrase --------------------------------------------------
    def add(self, src: Source) -> None:
        self.sources = [s for s in self.sources if s.name != src.name]
        self.sources.append(src)

    def from_token(self, tok: Token, unit: Unit, register: bool = True) -> Source | None:
        """The source a subject / "according to" object names; None for vague or unresolvable ones."""
        lex = self.lex
        doc = self.doc
        low = tok.lower_
        if tok.pos_ == "PRON" or low in lex.pronouns:
            if low in ("we", "us", "i", "me"):
                return None  # the outlet speaking for itself, or a quoted speaker (see sources_for)
            want = lex.pronouns.get(low, "ANY")
            return self._latest(kind=None if want == "ANY" else want, before=tok.i)
        if tok.lemma_.lower() in lex.data_nouns or low in lex.data_nouns:
            # "figures compiled by X", "data from X", "X's figures", "a report by X"
            owner = self._data_owner(tok, unit)
            return self.from_token(owner, unit, register) if owner is not None else None
        if tok.lemma_.lower() in lex.vague_heads or low in lex.vague_heads or tok.lemma_.lower() in lex.non_agent_heads:
            return None  # "reports", "local media", "the attack"
        if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children):
            return None  # "our correspondents": the outlet's own reporting
        lo, hi = np_bounds(tok, unit, keep_preps=_ROLE_PREPS)
        words = [t for t in doc[lo:hi]]
        mods = [t for t in words if t.i != tok.i and t.lower_ not in lex.strip_leading and not t.is_punct]
        if tok.lemma_.lower() in ("source", "sources") and all(
            m.lower_ in lex.vague_source_modifiers or m.lemma_.lower() in lex.vague_source_modifiers for m in mods
        ):
            return None
        has_proper = any(
            t.pos_ == "PROPN" or (t.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") and t.text[:1].isupper())
            for t in words
        )
        head_lemma = tok.lemma_.lower()
        first = doc[lo].lower_
        # a reference back: "the organisation", "the monitor", "the group", "the ministry"
        if (
            not has_proper
            and first in ("the", "this", "that")
            and (head_lemma in lex.referring_nouns or low in lex.referring_nouns)
        ):
            ref = self._resolve_ref(head_lemma, before=tok.i, kind="ORG")
            if ref is not None:
                if register:
                    self.add(ref)
                return ref
        if (
            not has_proper
            and first in ("the", "this", "that")
            and (head_lemma in lex.referring_person_nouns or low in lex.referring_person_nouns)
            and len(mods) == 0
        ):
            ref = self._resolve_ref(head_lemma, before=tok.i, kind="PERSON")
            if ref is not None:
                if register:
                    self.add(ref)
                return ref
        # an acronym or a short name used before in full
        if tok.pos_ == "PROPN" and hi - lo <= 2:
            ref = self._resolve_alias(tok.text, before=tok.i)
            if ref is not None:
                if register:
                    self.add(ref)
                return ref
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
            name = doc[s:e].text
            kind = "PERSON" if ent.label_ == "PERSON" else "ORG"
        else:
            s, e = lo, hi
            while s < e - 1 and (doc[s].lower_ in lex.strip_leading or doc[s].is_punct):
                s += 1
            name = doc[s:e].text
            kind = (
                "PERSON"
                if (
                    tok.ent_type_ == "PERSON"
                    or head_lemma in lex.referring_person_nouns
                    or head_lemma in lex.category_nouns
                )
                else "ORG"
            )
        src = Source(name=name, kind=kind, start=tok.i)
        src.words |= {w.lower() for w in name.replace("-", " ").split() if len(w) > 2}
        src.words.add(head_lemma)
        # "X (ABC)", "X, a war monitor": aliases and descriptions that can refer back to X later
        for t in doc[lo : hi + 4] if hi + 4 <= len(doc) else doc[lo:]:
            if t.dep_ == "appos" and t.head.i in range(lo, hi):
                src.words.add(t.lower_)
                src.words.add(t.lemma_.lower())
        for c in tok.children:
            if c.dep_ == "appos":
                src.words.add(c.lemma_.lower())
                src.words.add(c.lower_)
        for t in doc[hi : min(hi + 3, len(doc))]:
            if t.text.isupper() and len(t.text) >= 2 and t.pos_ == "PROPN":
                src.words.add(t.lower_)
        if register:
            self.add(src)
        return src

    def _data_owner(self, tok: Token, unit: Unit) -> Token | None:
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                return c
            if c.dep_ == "compound" and c.pos_ == "PROPN":
                return c  # "UN estimates", "ministry figures" (proper names only)
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                for o in c.children:
                    if o.dep_ == "pobj":
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

    def _resolve_ref(self, head: str, before: int, kind: str) -> Source | None:
        for s in reversed(self.sources):
            if s.start < before and head in s.words:
                return s
        # a named entity mentioned earlier whose name holds the word ("the ministry" -> "Interior Ministry")
        for ent in reversed(self.ents):
            if ent.end <= before and ent.label_ in ("ORG", "PERSON") and head in ent.text.lower().split():
                return Source(
                    name=ent.text.removeprefix("the ").removeprefix("The "),
                    kind="PERSON" if ent.label_ == "PERSON" else "ORG",
                    start=ent.start,
                    words={w.lower() for w in ent.text.split()},
                )
        if head in self.lex.generic_referring:
            found = self._latest(kind=kind, before=before)  # "the organisation", "the group"
            if found is None and kind == "ORG":
                # no source credited yet: the organisation the text last named ("The X Monitor calls on ...")
                for ent in reversed(self.ents):
                    if ent.end <= before and ent.label_ == "ORG" and len(ent) > 1:
                        name = ent.text.removeprefix("the ").removeprefix("The ")
                        return Source(name=name, kind="ORG", start=ent.start, words={w.lower() for w in name.split()})
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
        doc = self.doc
        # "The Coastal Rights Monitor (CRM)": the acronym in brackets after a name
        for k in range(before - 1, 0, -1):
            t = doc[k]
            if t.text == text and doc[k - 1].text == "(" and t.head.i < k and t.head.pos_ == "PROPN":
                lo, hi = np_bounds(t.head, keep_preps=frozenset({"of", "for"}))
                while lo < hi and doc[lo].lower_ in self.lex.strip_leading:
                    lo += 1
                name = doc[lo : min(hi, k - 1)].text
                if name:
                    return Source(name=name, kind="ORG", start=lo, words={w.lower() for w in name.split()} | {low})
        # an organisation named earlier in full whose initials are the acronym
        for ent in reversed(self.ents):
            if ent.end > before or ent.label_ in (
                "DATE",
                "TIME",
                "CARDINAL",
                "ORDINAL",
                "MONEY",
                "PERCENT",
                "QUANTITY",
            ):
                continue
            nxt = doc[ent.end : ent.end + 3].text.replace(" ", "")
            if _initials(ent.text) == low or nxt.lower().startswith("(" + low + ")"):
                if ent.text.lower() == low:
                    continue
                name = ent.text
                for lead in ("the ", "The "):
                    name = name.removeprefix(lead)
                src = Source(name=name, kind="ORG", start=ent.start, words={w.lower() for w in name.split()} | {low})
                return src
        return None


def _came_from_attr(tok: Token, unit: Unit) -> bool:
    return dep_in(tok, unit) in ("attr", "acomp")


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper()).lower()


class Attributor:
    """Finds the sources credited for a token's clause, document by document (keeps the tracker)."""

    def __init__(self, doc: Doc, lex: FigureLexicon | None = None) -> None:
        self.doc = doc
        self.lex = lex or lexicon()
        self.tracker = SourceTracker(doc, self.lex)
        self._seen_units: set[int] = set()

    def register_unit(self, unit: Unit) -> None:
        """Record the sources a sentence names (so later references to them resolve)."""
        if unit.start in self._seen_units:
            return
        self._seen_units.add(unit.start)
        lex = self.lex
        for t in unit.tokens():
            if t.lower_ == "according":
                for to in t.children:
                    if to.lower_ == "to":
                        for p in to.children:
                            if p.dep_ == "pobj":
                                self.tracker.from_token(p, unit)
            elif t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.attribution_verbs:
                if t.lemma_.lower() in lex.clausal_verbs and not any(c.dep_ == "ccomp" for c in t.children):
                    continue
                for c in subjects(t, unit, ("nsubj",)):
                    if c.pos_ != "PRON":
                        self.tracker.from_token(c, unit)
                for c in t.children:
                    if c.dep_ == "agent":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                self.tracker.from_token(p, unit)

    def _subject_source(self, verb: Token, unit: Unit) -> tuple[bool, Source | None]:
        """(has a subject, its source) for a reporting verb."""
        for c in subjects(verb, unit, ("nsubj",)):
            if c.lower_ in ("which", "who", "that") and verb.dep_ == "relcl" and verb.head in unit:
                c = verb.head  # "the ministry, which maintains that ...": the noun the clause describes
            return True, self.tracker.from_token(c, unit, register=False)
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return True, self.tracker.from_token(p, unit, register=False)
        # "was forced to admit that ...": the subject of the governing verb
        if verb.dep_ == "xcomp" and verb.head in unit:
            for c in verb.head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return True, self.tracker.from_token(c, unit, register=False)
        # "..., killing 13, and X said" conjoined verbs share the subject
        if verb.dep_ == "conj" and verb.head in unit:
            for c in verb.head.children:
                if c.dep_ == "nsubj":
                    return True, self.tracker.from_token(c, unit, register=False)
        return False, None

    def _according(self, tok: Token, unit: Unit) -> tuple[bool, Source | None, Token | None]:
        for c in tok.children:
            if c.lower_ == "according":
                for to in c.children:
                    if to.lower_ == "to":
                        for p in to.children:
                            if p.dep_ == "pobj":
                                return True, self.tracker.from_token(p, unit, register=False), p
        return False, None, None

    def _cited(self, tok: Token, unit: Unit) -> list[str]:
        """'..., citing Y' / 'quoting Y' attached to the reporting verb or the source."""
        out = []
        for c in tok.children:
            if c.lemma_.lower() in self.lex.citing_verbs and c.dep_ in (
                "advcl",
                "acl",
                "xcomp",
                "prep",
                "conj",
                "pcomp",
            ):
                for o in c.children:
                    if o.dep_ in ("dobj", "pobj"):
                        s = self.tracker.from_token(o, unit, register=False)
                        if s is not None:
                            out.append(s.name)
        return out

    def sources_for(self, anchor: Token, unit: Unit, skip_verbs: frozenset[int] = frozenset()) -> list[str]:
        """The chain of sources credited for the clause holding ``anchor`` ([] on the outlet's own authority).

        ``skip_verbs``: token indices of verbs that state the event itself (e.g. "claimed 30 lives")."""
        self.register_unit(unit)
        path = [anchor, *ancestors_in(anchor, unit)]
        on_path = {t.i for t in path}
        pronoun_hit: Source | None = None
        for k, node in enumerate(path):
            found, src, obj = self._according(node, unit)
            if found:
                if src is None:
                    return []
                return [src.name, *self._cited(obj, unit), *self._cited(node, unit)]
            # "..., X said" / "as reported by X" attached as a dependent clause
            for c in node.children:
                if c.i in on_path or c.dep_ not in ("parataxis", "advcl", "conj", "ccomp"):
                    continue
                if c.lemma_.lower() in self.lex.attribution_verbs and c.i not in skip_verbs and c.i > anchor.i:
                    if c.dep_ in ("conj", "ccomp") and any(g.dep_ in ("ccomp", "dobj") for g in c.children):
                        continue
                    has, src = self._subject_source(c, unit)
                    if has:
                        return [] if src is None else [src.name, *self._cited(c, unit)]
            if k == 0 or node.i in skip_verbs:
                continue
            owner_noun = node
            if node.pos_ in ("VERB", "AUX") and _came_from_attr(path[k - 1], unit):
                # "the union's previous count had been 14"
                owner_noun = next((c for c in node.children if c.dep_ == "nsubj"), node)
            if owner_noun.pos_ in ("NOUN", "PROPN") and (
                owner_noun.lemma_.lower() in self.lex.data_nouns
                or owner_noun.lemma_.lower() in self.lex.raw["attribution"].get("claim_nouns", [])
            ):
                # "the ministry's count of 41 dead", "the group's claim that 60 civilians were killed"
                owner = next((c for c in owner_noun.children if c.dep_ == "poss"), None)
                if owner is not None:
                    src = self.tracker.from_token(owner, unit, register=False)
                    if src is not None:
                        return [src.name]
            if node.lemma_.lower() in self.lex.attribution_verbs and node.pos_ in ("VERB", "AUX"):
                came = path[k - 1]
                came_dep = dep_in(came, unit)
                if came_dep in ("nsubj", "nsubjpass", "csubj"):
                    continue
                if node.lemma_.lower() in self.lex.clausal_verbs and came_dep not in ("ccomp", "parataxis"):
                    continue  # "rescuers found 20 bodies" reports nothing; "investigators found that ..." does
                if came_dep in ("advcl", "acl", "relcl") and came.i < node.i:
                    continue  # "Talking to X, Y said ..." is not what Y says
                has, src = self._subject_source(node, unit)
                if not has:
                    continue
                if src is None:
                    if self._first_person_subject(node) and any(
                        a.lemma_.lower() in self.lex.attribution_verbs for a in ancestors_in(node, unit)
                    ):
                        continue  # '"We counted 17 bodies," said X': the quoted speaker is the source
                    return []
                if self._is_pronoun_subject(node):
                    pronoun_hit = pronoun_hit or src
                    continue
                cited = [c for t in path[: k + 1] for c in self._cited(t, unit)]
                return [src.name, *dict.fromkeys(c for c in cited if c != src.name)]
        if pronoun_hit is not None:
            return [pronoun_hit.name]
        # "according to X" elsewhere in the sentence (attached to another clause)
        for t in unit.tokens():
            if t.lower_ == "according" and t.head.i not in on_path:
                found, src, obj = self._according(t.head, unit)
                if found:
                    return [] if src is None else [src.name, *self._cited(obj, unit)]
        return []

    @staticmethod
    def _first_person_subject(verb: Token) -> bool:
        return any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in verb.children)

    @staticmethod
    def _is_pronoun_subject(verb: Token) -> bool:
        return any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children)
