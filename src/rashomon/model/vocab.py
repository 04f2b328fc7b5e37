"""The closed vocabularies of the dossier: every word a field may take, written down once.

Each ``Literal`` is the type of a model field; the tuples beside them are the same words in the
order the dossier shows them (``CASUALTY_EVENTS`` first killed, then injured ...).
"""

from __future__ import annotations

from typing import Literal, get_args

#: what a figure counts (``incidents``: attacks or massacres; ``other``: any other number)
Event = Literal["killed", "injured", "displaced", "detained", "missing", "incidents", "other"]
#: the events whose figures count people harmed or moved: the ones banded, charted and scored
CASUALTY_EVENTS: tuple[Event, ...] = ("killed", "injured", "displaced", "detained", "missing")
#: how much of the contested event a figure counts: all of it (``total``), one incident within it (one
#: ambush, one village, one day), a ``part`` of another figure ("including 60 children"), or ``background``
#: (another conflict or period, a war-long or country-wide total, a forecast or a non-casualty number)
Extent = Literal["total", "incident", "part", "background"]
EXTENTS: tuple[Extent, ...] = get_args(Extent)
#: who a figure counts
Category = Literal["civilians", "security_forces", "armed_group", "combatants", "people", "other"]
CATEGORIES: tuple[Category, ...] = get_args(Category)
#: how a figure's number is stated ("at least 30" -> at_least; "dozens" -> plural_of)
Qualifier = Literal["exact", "about", "at_least", "more_than", "at_most", "less_than", "plural_of"]
#: the part of a report a figure is in (``rashomon.zones``)
FigureZone = Literal["body", "standfirst", "caption", "headline"]
#: on whose word a figure is given: a source it credits, the outlet's own count, or no one named
Credit = Literal["source", "outlet", "unattributed"]
#: whether a claim asserts or denies what it says
Polarity = Literal["affirmed", "denied"]
#: what one report does with a claim group's proposition
Stance = Literal["affirms", "denies", "hedges"]
STANCES: tuple[Stance, ...] = get_args(Stance)
#: the state of the violence a claim asserts
Status = Literal["ended", "continuing"]
#: the mechanisms that find disputes (see ``rashomon.align.disputes``)
DisputeKind = Literal["numeric", "characterisation", "status", "perpetrator", "polarity", "contradiction",
                      "authenticity", "responsibility", "cause", "victims"]
#: what a source of figures and claims is
SourceKind = Literal["monitor", "government", "armed_group", "un_ngo", "media", "medical", "witnesses", "person",
                     "other"]
#: what an actor is (``side``: one side of the event, gathering its members' labels)
ActorKind = Literal["side", "person", "organisation", "state", "state_forces", "government", "armed_group",
                    "movement", "community", "civilians"]
#: an actor's part in the event as the reports' grammar shows it
Role = Literal["perpetrator", "victim", "source", "official"]
#: what a mention names, as the per-report analysis saw it
MentionKind = Literal["person", "organisation", "state", "state_forces", "government", "armed_group", "movement",
                      "community", "civilians", "pronoun"]
#: the grammatical role of a mention's head: the doer or sufferer of harm, or who reports
RoleHint = Literal["agent", "patient", "source"]
#: what a place is
PlaceKind = Literal["country", "region", "city", "village", "unknown"]
#: what a timeline entry dates
TimelineKind = Literal["publication", "event", "figure", "undated"]

__all__ = [
    "CASUALTY_EVENTS", "CATEGORIES", "EXTENTS", "STANCES", "ActorKind", "Category", "DisputeKind", "Event", "Extent",
    "MentionKind",
    "PlaceKind", "Polarity", "Qualifier", "Role", "RoleHint", "SourceKind", "Stance", "Status", "TimelineKind",
]
