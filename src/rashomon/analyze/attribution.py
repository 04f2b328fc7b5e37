"""Who a report credits for a statement: the attribution relation (issue 17).

:class:`Attributor` finds, for a token of a sentence, the :class:`Attribution` the report gives it:

* in the clause: "according to X", "in the estimates of X", "X said/reported/estimates (that) ...",
  "..., X said", "as reported by X", "X, citing Y", a participle ("..., alleging that ...") taking
  its governor's subject; an inanimate subject ("Information collected ... confirms") is not a
  source, so the search goes on to the verb above it;
* the channel: the medium or relay the speaker used ("wrote on Telegram", "told AFP", "X said ...,
  the news agency reported");
* in the discourse: a quotation's speaker (a sign-off "," he said", a dash "— governor X", an
  introduction "X said:" or a paragraph ending with a colon, the speaker named in the sentence
  before, a quote continuing the previous paragraph's), and a speaker carried forward to the next
  sentences of the paragraph while no other voice takes over.

Sources are found from the parse and resolved by :mod:`rashomon.analyze.speakers`; vague sources
("reports", "local media") credit no one; only body, headline and standfirst zones are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..zones import doc_zones
from .lexicon import FigureLexicon, lexicon, word_set
from .quotes import Paragraphs, Quote, find_quotes, quote_at
from .speakers import Source, SourceTracker
from .syntax import Unit, ancestors_in, dep_in, doc_text, entity_of, np_bounds, subjects, units

_VAGUE = "vague"  # a source that credits no one ("reports said")
_ASIDE = "aside"  # the outlet's own aside inside a reported sentence ("…, which left scores dead")
_WE = "we"  # the outlet's first person ("we counted")
_MEDIA_ENTS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", ""})  # "on Telegram"; not "on Monday"


@dataclass(frozen=True)
class Attribution:
    """A statement credited to a source: ``speaker`` (its name as the report gives it), ``cue`` (the
    reporting word or layout: "say", "according to", "quote", "carried"), ``span`` (characters of the
    speaker's words, or of the cue when the speaker is only implied), ``channel`` (the medium or relay,
    e.g. "Telegram", "AFP"), ``cited`` (sources the speaker cites) and ``how`` it was found (clause,
    quote, carried)."""

    speaker: str
    cue: str
    span: tuple[int, int]
    channel: str | None = None
    cited: tuple[str, ...] = ()
    how: str = "clause"

    def names(self) -> list[str]:
        """The source chain as the dossier's ``attributed_to``: speaker first, then those it cites."""
        return [self.speaker, *dict.fromkeys(c for c in self.cited if c != self.speaker)]


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


class Attributor:
    """Finds the attribution of a token's clause, document by document (keeps the source tracker)."""

    def __init__(self, doc: Doc, lex: FigureLexicon | None = None) -> None:
        self.doc = doc
        self.lex = lex or lexicon()
        self.zones = doc_zones(doc)
        self.tracker = SourceTracker(doc, self.lex, self.zones)
        self._seen_units: set[int] = set()
        self._units: list[Unit] | None = None
        self._quotes: list[Quote] | None = None
        self._paragraphs: Paragraphs | None = None
        self._quote_speakers: dict[int, Attribution | None] = {}
        self._unit_credit: dict[int, Attribution | None] = {}

    # -- the document's units, quotes and paragraphs, read once when needed ------------------------
    @property
    def all_units(self) -> list[Unit]:
        if self._units is None:
            self._units = units(self.doc)
        return self._units

    @property
    def quotes(self) -> list[Quote]:
        if self._quotes is None:
            self._quotes = find_quotes(doc_text(self.doc))
        return self._quotes

    @property
    def paragraphs(self) -> Paragraphs:
        if self._paragraphs is None:
            self._paragraphs = Paragraphs(doc_text(self.doc))
        return self._paragraphs

    def _unit_at(self, char: int) -> Unit | None:
        for u in self.all_units:
            if u.start_char <= char < u.end_char:
                return u
        return None

    def _register_through(self, unit: Unit) -> None:
        """Register every content unit up to ``unit`` (a later sign-off names a speaker)."""
        for u in self.all_units:
            if u.start > unit.start:
                break
            self.register_unit(u)

    # -- registering the sources a sentence names --------------------------------------------------
    def register_unit(self, unit: Unit) -> None:
        """Record the sources a sentence names (so later references to them resolve)."""
        if unit.start in self._seen_units:
            return
        self._seen_units.add(unit.start)
        if not self.zones.content(unit.start_char, unit.end_char):
            return  # bylines, captions, credits name no sources
        lex = self.lex
        for t in unit.tokens():
            if t.lower_ == "according":
                for p in _according_objects(t):
                    self.tracker.from_token(p, unit)
            elif t.pos_ in ("VERB", "AUX") and _lemma(t) in lex.attribution_verbs:
                if _lemma(t) in lex.clausal_verbs and not any(c.dep_ == "ccomp" for c in t.children):
                    continue
                for subject in _own_or_shared_subjects(t, unit):
                    c = self.tracker.outside_dateline(subject)
                    if c is not None and c.pos_ != "PRON" and self.tracker.can_speak(c, t):
                        self.tracker.from_token(c, unit)
                for c in t.children:
                    if c.dep_ == "agent":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                self.tracker.from_token(p, unit)

    # -- the public questions ------------------------------------------------------------------------
    def sources_for(self, anchor: Token, unit: Unit, skip_verbs: frozenset[int] = frozenset()) -> list[str]:
        """The chain of sources credited for the clause holding ``anchor`` ([] when none is).

        ``skip_verbs``: token indices of verbs that state the event itself (e.g. "claimed 30 lives")."""
        found = self.attribution_for(anchor, unit, skip_verbs)
        return found.names() if found is not None else []

    def attribution_for(
        self, anchor: Token, unit: Unit, skip_verbs: frozenset[int] = frozenset()
    ) -> Attribution | None:
        """The :class:`Attribution` of the clause holding ``anchor``: from the clause, else from the
        quotation it is in, else carried from the sentence before; None when the report credits no one."""
        self.register_unit(unit)
        if not self.zones.content(unit.start_char, unit.end_char):
            return None
        found = self._clause(anchor, unit, skip_verbs)
        if isinstance(found, Attribution):
            return found
        quote = quote_at(self.quotes, anchor.idx)
        if quote is not None and found in (None, _WE):
            speaker = self._quote_speaker(quote)
            if speaker is not None:
                return speaker
        if found is None and quote is None:
            return self._carried(unit)
        return None

    def outlet_count(self, anchor: Token, unit: Unit) -> bool:
        """True when the report gives the count as its own: "we counted", "our tally", "AFP journalists
        saw" in an AFP report."""
        if quote_at(self.quotes, anchor.idx) is not None:
            return False
        if self._clause(anchor, unit, frozenset()) == _WE:
            return True
        outlet = (self.doc.user_data.get("rashomon.outlet") or "").lower()
        own = word_set("attribution", "own_count_nouns")
        for a in [anchor, *ancestors_in(anchor, unit)]:
            for c in a.children:
                if c.dep_ not in ("nsubj", "poss") or (_lemma(c) not in own and c.lower_ not in own):
                    continue
                for m in c.children:
                    if m.dep_ == "poss" and m.lower_ in ("our", "my"):
                        return True
                    if m.dep_ in ("compound", "poss", "amod") and outlet and re.search(
                        r"\b" + re.escape(m.lower_) + r"\b", outlet
                    ):
                        return True
        return False

    # -- the clause ------------------------------------------------------------------------------------
    def _clause(self, anchor: Token, unit: Unit, skip_verbs: frozenset[int]) -> Attribution | str | None:
        """The attribution the sentence itself gives, walking from ``anchor`` up its heads; or _VAGUE,
        _ASIDE, _WE; or None when the sentence has no reporting frame."""
        path = [anchor, *ancestors_in(anchor, unit)]
        on_path = {t.i for t in path}
        pronoun_hit: Attribution | None = None
        for k, node in enumerate(path):
            if k > 0 and _aside(path[k - 1], node):
                return pronoun_hit or _ASIDE
            hit = self._frame(node, unit) or self._trailing_report(node, anchor, unit, on_path, skip_verbs)
            if hit is not None:
                return self._with_channel(hit, path[k:], unit) if isinstance(hit, Attribution) else hit
            if k == 0 or node.i in skip_verbs:
                continue
            hit = self._owned_count(node, path[k - 1], unit)
            if hit is not None:
                return hit
            if _lemma(node) not in self.lex.attribution_verbs or node.pos_ not in ("VERB", "AUX"):
                continue
            hit = self._reporting_verb(node, path[k - 1], unit, path[: k + 1])
            if hit is None:
                continue
            if isinstance(hit, Attribution) and self._is_pronoun_subject(node):
                pronoun_hit = pronoun_hit or self._with_channel(hit, path[k:], unit)
                continue
            return self._with_channel(hit, path[k:], unit) if isinstance(hit, Attribution) else hit
        if pronoun_hit is not None:
            return pronoun_hit
        return self._frame_elsewhere(unit, on_path)

    def _reporting_verb(self, node: Token, came: Token, unit: Unit, path: list[Token]) -> Attribution | str | None:
        """The attribution a reporting verb on the path gives (None: it does not frame the anchor)."""
        came_dep = dep_in(came, unit)
        if came_dep in ("nsubj", "nsubjpass", "csubj"):
            return self._second_subject(node, came, unit)
        if _lemma(node) in self.lex.clausal_verbs and came_dep not in ("ccomp", "parataxis"):
            return None  # "rescuers found 20 bodies" reports nothing; "investigators found that ..." does
        if came_dep in ("advcl", "acl", "relcl") and came.i < node.i:
            return None  # "Talking to X, Y said ..." is not what Y says
        if unconfirmed(node):
            return _VAGUE  # "the monitors could not confirm that 40 died": the monitors do not say it
        has, src, subj = self._subject_source(node, unit)
        if not has:
            if node.tag_ == "VBG" and node.dep_ in ("advcl", "acl"):
                return _VAGUE  # "..., alleging that ...": its speaker is the clause's subject, not found
            return None
        if src is None:
            if self._first_person_subject(node):
                if any(_lemma(a) in self.lex.attribution_verbs for a in ancestors_in(node, unit)):
                    return None  # '"We counted 17 bodies," said X': the quoted speaker is the source
                return _WE
            return _VAGUE
        cited = [c for t in path for c in self._cited(t, unit)]
        return self._attribution(src, node, subj, cited)

    def _second_subject(self, verb: Token, came: Token, unit: Unit) -> Attribution | None:
        """ "A rocket attack killed 35 people ..., a rescue worker told AFP", parsed with both "attack" and
        "worker" as subjects of "told": the anchor is in a thing that cannot speak, so the other subject,
        after it, is the speaker of the sentence it is in."""
        if self.tracker.can_speak(came, verb):
            return None  # the anchor is in the speaker's own words ("the council's 14 members said")
        for c in subjects(verb, unit, ("nsubj",)):
            if c.i > came.i and c.i != came.i and self.tracker.can_speak(c, verb):
                src = self.tracker.from_token(c, unit, register=False)
                return self._attribution(src, verb, c, []) if src is not None else None
        return None

    def _attribution(
        self, src: Source, cue: Token, subj: Token | None, cited: list[str], how: str = "clause", cue_text: str = ""
    ) -> Attribution:
        doc = self.doc
        if subj is not None:
            lo, hi = np_bounds(subj, keep_preps=frozenset({"of"}))
            span = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
        else:
            span = (cue.idx, cue.idx + len(cue.text))
        cited_names = tuple(c for c in cited if c != src.name)
        return Attribution(src.name, cue_text or _lemma(cue), span, cited=cited_names, how=how)

    def _subject_source(self, verb: Token, unit: Unit) -> tuple[bool, Source | None, Token | None]:
        """(has a subject that can speak, its source, the subject token) for a reporting verb."""
        for subject in subjects(verb, unit, ("nsubj",)):
            c = self.tracker.outside_dateline(subject)
            if c is None:
                continue
            if c.lower_ in ("which", "who", "that") and verb.dep_ == "relcl" and verb.head in unit:
                c = verb.head  # "the ministry, which maintains that ...": the noun the clause describes
            if not self.tracker.can_speak(c, verb):
                continue  # "Information collected ... confirms that": not a source; look further up
            return True, self.tracker.from_token(c, unit, register=False), c
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj" and self.tracker.can_speak(p, verb):
                        return True, self.tracker.from_token(p, unit, register=False), p
        found = self._governor_subject(verb, unit)
        if not found[0]:
            found = self._stranded_subject(verb, unit)
        return found

    def _stranded_subject(self, verb: Token, unit: Unit) -> tuple[bool, Source | None, Token | None]:
        """ "..., a doctors' committee close to demonstrators said.": a sentence-final reporting verb the
        parse left without a subject; the noun that can speak between the last comma and the verb."""
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.i + 2 < unit.end:
            return False, None, None
        k = verb.i - 1
        while k > unit.start and self.doc[k].text != ",":
            k -= 1
        for t in self.doc[k + 1 : verb.i]:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("poss", "compound", "amod", "pobj", "nmod"):
                if self.tracker.can_speak(t, verb):
                    return True, self.tracker.from_token(t, unit, register=False), t
                break
        return False, None, None

    def _governor_subject(self, verb: Token, unit: Unit) -> tuple[bool, Source | None, Token | None]:
        """The subject a verb shares with the verb it hangs from: "was forced to admit that ...",
        "..., alleging that ..." (a participle), "..., killing 13, and X said" (conjoined verbs)."""
        head = verb.head
        if head not in unit or head.i == verb.i:
            return False, None, None
        deps: tuple[str, ...] = ()
        if verb.dep_ == "xcomp":
            deps = ("nsubj", "nsubjpass")
        elif verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG":
            deps = ("nsubj", "nsubjpass")
        elif verb.dep_ == "conj":
            deps = ("nsubj",)
        for c in head.children:
            if c.dep_ in deps and self.tracker.can_speak(c, verb):
                return True, self.tracker.from_token(c, unit, register=False), c
        return False, None, None

    def _frame(self, node: Token, unit: Unit) -> Attribution | str | None:
        """ "according to X", "in the estimates of X", "per X" attached to ``node``."""
        for c in node.children:
            obj, cue = None, c.lower_
            if c.lower_ == "according":
                obj, cue = next(iter(_according_objects(c)), None), "according to"
            elif c.dep_ == "prep":
                obj = self._frame_object(c)
            if obj is None:
                continue
            src = self.tracker.from_token(obj, unit, register=False)
            if src is None and cue == "according to":
                src = self._according_owner(c, unit)  # "according to reports today by X"
            if src is None:
                if cue == "according to":
                    return _VAGUE  # "according to reports": a vague source credits no one
                continue  # "in a recent report": a document of no one named; the clause may name one
            cited = self._cited(obj, unit) + self._cited(node, unit)
            return self._attribution(src, c, obj, cited, cue_text=cue)
        return None

    def _according_owner(self, according: Token, unit: Unit) -> Source | None:
        for c in according.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                for o in c.children:
                    if o.dep_ == "pobj" and self.tracker.can_speak(o):
                        return self.tracker.from_token(o, unit, register=False)
        return None

    def _frame_object(self, prep: Token) -> Token | None:
        frames = self.lex.raw["attribution"].get("frame_preps", {})
        if prep.lower_ not in frames:
            return None
        nouns = frozenset(frames[prep.lower_])
        for o in prep.children:
            if o.dep_ != "pobj":
                continue
            if not nouns and self.tracker.can_speak(o):
                return o  # "per the ministry"
            if _lemma(o) in nouns or o.lower_ in nouns:
                return self.tracker.data_owner(o)  # "in the estimates of X": X; "in a statement": no one
        return None

    def _frame_elsewhere(self, unit: Unit, on_path: set[int]) -> Attribution | str | None:
        """ "according to X" attached to another clause of the sentence."""
        for t in unit.tokens():
            if t.lower_ == "according" and t.head.i not in on_path:
                hit = self._frame(t.head, unit)
                if hit is not None:
                    return hit
        return None

    def _trailing_report(
        self, node: Token, anchor: Token, unit: Unit, on_path: set[int], skip_verbs: frozenset[int]
    ) -> Attribution | str | None:
        """ "..., X said" / "as reported by X" attached to ``node`` as a dependent clause."""
        for c in node.children:
            if c.i in on_path or c.dep_ not in ("parataxis", "advcl", "conj", "ccomp"):
                continue
            if _lemma(c) not in self.lex.attribution_verbs or c.i in skip_verbs or c.i <= anchor.i:
                continue
            if c.dep_ in ("conj", "ccomp") and any(g.dep_ in ("ccomp", "dobj") for g in c.children):
                continue
            if c.dep_ == "advcl" and _opened_by(c, word_set("attribution", "non_frame_markers")):
                continue  # "..., after the committee reported that ...": another event
            has, src, subj = self._subject_source(c, unit)
            if has:
                return _VAGUE if src is None else self._attribution(src, c, subj, self._cited(c, unit))
        return None

    def _owned_count(self, node: Token, came: Token, unit: Unit) -> Attribution | None:
        """ "the ministry's count of 41 dead", "the group's claim that 60 civilians were killed"."""
        owner_noun = node
        if node.pos_ in ("VERB", "AUX") and dep_in(came, unit) in ("attr", "acomp"):
            owner_noun = next((c for c in node.children if c.dep_ == "nsubj"), node)  # "the union's count had been 14"
        claim_nouns = self.lex.raw["attribution"].get("claim_nouns", [])
        if owner_noun.pos_ not in ("NOUN", "PROPN") or (
            _lemma(owner_noun) not in self.lex.data_nouns and _lemma(owner_noun) not in claim_nouns
        ):
            return None
        owner = next((c for c in owner_noun.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        src = self.tracker.from_token(owner, unit, register=False)
        return self._attribution(src, owner_noun, owner, []) if src is not None else None

    def _cited(self, tok: Token, unit: Unit) -> list[str]:
        """'..., citing Y' / 'quoting Y' attached to the reporting verb or the source."""
        out = []
        for c in tok.children:
            if _lemma(c) in self.lex.citing_verbs and c.dep_ in ("advcl", "acl", "xcomp", "prep", "conj", "pcomp"):
                for o in c.children:
                    if o.dep_ in ("dobj", "pobj"):
                        s = self.tracker.from_token(o, unit, register=False)
                        if s is not None:
                            out.append(s.name)
        return out

    # -- the channel ---------------------------------------------------------------------------------
    def _with_channel(self, found: Attribution, above: list[Token], unit: Unit) -> Attribution:
        """The attribution with its channel: a platform or listener of the reporting verb ("wrote on
        Telegram", "told AFP"), or an outer reporter whose report holds the speaker's words ("X said ...,
        the agency reported"; not "X announced ..., after Y reported ...")."""
        channel = found.channel
        cue = next((t for t in above if _lemma(t) == found.cue), None)
        if cue is None:
            return found
        channel = channel or self._platform(cue)
        cur = cue
        while channel is None and cur.dep_ in ("ccomp", "parataxis", "xcomp") and cur.head in unit:
            outer = cur.head
            if outer.pos_ in ("VERB", "AUX") and _lemma(outer) in self.lex.attribution_verbs:
                has, src, _ = self._subject_source(outer, unit)
                if has and src is not None and src.name != found.speaker:
                    channel = src.name
            cur = outer
        if channel is None:
            outer_report = self._trailing_report(cur, cue, unit, {a.i for a in above}, frozenset())
            if isinstance(outer_report, Attribution) and outer_report.speaker != found.speaker:
                channel = outer_report.speaker  # "..., the news agency reported" hung on the speaker's verb
        if channel == found.channel:
            return found
        return Attribution(found.speaker, found.cue, found.span, channel, found.cited, found.how)

    def _platform(self, verb: Token, depth: int = 0) -> str | None:
        platforms = word_set("attribution", "platforms")
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in word_set("attribution", "platform_preps"):
                for o in c.children:
                    if o.dep_ != "pobj":
                        continue
                    named = [t for t in o.subtree if t.pos_ == "PROPN" and t.i <= o.i and t.ent_type_ in _MEDIA_ENTS]
                    if named and (_lemma(o) in platforms or o.pos_ == "PROPN"):
                        return " ".join(t.text for t in named)  # "on Telegram", "in his Telegram channel"
                    if depth == 0 and (found := self._platform(o, 1)) is not None:
                        return found  # "in a post on Facebook"
            if c.dep_ in ("dobj", "dative") and _lemma(verb) in word_set("attribution", "listener_verbs"):
                if c.pos_ == "PROPN" or c.ent_type_ == "ORG":
                    ent = entity_of(c)
                    return ent.text if ent is not None else c.text  # "told AFP", "told Kestrel News"
        return None

    # -- quotations --------------------------------------------------------------------------------------
    def _quote_speaker(self, quote: Quote) -> Attribution | None:
        if quote.start not in self._quote_speakers:
            self._quote_speakers[quote.start] = None  # a guard against a cycle of continued quotes
            self._quote_speakers[quote.start] = self._find_quote_speaker(quote)
        return self._quote_speakers[quote.start]

    def _find_quote_speaker(self, quote: Quote) -> Attribution | None:
        """The sign-off after it, the introduction before it, the speaker of the sentence before it, or
        the speaker of the quotation it continues."""
        found = self._sign_off(quote) or self._introduction(quote) or self._speaker_before(quote)
        if found is None:
            found = self._continued(quote)
        return found

    def _sign_off(self, quote: Quote) -> Attribution | None:
        """ ',” he said.', '” — regional governor X', ',” wrote on Telegram the head of X.'"""
        text = doc_text(self.doc)
        line_end = text.find("\n", quote.end)
        rest = text[quote.end : line_end if line_end >= 0 else len(text)]
        dash = re.match(r"\s*[\u2014\u2013-]{1,2}\s*(\S.*?)\s*[.]?\s*$", rest)
        if dash and quote.closed:
            return self._named_span(quote.end + dash.start(1), quote.end + dash.end(1), "dash")
        unit = self._unit_at(quote.end - 1)
        if unit is None or not quote.closed:
            return None
        self._register_through(unit)
        for t in unit.tokens():
            if t.idx < quote.end or t.pos_ not in ("VERB", "AUX") or _lemma(t) not in self.lex.attribution_verbs:
                continue
            found = self._speaker_of(t, unit, quote)
            if found is not None:
                return found
        return None

    def _introduction(self, quote: Quote) -> Attribution | None:
        """ 'X said: “…”', or a paragraph ending with a colon before the quotation's paragraph."""
        text = doc_text(self.doc)
        p_start, _ = self.paragraphs.bounds(quote.paragraph)
        before = text[p_start : quote.start].rstrip()
        if before.endswith(":") or before == "":
            at = quote.start - 1 if before else p_start - 1
            if not before:
                if quote.paragraph == 0 or not text[:p_start].rstrip().endswith(":"):
                    return None
                at = len(text[:p_start].rstrip()) - 1
            unit = self._unit_at(at)
            if unit is not None:
                self._register_through(unit)
                return self._speaker_in(unit, quote)
        return None

    def _speaker_before(self, quote: Quote) -> Attribution | None:
        """ 'The mayor, X, spoke to reporters. “…”': the speaker of the sentence just before, in the same
        paragraph, when that sentence introduces someone speaking."""
        p_start, _ = self.paragraphs.bounds(quote.paragraph)
        if quote.start <= p_start:
            return None
        unit = self._unit_at(quote.start - 1) or self._unit_at(quote.start - 2)
        if unit is None or unit.start_char >= quote.start or unit.start_char < p_start:
            return None
        root = unit.span.root
        if _lemma(root) not in word_set("attribution", "speech_verbs"):
            return None
        self._register_through(unit)
        return self._speaker_of(root, unit, quote)

    def _continued(self, quote: Quote) -> Attribution | None:
        """A quotation opening a paragraph right after a paragraph whose last quotation had a speaker."""
        p_start, _ = self.paragraphs.bounds(quote.paragraph)
        if quote.start != p_start or quote.paragraph == 0:
            return None
        earlier = [q for q in self.quotes if q.paragraph == quote.paragraph - 1]
        if not earlier:
            return None
        found = self._quote_speaker(earlier[-1])
        if found is None:
            return None
        return Attribution(found.speaker, "quote", found.span, found.channel, found.cited, "quote")

    def _speaker_in(self, unit: Unit, quote: Quote) -> Attribution | None:
        """The speaker a sentence introduces: a reporting verb's subject, else the owner of a statement
        ("From the interior ministry's statement:")."""
        for t in unit.tokens():
            if t.pos_ in ("VERB", "AUX") and _lemma(t) in word_set("attribution", "speech_verbs"):
                found = self._speaker_of(t, unit, quote)
                if found is not None:
                    return found
        for t in unit.tokens():
            if t.pos_ in ("NOUN", "PROPN") and (t.idx < quote.start or t.idx >= quote.end):
                if _lemma(t) in self.lex.data_nouns or _lemma(t) in self.lex.raw["attribution"].get("claim_nouns", []):
                    src = self.tracker.from_token(t, unit, register=False)
                    if src is not None:
                        return self._attribution(src, t, t, [], how="quote")
        return None

    def _speaker_of(self, verb: Token, unit: Unit, quote: Quote) -> Attribution | None:
        """The subject of ``verb`` outside the quotation, else the first noun that can speak after the
        verb (the inverted '… wrote on Telegram the head of the council, X')."""
        outside = [c for c in subjects(verb, unit, ("nsubj",)) if not quote.start <= c.idx < quote.end]
        cands = outside or [t for t in unit.tokens() if t.i > verb.i and t.pos_ in ("NOUN", "PROPN")
                            and not quote.start <= t.idx < quote.end and not self._is_platform(t)]
        for c in cands:
            if not self.tracker.can_speak(c, verb):
                continue
            src = self.tracker.from_token(c, unit, register=False)
            if src is None:
                return None
            found = self._attribution(src, verb, c, [], how="quote")
            channel = self._platform(verb)
            return Attribution(found.speaker, found.cue, found.span, channel, (), "quote")
        return None

    def _is_platform(self, t: Token) -> bool:
        return t.head.dep_ == "prep" and t.head.lower_ in word_set("attribution", "platform_preps") and (
            _lemma(t) in word_set("attribution", "platforms") or t.ent_type_ == "ORG"
        )

    def _named_span(self, start: int, end: int, cue: str) -> Attribution | None:
        """The speaker named by the words ``start``..``end`` (a dash sign-off)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        unit = self._unit_at(span.start_char)
        if unit is None:
            return None
        root = next((t for t in span if t.ent_type_ == "PERSON"), None) or span.root
        names = [t for t in span if t.ent_type_ == "PERSON"]
        if names:
            root = names[-1]
        if not self.tracker.can_speak(root):
            return None
        src = self.tracker.from_token(root, unit, register=False)
        if src is None:
            return None
        return Attribution(src.name, cue, (span.start_char, span.end_char), how="quote")

    # -- carrying a speaker forward ----------------------------------------------------------------------
    def _carried(self, unit: Unit) -> Attribution | None:
        """The speaker of the sentence before, in the same paragraph, when this sentence has no reporting
        frame of its own and opens by going on with it ("Of them, ...", "Among the dead ...")."""
        k = next((i for i, u in enumerate(self.all_units) if u.start == unit.start), None)
        if not k:
            return None
        prev = self.all_units[k - 1]
        para = self.paragraphs.of(unit.start_char)
        if self.paragraphs.of(prev.start_char) != para or self._has_frame(unit) or not self._continues(unit):
            return None
        found = self._unit_attribution(prev)
        if found is None:
            return None
        return Attribution(found.speaker, found.cue, found.span, found.channel, found.cited, "carried")

    def _unit_attribution(self, unit: Unit) -> Attribution | None:
        """The attribution of a sentence's main clause (cached)."""
        if unit.start not in self._unit_credit:
            self._unit_credit[unit.start] = None
            root = unit.span.root
            content = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis")), root)
            self._unit_credit[unit.start] = self.attribution_for(content, unit)
        return self._unit_credit[unit.start]

    def _has_frame(self, unit: Unit) -> bool:
        return any(
            t.lower_ == "according" or (t.pos_ in ("VERB", "AUX") and _lemma(t) in self.lex.attribution_verbs)
            for t in unit.tokens()
        )

    def _continues(self, unit: Unit) -> bool:
        """The sentence opens by going on with the sentence before ("Of them, ...", "In addition, ..."),
        so its speaker's voice carries on."""
        words = " ".join(t.lower_ for t in list(unit.tokens())[:4])
        return any(words.startswith(w) and (len(words) == len(w) or not words[len(w)].isalnum())
                   for w in word_set("attribution", "carry_openers"))

    @staticmethod
    def _first_person_subject(verb: Token) -> bool:
        return any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in verb.children)

    @staticmethod
    def _is_pronoun_subject(verb: Token) -> bool:
        return any(
            c.dep_ == "nsubj" and c.pos_ == "PRON" and c.lower_ not in ("which", "who", "that") for c in verb.children
        )


def _according_objects(according: Token) -> list[Token]:
    return [p for to in according.children if to.lower_ == "to" for p in to.children if p.dep_ == "pobj"]


def _opened_by(clause: Token, markers: frozenset[str]) -> bool:
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in markers and c.i < clause.i for c in clause.children)


def _aside(clause: Token, head: Token) -> bool:
    """A non-restrictive relative clause (", which left scores dead") hanging from a noun: the writer's
    own aside, even inside a reported sentence."""
    if clause.dep_ != "relcl" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    rel = next((c for c in clause.subtree if c.lower_ in ("which", "who") and c.i < clause.i), None)
    if rel is None:
        return False
    doc = clause.doc
    left = clause.left_edge.i
    return left > 0 and doc[left - 1].text == ","


def _own_or_shared_subjects(verb: Token, unit: Unit) -> list[Token]:
    """The verb's subjects, or those of the verb it is coordinated with ("the ministry denied it and said ...":
    the ministry said), so that a later "it said" can find who spoke."""
    own = subjects(verb, unit, ("nsubj",))
    if own or verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return own
    return subjects(verb.head, unit, ("nsubj",))


def unconfirmed(verb: Token) -> bool:
    """A finding verb negated or not carried out ("could not establish that", "did not confirm that",
    "failed to verify that", "was unable to determine that"): what follows is not the finder's word."""
    if _lemma(verb) not in word_set("attribution", "evidential_verbs"):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    unfulfilled = word_set("attribution", "unfulfilled_verbs")
    while verb.dep_ in ("xcomp", "acomp") and verb.head is not verb:
        verb = verb.head
        if _lemma(verb) in unfulfilled:
            return True
    return False
