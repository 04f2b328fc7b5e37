"""Claims: the check-worthy statements of a report, one per sentence, with what makes them comparable.

Each claim keeps its span and says whether it is affirmed or denied (a denial is a first-class stance:
"X denies ...", "claims of ... are false", "there is no truth to ...", "this is not ..."; a denial inside
another's claim is the claim holder's, and rejecting a denial affirms), whether it is
hedged, who it is attributed to, which characterisations it uses ("systematic", "ethnic cleansing",
"security operation") and with what polarity, the status it asserts (an operation over, or violence
continuing), the harm it describes with its agent and patient, and the time words that date it. Claims
are :class:`rashomon.model.Claim` values. The vocabulary lives in ``data/claims.json``; the rules are
over spaCy's dependency parse.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..dates import find_time_expressions
from ..model import Characterisation, Claim, DeniedContent, Harm, JSONObject, Proposition, Span, TimeMention
from .attribution import Attributor
from .discourse import contrasted, discourse, hedge_cue, negator, quantifier_negation
from .launch_sites import launch_sites
from .propositions import act_class, propositions
from .syntax import Unit, doc_text, units
from .voices import claim_voice

_FINITE = frozenset({"VBD", "VBP", "VBZ", "MD"})


@dataclass(frozen=True)
class ClaimLexicon:
    denial_verbs: frozenset[str]
    falsity_words: frozenset[str]
    falsity_adverbs: frozenset[str]
    truth_words: frozenset[str]
    no_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    harm_verbs: frozenset[str]
    harm_nouns: frozenset[str]
    victim_nouns: frozenset[str]
    characterisations: dict[str, re.Pattern[str]]
    any_head_families: frozenset[str]
    deniable_verbs: frozenset[str]
    status_ended: re.Pattern[str]
    status_continuing: re.Pattern[str]
    status_topics: frozenset[str]
    concessive: frozenset[str]
    generic_terms: frozenset[str]


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in items)


def _pattern(terms: list[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(t).replace(r"\ ", r"\s+") for t in terms), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


@lru_cache(maxsize=1)
def claim_lexicon() -> ClaimLexicon:
    """The claim vocabulary, read once from ``rashomon/data/claims.json`` (denial verbs and hedges from the
    shared ``lang/en/discourse.json``)."""
    raw: JSONObject = json.loads(resources.files("rashomon").joinpath("data/claims.json").read_text("utf-8"))
    return ClaimLexicon(
        denial_verbs=discourse().denial_verbs, falsity_words=_words(raw["falsity_words"]),
        falsity_adverbs=_words(raw["falsity_adverbs"]), truth_words=_words(raw["truth_words"]),
        no_nouns=_words(raw["no_nouns"]),
        claim_nouns=_words(raw["claim_nouns"]),
        harm_verbs=_words(raw["harm_verbs"]), harm_nouns=_words(raw["harm_nouns"]),
        victim_nouns=_words(raw["victim_nouns"]) | _people_nouns(),
        characterisations={k: _pattern(v) for k, v in raw["characterisations"].items()},
        any_head_families=frozenset(raw.get("characterisation_any_head", [])),
        deniable_verbs=_words(raw["deniable_verbs"]),
        status_ended=_pattern(raw["status_ended"]), status_continuing=_pattern(raw["status_continuing"]),
        status_topics=_words(raw["status_topics"]), concessive=_words(raw["concessive"]),
        generic_terms=_words(raw["generic_terms"]),
    )


def _people_nouns() -> frozenset[str]:
    """Nouns the figure lexicon counts as civilians: one vocabulary of who is a civilian victim."""
    from .lexicon import lexicon

    nouns = lexicon().raw.get("categories", {}).get("nouns", {})
    return frozenset(k.lower() for k, v in nouns.items() if v == "civilians" and not k.startswith("_"))


def extract_claims(doc: Doc, attributor: Attributor | None = None) -> list[Claim]:
    """Every check-worthy sentence of ``doc`` as a :class:`Claim` (span, polarity, hedge, attributed_to, ...).

    The claims' spans name the document ``doc.user_data["rashomon.doc_id"]`` (``""`` when unset); time
    words resolve against ``doc.user_data["rashomon.published"]``. ``attributor`` may be shared with
    other components so sources named earlier resolve later references.
    """
    lex = claim_lexicon()
    attributor = attributor or Attributor(doc)
    claims = []
    for unit in units(doc):
        tokens = [t for t in unit.tokens() if not t.is_space]
        if len(tokens) < 4 or tokens[-1].text == "?" or not any(t.tag_ in _FINITE for t in tokens):
            continue  # fragments, questions and phrases without a finite verb assert nothing
        if not attributor.zones.content(unit.start_char, unit.end_char) or \
                attributor.zones.kind_of(unit.start_char, unit.end_char) == "headline":
            continue  # headlines, captions, bylines, credits and embedded posts are not the report's claims
        attributor.register_unit(unit)
        claim = _claim(unit, lex, attributor)
        if claim is not None:
            claims.append(claim)
    return claims


def _claim(unit: Unit, lex: ClaimLexicon, attributor: Attributor) -> Claim | None:
    span = unit.span
    root = span.root
    content, reporting = _content_root(root, lex)
    denial, denier, holder, denied, said = _stance(root, content, reporting, unit, lex)
    hedge = hedge_cue([t for t in unit.tokens()], content)
    voice = claim_voice(unit, content, denier, attributor, holder=holder)
    speaker = list(voice.speakers)
    characterisations = _characterisations(unit, denial is not None, lex)
    status = _status(unit, lex)
    harms = _harms(unit, lex)
    numbers = any(t.like_num and not t.is_punct for t in unit.tokens())
    sites = launch_sites(unit)
    if not (denial or hedge or speaker or characterisations or status or harms or numbers or said or sites):
        return None
    opening = attributor.zones.opening_end(span.start_char)  # a dateline is not part of the claim
    words = span.text[opening - span.start_char :] if opening is not None else span.text
    text = words.strip()
    start = span.end_char - len(words) + (len(words) - len(words.lstrip()))
    harms = tuple(_after(h, start, doc_text(unit.doc)) for h in harms)  # a dateline is no doer's name
    doc = unit.doc
    return Claim(
        span=Span(doc.user_data.get("rashomon.doc_id", ""), start, start + len(text)), text=text,
        polarity="denied" if denial else "affirmed", denial_cue=denial, denied_content=denied,
        hedged=hedge is not None, hedge_cue=hedge, attributed_to=tuple(speaker),
        cue=reporting.lemma_.lower() if reporting is not None else None,
        characterisations=characterisations, status=status, harms=harms, terms=tuple(sorted(_terms(unit, lex))),
        times=claim_times(text, start, doc.user_data.get("rashomon.published")),
        propositions=said, channel=voice.channel, launch_sites=sites,
    )


def _after(harm: Harm, start: int, text: str) -> Harm:
    """The harm with its agent cut to begin at ``start`` (the claim's first character)."""
    if harm.agent_span is None or harm.agent_span[0] >= start or harm.agent_span[1] <= start:
        return harm
    words = text[start:harm.agent_span[1]]
    return replace(harm, agent=words, agent_span=(start, harm.agent_span[1]))


def claim_times(text: str, offset: int, published: str | None) -> tuple[TimeMention, ...]:
    """The time expressions of a claim's ``text`` that resolve to days, in text order; spans are
    document offsets (``offset`` is where the text starts). The report's publication date is left
    out: it dates the report, not an event.

    >>> [(t.text, t.start, t.end) for t in claim_times("Shelling since Thursday.", 0, "2025-03-08")]
    [('since Thursday', '2025-03-06', '2025-03-08')]
    """
    found = [TimeMention(t.text, (offset + t.start, offset + t.end), t.first.isoformat(), t.last.isoformat())
             for t in find_time_expressions(text, published) if not (published and t.text == str(published)[:10])]
    return tuple(sorted(found, key=lambda t: t.span[0]))


def _content_root(root: Token, lex: ClaimLexicon) -> tuple[Token, Token | None]:
    """The verb that carries what is claimed, and the reporting verb above it (if any).

    "X said that Y killed Z" -> (killed, said); "Y killed Z, X said" -> (killed, said).
    """
    reporting_verbs = _reporting_verbs(lex)
    # a verb taking a clausal complement ("stressed that", "insisted that") reports what the clause says
    if root.lemma_.lower() in reporting_verbs or (root.pos_ == "VERB" and any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in root.children)):
        for child in root.children:
            if child.dep_ in ("ccomp", "xcomp"):
                return child, root
        return root, root
    for child in root.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in reporting_verbs:
            return root, child
    return root, None


def _negated(tok: Token) -> Token | None:
    return negator(tok)


def _stance(root: Token, content: Token, reporting: Token | None, unit: Unit, lex: ClaimLexicon) -> tuple[
        str | None, Token | None, Token | None, DeniedContent | None, tuple[Proposition, ...]]:
    """(denial cue, denier, holder, denied content, propositions) of a sentence: the verb whose subject
    denies, or the claim noun or reporting participle whose holder states the denial (:func:`_holds`); what
    it denies; the acts said or denied. Denying a denial affirms ("the doctors rejected claims that no one
    was hurt": the doctors say people were hurt), with the rejecting speaker as the voice."""
    denial, denier, negated = _denial(root, content, reporting, unit, lex)
    if denial is None:
        return None, None, None, None, propositions(unit, _clause_verbs(content, unit, lex))
    holder = denier if denier is not None and _holds(denier, lex) else None
    denier = None if holder is not None else denier
    denied = _denied_content(unit, reporting, lex)
    verbs = _denied_verbs(unit, denier, negated, denied)
    # an act with neither target nor doer is no one act: the denial's words must then cover one (polarity)
    said = tuple(p for p in propositions(unit, verbs, strict=True) if p.patient_head or p.agent_head)
    if negated not in verbs and any(_negative(v) for v in verbs):
        return None, denier, None, None, tuple(replace(p, negated=False) for p in said)
    return denial, denier, holder, denied, said


def _negative(verb: Token) -> bool:
    """The clause of ``verb`` says its act did not happen: a negator ("did not fire") or a negative
    quantifier on a subject or object ("no one was hurt", "killed nobody")."""
    return _negated(verb) is not None or any(
        quantifier_negation(c) is not None for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"))


def _denial(root: Token, content: Token, reporting: Token | None, unit: Unit,
            lex: ClaimLexicon) -> tuple[str | None, Token | None, Token | None]:
    """(cue, denier, negated verb): the words that make this sentence a denial; the verb whose subject
    denies ("denied", "called ... lies"); the verb the clause itself negates ("did not kill", "not a single
    civilian was killed"); for a denial inside what a claim carries, the claim noun or reporting participle
    in the denier's place (:func:`_reported_denial`). (None, None, None) when the sentence denies nothing."""
    if reporting is not None and reporting.lemma_.lower() in lex.denial_verbs and _negated(reporting) is None:
        return reporting.text, reporting, None
    reported = _reported_denial(unit, lex)  # before the clauses a reporting verb frames: the holder speaks
    if reported is not None:
        return reported
    for verb in _clause_verbs(content, unit, lex):
        cue = _clause_denial(verb, lex)
        if cue is not None:
            if verb.lemma_.lower() in discourse().calling_verbs and cue.split()[-1] != verb.text:
                return cue, verb, None  # "X called the report lies": X denies
            return cue, None, verb
    cue, denier = _denial_anywhere(unit, lex)
    return cue, denier, None


def _reported_denial(unit: Unit, lex: ClaimLexicon) -> tuple[str, Token, Token] | None:
    """(cue, holder word, negated verb) for a denial stated inside what a claim noun or a reporting
    participle carries: "the investigators' claims that no protesters were raped" (the claim's holder
    denies), "a report saying that 87 died and no one was hurt" (only the negated conjunct is denied).
    The holder word is the claim noun or the participle (``voices`` finds who holds it); None when no such
    clause denies anything."""
    for tok in unit.tokens():
        if not _holds(tok, lex) or (tok.pos_ == "VERB" and tok.lemma_.lower() not in _reporting_verbs(lex)) \
                or _rejected(tok, lex):
            continue  # "X's claims that no one died are false": a denial of X's denial, not X's
        for clause in (c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and c in unit
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)):
            for verb in _main_verbs(clause):
                cue = _clause_denial(verb, lex)
                if cue is not None:
                    return cue, tok, verb
    return None


def _rejected(noun: Token, lex: ClaimLexicon) -> bool:
    """The sentence rejects the claim ``noun`` names: "the claims ... are false / are not true" (however the
    parser hung the copula on the claim), "rejected / dismissed the claims", "these false claims"."""
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be" and _clause_denial(head, lex) is not None:
        return True
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in lex.denial_verbs | discourse().calling_verbs:
        return True
    if any(c.dep_ == "amod" and c.lemma_.lower() in lex.falsity_words for c in noun.children):
        return True
    return any(t.lemma_ == "be" and t.i > noun.i and _clause_denial(t, lex) is not None
               for t in noun.subtree if t.dep_ in ("acl", "ccomp", "relcl", "conj"))


def _holds(tok: Token, lex: ClaimLexicon) -> bool:
    """``tok`` is a claim noun or a participle describing a noun ("a report alleging"): what a reported
    denial hangs on (:func:`_reported_denial`), not a verb whose subject denies."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.claim_nouns or (tok.dep_ == "acl" and tok.pos_ == "VERB")


def _reporting_verbs(lex: ClaimLexicon) -> frozenset[str]:
    """Verbs that report or deny what their clause says ("said", "alleged", "denied")."""
    from .lexicon import lexicon

    return lexicon().attribution_verbs | lex.denial_verbs


def _denied_verbs(unit: Unit, denier: Token | None, negated: Token | None,
                  denied: DeniedContent | None) -> list[Token]:
    """The verbs whose act a denial denies: the negated verb; what the denial verb governs ("denied
    attacking the station"); the clause the sentence spells out ("claims that X are false"). A falsity
    adverb ("falsely portray") denies no act of the sentence."""
    if negated is not None and not (negated.lemma_ == "be" and denied is not None):
        return [negated]  # "did not kill"; but "claims that X are not true" denies X
    if denier is not None:
        return [t for c in denier.children if c.dep_ in ("ccomp", "xcomp", "dobj", "prep", "attr", "oprd")
                for t in c.subtree if t.pos_ in ("VERB", "AUX") and t in unit]  # not a "while ..." aside
    if denied is not None:
        return [t for t in unit.tokens() if denied.span[0] <= t.idx < denied.span[1] and t.pos_ in ("VERB", "AUX")]
    return []


def _clause_denial(verb: Token, lex: ClaimLexicon) -> str | None:
    """A denial inside the claimed clause: "did not kill" (any verb of an act, ``lang/en/propositions.json``),
    "is not true", "not a single civilian was killed", "claims ... are false", "there is no truth". A contrast
    ("not X but Y") asserts Y; a litotes ("not uncommon") affirms."""
    lemma = verb.lemma_.lower()
    deniable = lemma in lex.deniable_verbs or lemma in lex.harm_verbs or act_class(lemma) is not None
    neg = _negated(verb)
    if neg is not None and deniable:
        first, second = sorted((neg, verb), key=lambda t: t.i)
        return f"{first.text} {second.text}"
    for child in verb.children:
        # "claims ... are completely false"; "the reports are baseless lies"
        if child.dep_ in ("acomp", "attr", "oprd") and child.lemma_.lower() in lex.falsity_words:
            return child.text
        if child.dep_ in ("attr", "dobj", "nsubj", "nsubjpass"):
            none = quantifier_negation(child)
            # "no civilians were harmed", "no combat tasks were set": the passive's act on none of them
            if none is not None and (child.lemma_.lower() in lex.no_nouns or lemma == "be" or lemma in lex.harm_verbs
                                     or act_class(lemma) is not None or child.dep_ == "nsubjpass"
                                     or not none.lower().startswith("no ")):
                return none
        if child.dep_ == "advmod" and child.lower_ in lex.falsity_adverbs:
            return child.text
    return None


def _denial_anywhere(unit: Unit, lex: ClaimLexicon) -> tuple[str | None, Token | None]:
    """A denial word anywhere in the sentence: a falsity adverb, a denial verb with its own subject
    ("..., and the army denied hitting civilians"), "called the report lies", "false claims"."""
    for tok in unit.tokens():
        if tok.lower_ in lex.falsity_adverbs:
            return tok.text, None
        if (tok.pos_ == "VERB" and tok.lemma_.lower() in lex.denial_verbs and _negated(tok) is None
                and any(c.dep_ == "nsubj" for c in tok.children)):
            return tok.text, tok
        if (tok.lemma_.lower() in lex.falsity_words or tok.lower_ in lex.falsity_words) \
                and tok.dep_ in ("oprd", "xcomp", "attr", "pobj", "ccomp", "acomp") and _calling(tok) is not None:
            return tok.text, _calling(tok)
        if _rejects_claim(tok, lex):  # "the claims that X hit Y are not true", the copula hung on the claim
            return " ".join(t.text for t in tok.subtree if t.dep_ in ("neg", "acomp", "attr") and t.head == tok), None
        # "claims that ... are completely false", whatever the parser made of the subject
        if tok.lemma_.lower() in lex.falsity_words and tok.dep_ in ("acomp", "attr") and tok.head.lemma_ == "be":
            return tok.text, None
        # "these baseless allegations", "false claims that ..."
        if (tok.lemma_.lower() in lex.falsity_words and tok.dep_ == "amod"
                and tok.head.lemma_.lower() in lex.claim_nouns):
            return f"{tok.text} {tok.head.text}", None
    return None, None


def _rejects_claim(copula: Token, lex: ClaimLexicon) -> bool:
    """A copula after a claim word's "that" clause that calls it false or not true, hung by the parser
    on the claim word ("Norland's claims that X hit Y are not true"); "reports that are not confirmed"
    (a relative clause, no "that" clause before the copula) rejects nothing."""
    claim = copula.head
    if copula.lemma_ != "be" or copula.dep_ not in ("acl", "relcl", "ccomp", "conj") \
            or claim.lemma_.lower() not in lex.claim_nouns:
        return False
    if not any(c.dep_ in ("acl", "ccomp") and c.i < copula.i and any(m.dep_ == "mark" and m.lower_ == "that"
                                                                      for m in c.children) for c in claim.children):
        return False
    said = [c.lemma_.lower() for c in copula.children if c.dep_ in ("acomp", "attr")]
    return any(w in lex.falsity_words for w in said) or (
        _negated(copula) is not None and any(w in lex.truth_words for w in said))


def _calling(word: Token) -> Token | None:
    """The verb of "X called the report lies" / "X dismissed the claims as fabricated" for the falsity word."""
    verb = word.head.head if word.dep_ == "pobj" else word.head
    if verb.lemma_.lower() in discourse().calling_verbs and verb.pos_ == "VERB" and _negated(verb) is None:
        return verb
    return None


def _denied_content(unit: Unit, reporting: Token | None, lex: ClaimLexicon) -> DeniedContent | None:
    """What a denial denies, when the sentence spells it out: "claims that X", "allegations of X",
    "reports about X", "denies that X". Returns {"text", "span", "clause"} (clause: X has a finite verb)."""
    for tok in unit.tokens():
        if tok.lemma_.lower() not in lex.claim_nouns:
            continue
        for child in tok.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and any(c.lower_ == "that" and c.dep_ == "mark"
                                                                for c in child.children):
                return _content(child, unit, finite=True)
            if child.dep_ == "prep" and child.lower_ in ("of", "about", "that", "regarding", "concerning"):
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    return _content(pobj, unit, finite=False)
    if reporting is not None and reporting.lemma_.lower() in lex.denial_verbs:
        clause = next((c for c in reporting.children if c.dep_ == "ccomp"), None)
        if clause is not None:
            return _content(clause, unit, finite=True)
    return None


def _content(head: Token, unit: Unit, finite: bool) -> DeniedContent:
    tokens = [t for t in head.subtree if unit.start <= t.i < unit.end and t.dep_ != "mark" and not t.is_space]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return DeniedContent(doc_text(unit.doc)[start:end], (start, end), finite)


def _clause_verbs(content: Token, unit: Unit, lex: ClaimLexicon) -> list[Token]:
    """The verbs whose clauses state what the sentence claims: the content verb and its conjuncts, and
    the complement clause of every reporting verb ("X said A and stressed that B": A and B)."""
    verbs = _main_verbs(content)
    reporting = _reporting_verbs(lex)
    for tok in unit.tokens():
        if tok.pos_ == "VERB" and (tok.lemma_.lower() in reporting or tok.dep_ == "conj"):
            for clause in (c for c in tok.children if c.dep_ == "ccomp"):
                verbs += [v for v in _main_verbs(clause) if v not in verbs]
    return verbs


def _has_neg(tok: Token) -> bool:
    """ "not systematic killings": a negator on the noun or its modifier."""
    return tok.pos_ in ("NOUN", "ADJ") and any(c.dep_ == "neg" for c in tok.children)


def _has_det_no(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _main_verbs(tok: Token) -> list[Token]:
    out = [tok]
    out += [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    return out


def _characterisations(unit: Unit, denied: bool, lex: ClaimLexicon) -> tuple[Characterisation, ...]:
    """Characterisation terms in the sentence, with whether the sentence denies them."""
    text = unit.span.text
    offset = unit.start_char
    doc = unit.doc
    found = []
    for family, pattern in lex.characterisations.items():
        for m in pattern.finditer(text):
            span = doc.char_span(offset + m.start(), offset + m.end(), alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            # a characterising adjective counts only when it qualifies harm ("systematic crimes")
            if head.pos_ in ("ADJ", "ADV", "VERB") and len(span) == 1 and family not in lex.any_head_families:
                targets = [head.head]
                if head.dep_ in ("acomp", "attr"):  # "the killings were systematic"
                    targets += [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if not any(t.lemma_.lower() in lex.harm_nouns or t.lemma_.lower() in lex.harm_verbs for t in targets):
                    continue
            scene = head.dep_ == "pobj" and head.head.lower_ in discourse().scene_preps  # "hurt during the massacre"
            denied_here = denied and not scene and not _asserted_by_contrast(head)
            negated = denied_here or _has_det_no(head) or _has_neg(head) or (
                head.head.i != head.i and (_has_det_no(head.head) or _has_neg(head.head)))
            found.append(Characterisation(family, m.group(0), bool(negated), (offset + m.start(), offset + m.end())))
            break
    return tuple(found)


def _asserted_by_contrast(tok: Token) -> bool:
    """``tok`` is in the asserted half of "not X but Y" ("not random killings but deliberate executions")."""
    for anc in [tok, *tok.ancestors]:
        if anc.dep_ == "conj" and anc.head.i != anc.i:
            governor = anc.head if anc.head.pos_ in ("VERB", "AUX") else anc.head.head
            if any(c is not None and c.i == anc.i for c in (contrasted(governor), contrasted(anc.head))):
                return True
    return False


_TEMPORAL_MARKS = frozenset({"after", "before", "when", "until", "once", "since", "while", "as"})


def _in_concession(tok: Token, lex: ClaimLexicon) -> bool:
    """Inside "despite X" / "although X" (what the sentence concedes) or "after X" / "when X" (a time,
    not a claim): what the sentence does not assert."""
    for anc in [tok, *tok.ancestors]:
        if anc.lower_ in lex.concessive:
            return True
        if anc.dep_ != "ROOT" and any(c.dep_ == "mark" and (c.lower_ in lex.concessive or c.lower_ in _TEMPORAL_MARKS)
                                      for c in anc.children):
            return True
    return False


def _status(unit: Unit, lex: ClaimLexicon) -> str | None:
    """'ended' (operation over, control regained) or 'continuing' (killings go on), from the main clause."""
    text = unit.span.text
    if not any(t.lemma_.lower() in lex.status_topics for t in unit.tokens()):
        return None
    doc, offset = unit.doc, unit.start_char
    ended = continuing = False
    for pattern, kind in ((lex.status_ended, "ended"), (lex.status_continuing, "continuing")):
        for m in pattern.finditer(text):
            span = doc.char_span(offset + m.start(), offset + m.end(), alignment_mode="expand")
            if span is None or _in_concession(span.root, lex) or (len(span) == 1 and span.root.dep_ == "amod"):
                continue  # conceded, or an attribute ("complete precision", "the ongoing conflict")
            negated = _negated(span.root) is not None or (span.root.head is not span.root
                                                          and _negated(span.root.head) is not None)
            if span.root.lower_ == "over" and (span.root.dep_ in ("prep", "quantmod") or span.root.head.like_num
                                               or any(c.like_num for c in span.root.children)
                                               or (span.root.i + 1 < len(doc) and doc[span.root.i + 1].like_num)):
                continue  # "over a period of hours", "over 200 people": no status
            if kind == "ended" and span.root.lower_ == "end" and span.root.pos_ == "NOUN":
                # "the end of its operation" needs an announcing verb or copula, not "by the end of"
                if span.root.dep_ == "pobj":
                    continue
            is_ended = (kind == "ended") != negated
            ended |= is_ended
            continuing |= not is_ended
    if continuing:
        return "continuing"
    if ended:
        return "ended"
    return None


def _phrase(tok: Token, unit: Unit | None = None) -> tuple[str, tuple[int, int]]:
    """The noun phrase a token heads, without clauses hanging off it (and never past its sentence)."""
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "amod", "nummod", "poss", "prep") and child.dep_ != "relcl":
            right = max(right, child.right_edge.i)
            if child.dep_ == "prep":
                break
    if unit is not None:
        left, right = max(left, unit.start), min(right, unit.end - 1)
    while right > left and (tok.doc[right].is_space or tok.doc[right].is_punct):
        right -= 1
    span = tok.doc[left : right + 1]
    return span.text, (span.start_char, span.end_char)


def _harms(unit: Unit, lex: ClaimLexicon) -> tuple[Harm, ...]:
    """Who did what harm to whom: harm verbs with their agent and patient."""
    from .lexicon import lexicon

    reporting_verbs = lexicon().attribution_verbs
    harms = []
    for tok in unit.tokens():
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in lex.harm_verbs:
            continue
        agent = patient = None
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        for child in tok.children:
            if child.dep_ == "nsubj" and not passive:
                agent = child
            elif child.dep_ == "agent":
                agent = next((p for p in child.children if p.dep_ == "pobj"), agent)
            elif child.dep_ in ("dobj", "nsubjpass"):
                patient = child
        if agent is None and tok.dep_ in ("conj", "xcomp", "advcl") and not passive:
            # "X ambushed and killed 16"; "X are alleged to have killed"
            for anc in tok.ancestors:
                if anc.lemma_.lower() in reporting_verbs and tok.dep_ == "conj":
                    # "X said Y had disguised ..., stopped cars and shot passengers": the parser often hangs
                    # the last verb on "said"; its subject is the reported clause's, not the speaker
                    reported = next((c for c in anc.children if c.dep_ == "ccomp" and c.i < tok.i), None)
                    if reported is not None:
                        agent = next((c for c in reported.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                        break
                agent = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if agent is not None or anc.dep_ not in ("conj", "xcomp", "advcl"):
                    break
        if agent is not None and agent.pos_ == "PRON" and agent.lower_ in ("who", "which", "that"):
            agent = agent.head.head if agent.head.dep_ == "relcl" else None
        if lemma in ("commit", "perpetrate", "carry") and patient is not None and (
            patient.lemma_.lower() not in lex.harm_nouns
        ):
            continue
        agent_text, agent_span = _phrase(agent, unit) if agent is not None else (None, None)
        patient_text, patient_span = _phrase(patient, unit) if patient is not None else (None, None)
        none = any(quantifier_negation(t) for t in (agent, patient) if t is not None)
        harms.append(Harm(verb=lemma, span=(tok.idx, tok.idx + len(tok.text)),
                          negated=_negated(tok) is not None or none,
                          agent=agent_text, agent_span=agent_span, patient=patient_text, patient_span=patient_span,
                          civilian_victims=patient is not None and any(
                              t.lemma_.lower() in lex.victim_nouns for t in patient.subtree)))
    return tuple(harms)


def _terms(unit: Unit, lex: ClaimLexicon) -> set[str]:
    out = set()
    for tok in unit.tokens():
        if tok.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not tok.is_stop and len(tok.text) > 2:
            lemma = tok.lemma_.lower()
            if lemma not in lex.generic_terms and lemma.isalpha():
                out.add(lemma)
    return out
