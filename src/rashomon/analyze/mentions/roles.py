"""A mention's role hint from the parse: the subject of a harm verb is an agent, its object a patient, the
subject of a reporting verb (or the object of "according to") a source."""

from __future__ import annotations

from spacy.tokens import Token

from ...lang.actors import ActorLexicon
from .parse import Parse, lemma

#: verbs that raise a subject to a harm verb below them ("X is alleged to have killed")
_RAISING = frozenset({"allege", "say", "report", "believe", "suspect", "think", "claim", "accuse", "appear", "seem",
                      "expect"})


def role_hint(p: Parse, t: Token) -> str | None:
    """agent, patient, source or None for the noun ``t`` (through conjuncts, appositions and partitives)."""
    r = _governed(p.lex, t)
    found = _as_subject(p.lex, r) or _as_object(p.lex, r)
    if found:
        return found
    return _in_relative(p.lex, t)


def _governed(lex: ActorLexicon, t: Token) -> Token:
    """The token whose relation to its head says the role: ``t`` above conjuncts, appositions and
    partitives ("dozens of fighters")."""
    r = t
    for _ in range(4):
        if r.dep_ in {"conj", "appos"} and r.head is not r:
            r = r.head
        elif r.dep_ == "pobj" and r.head.lower_ == "of" and (
                lemma(r.head.head) in lex.partitive or r.head.head.like_num or r.head.head.pos_ == "NUM"):
            r = r.head.head
        else:
            break
    return r


def _as_subject(lex: ActorLexicon, r: Token) -> str | None:
    dep, h = r.dep_, r.head
    hl = h.lemma_.lower()
    if dep == "nsubj":
        if hl in lex.harm_verbs:
            return "agent"
        if hl in lex.report_verbs:
            return "source"
        if (hl in _RAISING or h.pos_ == "AUX") and hl != "be" and any(
                c.dep_ in {"xcomp", "ccomp"} and c.lemma_.lower() in lex.harm_verbs for c in h.children):
            return "agent"
    if dep == "nsubjpass":
        if hl in lex.harm_verbs:
            return "patient"
        x = next((c for c in h.children if c.dep_ == "xcomp" and c.lemma_.lower() in lex.harm_verbs), None)
        if x is not None:
            return "patient" if any(c.dep_ == "auxpass" for c in x.children) else "agent"
    return None


def _as_object(lex: ActorLexicon, r: Token) -> str | None:
    dep, h = r.dep_, r.head
    if dep == "dobj" and h.lemma_.lower() in lex.harm_verbs:
        return "patient"
    if dep in {"pobj", "agent"}:
        prep, gov = h, h.head
        gl = gov.lemma_.lower()
        if prep.lower_ == "by" and (gl in lex.harm_verbs or gl in lex.harm_nouns or gl in lex.patient_nouns):
            return "agent"
        if prep.lower_ in {"against", "on", "at", "targeting"} and (gl in lex.harm_nouns or gl in lex.harm_verbs):
            return "patient"
        if prep.lower_ == "of" and gl in lex.patient_nouns:
            return "patient"
        if prep.lower_ == "to" and gov.lower_ == "according":
            return "source"
    if dep == "poss" and lemma(h) in lex.harm_nouns:
        return "agent"
    return None


def _in_relative(lex: ActorLexicon, t: Token) -> str | None:
    """ "fighters who killed ...", "villagers killed by ...": the role a relative or participle clause gives."""
    for c in t.rights:
        if c.dep_ == "relcl":
            subj = next((x for x in c.children if x.dep_ in {"nsubj", "nsubjpass"} and x.lower_ in
                         {"who", "that", "which"}), None)
            if subj is not None and c.lemma_.lower() in lex.harm_verbs:
                return "patient" if subj.dep_ == "nsubjpass" else "agent"
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in lex.harm_verbs:
            return "patient"
    return None
