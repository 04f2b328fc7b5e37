"""Actor mentions in one parsed report: people, organisations, armed groups, state forces, states, communities.

:func:`extract_mentions` walks the parse once. A mention is a noun phrase headed by a name (a person, an
organisation, a country, a community) or by a noun that names an acting group (forces, troops, fighters,
loyalists, remnants, militias, government, regime ...; see ``lang/en/actors.json``). The phases, one module
each:

- ``extent``: the natural phrase a researcher would quote ("remnants of the Assad regime", "pro-Assad
  fighters", "security forces aligned with the new regime"), never a coordinated second phrase;
- ``anchors``: the name a group is tied to ("pro-X", "X loyalists", "loyal to X", "remnants of X's regime",
  "X's forces", "forces aligned with X"), and whether it is dated *former* or *current*;
- ``roles``: a *role hint* from the parse: the subject of a harm verb is an agent, its object a patient,
  the subject of a reporting verb a source;
- ``groups`` and ``entities``: which words make a mention, and of what kind;
- ``links``: "these remnants" and "the organisation" to an earlier mention, "X (ABC)" and "X, also known
  as Y" as aliases, "X, a UK-based monitor" and "X are Y" as other names for X, allies and opponents.

Mentions are :class:`rashomon.model.Mention` values; :mod:`rashomon.align.actors` resolves them across reports.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...model import Mention
from ...model import Span as ModelSpan
from .drafts import add
from .entities import entity, title_or_anaphor
from .extent import split_left
from .groups import challenger_people, cued_state, fellowship, group
from .links import link_mentions
from .parse import Draft, Parse, words

__all__ = ["extract_mentions", "mention_id"]

#: entity labels that name an actor
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: dependencies of a word that modifies another noun rather than heading its own phrase
_MODIFIER_DEPS = frozenset({"compound", "poss", "npadvmod", "amod", "advmod"})


def extract_mentions(doc: Doc) -> list[Mention]:
    """Every actor mention in one parsed report, in text order, as :class:`rashomon.model.Mention` values.

    Each mention: ``span`` and ``text`` (the phrase to quote), ``head`` (lemma of its head noun), ``kind``
    (person, organisation, state, state_forces, government, armed_group, community, civilians, pronoun),
    ``anchor`` (the name a group is tied to, or None), ``role_hint`` (agent, patient, source or None),
    ``sentence`` (offsets); the links ``antecedent``, ``alias_of``, ``same_as`` (ids of mentions of this
    report: ``m0``, ``m1`` ... in text order) and the cues :mod:`rashomon.align.actors` needs
    (``tense``, ``allegiance``, ``norp``, ``modifiers``, ``anchor_type``, ``relation``, ``name``, ``title``,
    ``quoted``).

    >>> from rashomon.analyze import load_nlp
    >>> [m.text for m in extract_mentions(load_nlp()("Pro-Kessler fighters shot two soldiers."))]
    ['Pro-Kessler fighters', 'soldiers']
    """
    p = Parse(doc)
    for t in doc:
        _mention_at(p, t)
    link_mentions(p)
    doc_id = doc.user_data.get("rashomon.doc_id", "")
    return [_mention(m, k, doc_id) for k, m in enumerate(p.mentions)]


def _mention_at(p: Parse, t: Token) -> None:
    """The mention headed by ``t``, if its words make one."""
    pos, dep = t.pos_, t.dep_
    if pos == "PRON":
        if t.lower_ in {"he", "she"} and dep in {"nsubj", "nsubjpass"}:
            add(p, t, {t.i}, "pronoun", coref_only=True)
        return
    if pos not in {"NOUN", "PROPN"} and not (pos == "ADJ" and dep in {"nsubj", "dobj", "pobj"}
                                             and t.ent_type_ == "NORP"):
        return
    ent = p.ent_of.get(t.i)
    if ent is not None and ent.root.i == t.i and ent.label_ in _ACTOR_ENTS:
        if dep in {"npadvmod", "amod", "advmod", "poss"}:
            return
        if dep == "compound" and ent.label_ in {"PERSON", "ORG"} and t.head.pos_ in {"NOUN", "PROPN"}:
            return  # "Assad militia", "Hamas fighters": a modifier, not the actor
        entity(p, t, ent)
        return
    if ent is not None and ent.label_ in _ACTOR_ENTS | {"CARDINAL", "DATE"} and ent.root.i != t.i and \
            not (words(t) & p.lex.group_heads and ent.label_ == "CARDINAL"):
        return
    if (dep in _MODIFIER_DEPS or (dep == "nmod" and t.head.pos_ in {"NOUN", "PROPN"})) and not split_left(p, t) \
            and not (dep == "poss" and words(t) & p.lex.group_heads):  # "the army's offensive": the army acts
        return
    if fellowship(p, t):
        return
    if (words(t) & p.lex.group_heads or cued_state(p, t) or challenger_people(p, t)) and group(p, t):
        return
    title_or_anaphor(p, t)


def mention_id(position: int) -> str:
    """The id of the mention at ``position`` in its report's text order."""
    return f"m{position}"


_FLAGS = ("quoted", "subject", "plural", "anaphor", "appositive", "coref_only", "acronym", "first_person")
_TEXTS = ("anchor", "anchor_type", "anchor_tense", "relation", "tense", "determiner", "name", "title", "group",
          "ent", "cue", "camp", "appos_name", "role_hint")


def _mention(m: Draft, k: int, doc_id: str) -> Mention:
    """The extractor's working record as a typed mention; list positions become ids."""
    link = {f: mention_id(m[f]) if m.get(f) is not None else None  # type: ignore[literal-required]
            for f in ("antecedent", "alias_of", "same_as")}
    return Mention(
        id=mention_id(k), span=ModelSpan(doc_id, m["span"][0], m["span"][1]), text=m["text"], head=m["head"],
        kind=m["kind"], sentence=(m["sentence"][0], m["sentence"][1]), allegiance=m.get("stance"),  # type: ignore[arg-type]
        anchor_span=tuple(m["anchor_span"]) if m.get("anchor_span") else None,  # type: ignore[arg-type]
        modifiers=tuple(m.get("modifiers") or ()), norp=tuple(m.get("norp") or ()),
        allied_with=tuple(mention_id(j) for j in m.get("allied_with") or ()),
        opposed_to=tuple(mention_id(j) for j in m.get("opposed_to") or ()),
        **{f: m.get(f) for f in _TEXTS}, **{f: bool(m.get(f)) for f in _FLAGS}, **link,  # type: ignore[arg-type]
    )
