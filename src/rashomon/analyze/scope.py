"""The scope of a figure within its report (issue 12): what unit it counts and how much of the event.

* unit: a counted noun that is not persons ("12 families", "300 homes") keeps its unit, so that no
  band or count ever adds households to persons;
* extent (``rashomon.model.vocab.Extent``): ``part`` of another figure of the report ("including five
  children"); ``background``: not a count of this event's harm at all (a number kept with event
  ``other``, a toll whose harm is done by a war or counted since or throughout one, or over years:
  "the war has killed 300,000", "since the conflict began", "over the past decade"); ``incident``: one
  incident within the event, marked by a determiner or modifier on an attack, place or day noun of the
  figure's clause ("in another ambush", "in the ensuing retaliation", "in one village", "in a single
  day"), or restricted to one site of the event (below); otherwise ``total``;
* site: the square, camp, market or building a killed or injured figure's clause puts the harm in ("killed at
  the sit-in", "wounded inside the camp", "17 of the dead were in the square"); a city or country is the
  event's own place, never a site, and "in the attack on the camp" names the act, not a site. The site
  restricts the figure (extent ``incident``, ``place`` the site) only when its report also gives a larger
  toll of the same event naming no site: otherwise the site is where the whole event happened ("a missile
  killed 50 at the station");
* named place: a town, region or facility a figure of any event is put in ("arrested in Ilmen", "nearly 150
  in Sarabad") restricts it the same way, when its report gives a larger figure of the same event and
  victims (or of all people) naming no place: a report whose whole event is in that town keeps its "30
  killed in Kramatorsk" a toll. A focus word on the place ("in Korvath alone") says the place is one of
  several, so a figure with no upper bound ("at least 640") is restricted too when that larger figure
  exceeds its number.
* shelter: a displacement figure whose verb says where people are or have arrived, not that they fled
  ("3,000 had registered at four shelters", "hundreds are sheltering in the old monastery", "1,200 are
  staying in Tarn": the verbs that make such a figure a displacement, ``events.shelter_verbs``) counts the
  people at that place, never all who fled: it is always an incident there (extent ``incident``, ``place``
  the place), with no larger toll needed in its report, so that it never contests a total of the displaced
  ("more than 8,000 fled the highlands"). A figure of a verb of flight stays a toll ("8,000 fled to the camps").

Every word comes from the ``scope`` section of ``rashomon/data/figures.json``; each test reads only
the dependency parse around the figure's predicate.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..model import CASUALTY_EVENTS, Extent
from ..models import FigureDraft
from .lexicon import lexicon, word_set
from .syntax import Unit, doc_text

__all__ = ["PLACE_LABELS", "Sited", "as_of", "extent_of", "named_place_of", "restrict_to_sites", "shelter_of",
           "site_of", "unit_of"]

#: how far up from the predicate the clause's subject and adjuncts are looked for ("another ambush
#: targeted a convoy, killing 13": the subject of the verb "killing" depends on)
_CLIMB = 3
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pobj", "prep", "dobj", "relcl", "acl", "ccomp"})
#: entity labels of a named place ("Ilmen", "the Halvek highlands", "the Central Police Directorate")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Sited:
    """A total figure of a report with the place its clause puts it in: a site ("at the sit-in") or a named
    place (``named``: "in Ilmen"); ``focused`` when a focus word marks the place as one of several ("in
    Korvath alone")."""

    figure: FigureDraft
    place: str
    named: bool = False
    focused: bool = False


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def unit_of(noun: Token | None) -> str | None:
    """The non-person unit a counted noun names ("families" for "family"), or None for persons.

    "members of 12 families" counts families too: the noun is the one the number counts.
    """
    if noun is None:
        return None
    units: dict[str, str] = lexicon().raw.get("scope", {}).get("units", {})
    return units.get(_lemma(noun)) or units.get(noun.lower_)


def extent_of(pred: Token | None, event: str, part: bool, unit: Unit) -> Extent:
    """How much of the contested event a figure counts (see the module's docstring; a site restriction is
    settled over the whole report by ``restrict_to_sites``).

    ``pred`` is the word stating the figure's event (verb, event noun or toll), ``part`` whether the figure
    is a part of another one of its report.
    """
    if part:
        return "part"
    if event not in CASUALTY_EVENTS:
        return "background"
    if pred is None:
        return "total"
    clause = _clause(pred, unit)
    if any(_background(t, unit) for t in clause):
        return "background"
    if any(_incident_word(t) for t in clause):
        return "incident"
    return "total"


def site_of(pred: Token | None, event: str, unit: Unit) -> str | None:
    """The one site of the event a figure's clause restricts it to, as written without its determiner or
    a generic head ("killed at the sit-in site" -> "sit-in", "inside the Dovra camp" -> "Dovra camp"), or
    None (see the module's docstring; the words are the ``site_*`` lists of the ``scope`` section)."""
    if pred is None or event not in word_set("scope", "site_events"):
        return None
    for head in _site_heads(pred, unit):
        if head.pos_ in ("NOUN", "PROPN") and _lemma(head) in lexicon().incident_nouns:
            continue  # "the attack on the station that killed 61": the act's target, not a site of the harm
        for c in head.children:
            if c.dep_ != "prep" or c.lower_ not in word_set("scope", "site_preps") or c not in unit:
                continue
            for o in c.children:
                if o.dep_ == "pobj" and (site := _site_name(o)) is not None:
                    return site
    return None


def named_place_of(role: Token, pred: Token | None, event: str, unit: Unit, places: frozenset[str]
                   ) -> tuple[str, bool] | None:
    """The named place a figure's own phrase or clause puts it in, and whether a focus word marks it as one
    place of several: "nearly 150 in Sarabad" -> ("Sarabad", False), "In Korvath alone, 640 were held" ->
    ("Korvath", True); None when no place is named. A name counts as a place when the parser tags it one
    here or anywhere in the report (``places``: it tags one town inconsistently), or when a focus word
    follows it; the prepositions are the ``site_preps`` of the ``scope`` section."""
    if event not in CASUALTY_EVENTS:
        return None
    heads = [role] + ([h for h in _site_heads(pred, unit) if h is not role] if pred is not None else [])
    focus = word_set("scope", "place_focus")
    for head in heads:
        for c in head.children:
            if c.dep_ != "prep" or c.lower_ not in word_set("scope", "site_preps") or c not in unit:
                continue
            for o in c.children:
                if o.dep_ != "pobj" or o.pos_ != "PROPN":
                    continue
                focused = any(a.dep_ == "advmod" and a.lower_ in focus for a in o.children)
                name = _entity_text(o)
                if focused or o.ent_type_ in PLACE_LABELS or name in places:
                    return name, focused
    return None


def shelter_of(pred: Token | None, event: str, unit: Unit) -> str | None:
    """The place a displacement figure counts the people at, as written without its determiner, when its verb
    says where they are or arrived (see the module's docstring): "had registered at four shelters" -> "four
    shelters", "are sheltering in the old monastery at Tarn" -> "old monastery", "are staying in Tarn" ->
    "Tarn"; None for a verb of flight ("fled to the camps"), another event, or a time ("registered in the
    past week")."""
    if (pred is None or event != "displaced" or pred.pos_ not in ("VERB", "AUX")
            or _lemma(pred) not in word_set("events", "shelter_verbs")):
        return None
    for c in pred.children:
        if c.dep_ != "prep" or c.lower_ not in word_set("scope", "site_preps") or c not in unit:
            continue
        for o in c.children:
            if o.dep_ == "pobj" and _noun(o) and o.ent_type_ not in ("DATE", "TIME"):
                return _entity_text(o) if o.pos_ == "PROPN" else _place_words(o)
    return None


def _noun(t: Token) -> bool:
    """A noun, or a word the tagger calls an adjective that a determiner shows is one ("the old seminary")."""
    return t.pos_ in ("NOUN", "PROPN") or t.pos_ == "ADJ" and any(c.dep_ == "det" for c in t.children)


def _place_words(noun: Token) -> str:
    """A common noun with the words before it that say which place it is ("four shelters", "old monastery")."""
    kept = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nummod", "nmod")]
    start = min((t.left_edge.i for t in kept), default=noun.i)
    return noun.doc[start:noun.i + 1].text


def _entity_text(noun: Token) -> str:
    """The name a proper noun belongs to, without its determiner ("the Halvek highlands" -> "Halvek highlands")."""
    for ent in noun.doc.ents:
        if ent.start <= noun.i < ent.end:
            return ent.text.removeprefix("the ").removeprefix("The ")
    lo = min((t.i for t in noun.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"), default=noun.i)
    return noun.doc[lo:noun.i + 1].text


def restrict_to_sites(figures: list[FigureDraft], sited: list[Sited]) -> None:
    """Make each figure of ``sited`` an incident at its place when the most it allows is below a total of
    the same event its report gives without a place ("some 50 were killed ... 38 died at the station";
    "dozens were killed at the station" may be all of them); a named place also needs that total to count
    the same victims or all people, and a focused one ("in Korvath alone") compares its number. An
    addition at a site ("tens more were killed at the square") follows the other figures its report
    restricts to that site."""
    unsited = [o for o in figures if o.extent == "total" and not o.addition and all(o is not s.figure for s in sited)]
    restricted: set[tuple[str, str]] = set()
    for s in sited:
        fig = s.figure
        most = fig.value if s.focused else _most(fig)
        if not fig.addition and most is not None and any(
                o.event == fig.event and o.value > most and (not s.named or o.category in (fig.category, "people"))
                for o in unsited):
            fig.extent, fig.place = "incident", s.place
            restricted.add((fig.event, s.place.lower()))
    for s in sited:
        if s.figure.addition and (s.figure.event, s.place.lower()) in restricted:
            s.figure.extent, s.figure.place = "incident", s.place


def _most(fig: FigureDraft) -> float | None:
    """The most a figure's words allow, None when they set no upper bound ("at least 30", "dozens")."""
    if fig.high is not None:
        return fig.high
    return fig.value if fig.qualifier in ("exact", "about", "at_most", "less_than") else None


def _site_heads(pred: Token, unit: Unit) -> list[Token]:
    """The predicate's clause, and for a counted noun ("17 victims were killed", "17 killed were in the
    square") the clause of the verb it is the subject of, when that verb is the event's or a copula."""
    heads = _clause(pred, unit)
    cur = pred.head if pred.dep_ == "acl" and pred.head in unit else pred
    if cur.dep_ in ("nsubj", "nsubjpass") and cur.head in unit and cur.head.i != cur.i:
        verb = cur.head
        if _lemma(verb) in word_set("scope", "site_verbs") or verb is not pred and _is_event_verb(verb):
            heads += [h for h in _clause(verb, unit) if h not in heads]
    return heads


def _is_event_verb(verb: Token) -> bool:
    lex = lexicon()
    return verb.pos_ in ("VERB", "AUX") and (_lemma(verb) in lex.transitive or _lemma(verb) in lex.intransitive)


def _site_name(noun: Token) -> str | None:
    """A site noun with its name and hyphened modifiers ("the sit-in site" -> "sit-in", "Dovra camp"), else None."""
    doc = noun.doc
    kept = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod") and _naming(t)]
    start = min((t.left_edge.i for t in kept), default=noun.i)
    words = doc[start:noun.i + 1].text
    generic = _lemma(noun) in word_set("scope", "site_generic_heads")
    if generic:
        lex = lexicon()
        if not kept or any(_lemma(t) in lex.incident_nouns or _lemma(t) in lex.event_nouns for t in kept):
            return None  # "at the site", "at the blast site": no site of the event named, only where it hit
        words = doc[start:noun.i].text
    site_words = word_set("scope", "site_nouns")
    if generic or _lemma(noun) in site_words or words.lower() in site_words:
        return words
    return None


def _naming(t: Token) -> bool:
    """A modifier that names a site rather than describing it: a compound noun or name, a hyphened word
    ("sit-in"); not "main" or "central"."""
    return t.dep_ in ("compound", "nmod") or t.pos_ == "PROPN" or any(w.text in ("-", "‑") for w in t.subtree)


def as_of(when: dict | None, unit: Unit, role: Token | None = None) -> dict | None:
    """A window given as the day a toll stands at ("as of 9 March", "by Sunday"; the one day of a toll verb
    whose argument the number is: "the toll rose to 41 on Wednesday", not "doubled since Monday to 4,500")
    ends then and has no start: the toll counts everything up to that day, not that day alone."""
    if not when or not when.get("text"):
        return when
    sentence = doc_text(unit.doc)[unit.start_char:unit.end_char].lower()
    at = sentence.find(when["text"].lower())
    before = sentence[:at].rstrip().rsplit(" ", 2) if at > 0 else []
    words = word_set("scope", "as_of_words")
    one_day = when.get("start") is not None and when.get("start") == when.get("end")
    if before and (before[-1] in words or " ".join(before[-2:]) in words) or (
            one_day and _toll_day(when["text"], role, unit)):
        return {**when, "start": None}
    return when


def _toll_day(text: str, role: Token | None, unit: Unit) -> bool:
    """The day words are an adjunct of the toll verb the number is the argument of ("rose to 41 on
    Wednesday"), not of a verb of harm ("killed 23 on Monday")."""
    if role is None or role.dep_ != "pobj" or role.head.lower_ not in word_set("tolls", "change_preps"):
        return False
    verb = role.head.head
    if verb not in unit or verb.pos_ not in ("VERB", "AUX") or _lemma(verb) not in word_set("tolls", "change_verbs"):
        return False
    day = text.lower()
    return any(c.dep_ in ("prep", "npadvmod") and day in unit.doc[c.left_edge.i:c.right_edge.i + 1].text.lower()
               for c in verb.children if c is not role.head)


def _clause(pred: Token, unit: Unit) -> list[Token]:
    """The predicate and the heads above it that share its subject and adjuncts, inside the sentence."""
    heads = [pred]
    cur = pred
    for _ in range(_CLIMB):
        if cur.dep_ not in _CLIMB_DEPS or cur.head.i == cur.i or cur.head not in unit:
            break
        cur = cur.head
        if _lemma(cur) in word_set("attribution", "verbs"):
            break  # "…, the ministry said": the reporting clause is not the figure's scope
        heads.append(cur)
    return heads


def _background(head: Token, unit: Unit) -> bool:
    """A war as the doer of the harm, or a window opened by a war or by a period of years."""
    nouns = word_set("scope", "background_nouns")
    for c in head.children:
        if c not in unit:
            continue
        if c.dep_ in ("nsubj", "poss", "agent") and _names(c, nouns):
            return True  # "the war has killed", "the conflict's toll", "killed by the war"
        opens = c.dep_ == "prep" or (c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children))
        opener = c.lower_ if c.dep_ == "prep" else next((m.lower_ for m in c.children if m.dep_ == "mark"), "")
        if opens and opener in word_set("scope", "window_preps") and any(_period(t) for t in c.subtree):
            return True  # "over the past decade", "in the past five years"
        if opens and opener in word_set("scope", "war_preps") and any(_names(t, nouns) for t in c.subtree):
            return True  # "since the conflict began", "throughout the war"; "killed in the conflict" may be the event
        if c.dep_ in ("npadvmod", "advmod") and _period(c):
            return True  # "so far this year"
    return False


def _names(t: Token, nouns: frozenset[str]) -> bool:
    if t.dep_ == "agent":
        return any(_names(o, nouns) for o in t.children if o.dep_ == "pobj")
    return _lemma(t) in nouns


def _period(t: Token) -> bool:
    """ "the past decade", "five years", "this year": a stretch of years back from now."""
    if _lemma(t) not in word_set("scope", "background_periods"):
        return False
    markers = word_set("scope", "period_markers")
    return t.lower_.endswith("s") or any(c.lower_ in markers for c in t.children)


def _incident_word(head: Token) -> bool:
    """An incident noun among the predicate's subject or adjuncts, marked as one of several."""
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass") and _one_incident(c):
            return True  # "another ambush killed 13"
        if c.dep_ == "prep" and any(o.dep_ == "pobj" and _one_incident(o) for o in c.children):
            return True  # "died in the ensuing retaliation"
        if c.dep_ == "npadvmod" and _one_incident(c):
            return True  # "killed 12 one night"
    return False


def _one_incident(noun: Token) -> bool:
    nouns = word_set("events", "incident_nouns") | word_set("scope", "incident_nouns")
    if _lemma(noun) not in nouns and noun.lower_ not in nouns:
        return False
    markers = word_set("scope", "incident_markers")
    return any(c.dep_ in ("det", "amod", "nummod", "advmod") and c.lower_ in markers for c in noun.children)
