"""What the figure extractor passes between its phases: the parse of one number phrase (``_Found``), one report's
state (``_Context``) and the words every phase shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...model import CASUALTY_EVENTS
from ...models import FigureDraft
from ..attribution import Attributor
from ..lexicon import FigureLexicon
from ..numbers import NumberPhrase
from ..scope import PLACE_LABELS, Sited

#: the events of casualty figures, as a set (one definition: ``rashomon.model.CASUALTY_EVENTS``)
CASUALTY = frozenset(CASUALTY_EVENTS)


_PART_PREPS = frozenset({"including", "include", "among", "incl", "incl.", "inc.", "includes"})


_REL_PRONOUNS = frozenset({"who", "that", "which", "whom"})


_NEG = frozenset({"not", "never", "n't", "no"})


_PLACE_LABELS = PLACE_LABELS


_WINDOW_PREPS = frozenset({"since", "over", "during", "throughout", "within", "between", "from"})


@dataclass
class _Found:
    """What the parse says about one number phrase, before it becomes a Figure."""

    phrase: NumberPhrase
    noun: Token | None  # the counted noun (None for a bare number)
    role: Token  # the token carrying the phrase's role in the clause
    cat_noun: Token | None  # the noun that says who is counted
    event: str | None = None
    pred: Token | None = None  # the word that states the event (verb, event noun, toll)
    via: str = ""  # how the event was found: noun, modifier, clause, role, toll, part, include, partitive
    parent_anchor: Token | None = None  # for parts: the verb or noun of the whole
    qualifier: str | None = None  # a bound stated by the verb ("exceeded")
    span_start: int | None = None  # token index where the figure's words start, when before the phrase
    perpetrator_verb: Token | None = None
    forward: int | None = None  # token index of a whole stated later in the sentence
    body: str | None = None  # "12 of its members": the category of the body they belong to
    earlier: bool = False  # "rose to 57 from 41": 41 is an earlier value of the same toll


@dataclass
class _Context:
    """One document's state while its figures are extracted."""

    doc: Doc
    doc_id: str
    published: str | None
    text: str  # ``doc.text`` read once (spaCy joins the tokens again on every access)
    ents: list[Span]  # ``doc.ents`` read once, for the same reason
    lex: FigureLexicon
    attributor: Attributor
    figures: list[FigureDraft] = field(default_factory=list)
    # per figure: (unit start, role i, pred i, noun i, role head i), to find the whole a part belongs to
    anchors: list[tuple[int, int, int | None, int | None, int]] = field(default_factory=list)
    # total figures whose clause names a site or a named place (``rashomon.analyze.scope.restrict_to_sites``)
    sited: list[Sited] = field(default_factory=list)
    # every name the parser tags as a place somewhere in the report (it tags one town inconsistently)
    place_names: frozenset[str] = frozenset()
