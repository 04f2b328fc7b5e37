"""What the per-document analysis finds in one report: figures, claims, actor mentions, place names.

Each finding is frozen and points to its words by a :class:`~rashomon.model.base.Span`. Ids are
assigned once, by the store, when the finding is saved (``f12``, ``c40``); a finding fresh from the
analysis has the id ``""``. Mentions are the exception: their ids (``m3``) are given by the analysis,
unique within their report, so that links between mentions of one report are ids, not positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .base import Attribution, ClaimId, FigureId, MentionId, Offsets, Span, TimeWindow
from .vocab import (
    Category,
    Credit,
    Event,
    Extent,
    FigureZone,
    MentionKind,
    PlaceKind,
    Polarity,
    Qualifier,
    RoleHint,
    Stance,
    Status,
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One numeric claim about people harmed or moved (see ``CONTRACT``: value, qualifier, event ...).

    ``value`` is the number as stated (``dozens`` -> 12, with ``qualifier`` plural_of); ``low``/``high``
    bound a range ("between 30 and 40"); ``part_of`` is the id of the figure of the same report this one
    is a part of ("including 12 children"); ``addition`` marks a number added to an earlier toll.
    ``attributions`` are ``attributed_to`` resolved to the corpus's sources (empty before alignment).
    ``channel`` is the medium or relay the source spoke through ("Telegram", "AFP"); ``voice`` whether a
    source is credited, the outlet gives the count as its own, or no one is named; ``zone`` the part of
    the report it is in (a caption's figure says so); ``earlier`` marks the earlier value of a toll given
    in the same clause ("rose to 57 from 41": 41). ``unit`` names what is counted when it is not persons
    ("families", "households", "homes"; never turned into persons); ``extent`` how much of the contested
    event the figure counts (``Extent``: total, incident, part of ``part_of``, or background).
    """

    span: Span
    text: str
    value: float
    id: FigureId = ""
    qualifier: Qualifier = "exact"
    event: Event = "other"
    category: Category = "people"
    group: str | None = None
    attributed_to: tuple[str, ...] = ()
    hedged: bool = False
    perpetrator: str | None = None
    time: TimeWindow | None = None
    place: str | None = None
    low: float | None = None
    high: float | None = None
    addition: bool = False
    part_of: FigureId | None = None
    sentence: Offsets | None = None
    attributions: tuple[Attribution, ...] = ()
    page: int | None = None  # the page (from 1) of a paged source holding the start of the span
    channel: str | None = None
    voice: Credit = "unattributed"
    zone: FigureZone = "body"
    earlier: bool = False
    unit: str | None = None
    extent: Extent = "total"

    @property
    def doc_id(self) -> str:
        return self.span.doc_id

    @property
    def upper(self) -> float:
        """The highest number this figure allows: its ``high`` when a range, else its value."""
        return self.high if self.high is not None else self.value

    @property
    def lower(self) -> float:
        return self.low if self.low is not None else self.value


@dataclass(frozen=True, slots=True)
class Harm:
    """A harm verb of a claim with who did it (agent) and to whom (patient), as the parse shows them."""

    verb: str
    span: Offsets
    negated: bool = False
    agent: str | None = None
    agent_span: Offsets | None = None
    patient: str | None = None
    patient_span: Offsets | None = None
    civilian_victims: bool = False


@dataclass(frozen=True, slots=True)
class Proposition:
    """What a claim asserts or denies, as who did what to whom (``analyze/propositions.py``).

    ``predicate`` is the class of the act (attack, kill, harm, abduct, destroy, displace, disperse, order,
    use: ``lang/en/propositions.json``) and ``verb`` the word naming it (a lemma: "strike", "fire");
    ``agent``/``patient`` are the phrases as written with their character spans and head lemmas;
    ``negated``: the claim says it did not happen ("not a single civilian was killed");
    ``patient_counted``: the patient is a number of people ("nine protesters", "dozens of marchers"):
    a question about the act asks about *any*, the number belongs to the figures; ``near`` (with its
    head lemma): the place the target is said to be next to ("targeted smugglers in an area adjacent to
    the depot": the depot), a target placed beside another rather than on it.
    ``instrument`` is what the act fired or used as written ("tear gas and then live rounds"), and
    ``instruments`` the kinds it names, one per conjunct ("tear gas", "live fire": ``instrument_kinds``);
    ``manner`` the kind of manner an adverbial gives the act ("by force", "deliberately" -> "force",
    "intent": ``manners``), None when none.
    """

    predicate: str
    verb: str
    negated: bool = False
    agent: str | None = None
    agent_span: Offsets | None = None
    agent_head: str | None = None
    patient: str | None = None
    patient_span: Offsets | None = None
    patient_head: str | None = None
    patient_plural: bool = False
    patient_counted: bool = False
    instrument: str | None = None
    instruments: tuple[str, ...] = ()
    manner: str | None = None
    near: str | None = None
    near_head: str | None = None

    def same_act(self, other: Proposition) -> bool:
        """About one act: the same class of act and the same patient head (or, when either patient is
        missing, the same agent head)."""
        if self.predicate != other.predicate:
            return False
        if self.patient_head and other.patient_head:
            return self.patient_head == other.patient_head
        return bool(self.agent_head and self.agent_head == other.agent_head)


@dataclass(frozen=True, slots=True)
class LaunchSite:
    """Where a claim says a weapon was fired from, named by who holds that ground (``analyze/launch_sites.py``).

    ``place`` is the phrase after "from" as written ("territory held by the Norland army") with its
    character span; ``holder`` the words naming who holds it ("the Norland army", "rebel" in
    "rebel-held") with theirs; ``negated``: the claim says it was *not* fired from there.
    """

    place: str
    span: Offsets
    holder: str
    holder_span: Offsets
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Characterisation:
    """A word that characterises what happened ("systematic", "massacre"), its family, and whether it is denied."""

    family: str
    term: str
    negated: bool
    span: Offsets


@dataclass(frozen=True, slots=True)
class DeniedContent:
    """What a denial denies when the sentence spells it out; ``clause``: it has a finite verb."""

    text: str
    span: Offsets
    clause: bool


@dataclass(frozen=True, slots=True)
class TimeMention:
    """Time words in a claim that resolve to days: ``span`` in the document, the window they give."""

    text: str
    span: Offsets
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Claim:
    """One check-worthy statement of a report with its stance, hedge, sources, characterisations and harms.

    ``hedged`` is ``hedge_cue is not None``; ``cue`` is the reporting verb ("said", "denied").
    ``rebuts`` lists the claims of other reports this denial rebuts (set by the alignment).
    ``attributed_to`` starts with the speaker: the subject of the reporting or denial verb; ``channel``
    is who relayed the words (a news agency), never counted as the speaker. ``propositions`` are the acts
    the claim asserts (or, for a denial, denies), the main clause's first; ``launch_sites`` where it says a
    weapon was fired from.
    """

    span: Span
    text: str
    id: ClaimId = ""
    polarity: Polarity = "affirmed"
    denial_cue: str | None = None
    denied_content: DeniedContent | None = None
    hedged: bool = False
    hedge_cue: str | None = None
    attributed_to: tuple[str, ...] = ()
    cue: str | None = None
    characterisations: tuple[Characterisation, ...] = ()
    status: Status | None = None
    harms: tuple[Harm, ...] = ()
    terms: tuple[str, ...] = ()
    times: tuple[TimeMention, ...] = ()
    rebuts: tuple[ClaimId, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    page: int | None = None  # the page (from 1) of a paged source holding the start of the span
    propositions: tuple[Proposition, ...] = ()
    channel: str | None = None  # the relay of the speaker's words ("the news agency said"), never the speaker
    launch_sites: tuple[LaunchSite, ...] = ()

    @property
    def proposition(self) -> Proposition | None:
        """The claim's first proposition: the act its main clause asserts or denies."""
        return self.propositions[0] if self.propositions else None

    @property
    def doc_id(self) -> str:
        return self.span.doc_id

    @property
    def stance(self) -> Stance:
        """What the claim does with what it says: denies, hedges, or affirms."""
        return "denies" if self.polarity == "denied" else "hedges" if self.hedged else "affirms"


Allegiance = Literal["state", "government", "unit", "nonstate", "vague", "challenger", "own"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor in a report, with the cues the cross-report resolver reads.

    ``kind`` is what the words name; ``allegiance`` whose forces a group is by its own words (state,
    government, unit, nonstate, vague, challenger, own); ``anchor`` the name a group is tied to
    ("pro-X", "X loyalists") with its ``anchor_type``, ``relation`` and ``anchor_tense``.
    Links (``antecedent``, ``alias_of``, ``same_as``, ``allied_with``, ``opposed_to``) are ids of
    mentions of the same report.
    """

    id: MentionId
    span: Span
    text: str
    head: str
    kind: MentionKind
    sentence: Offsets
    role_hint: RoleHint | None = None
    anchor: str | None = None
    anchor_type: str | None = None
    anchor_span: Offsets | None = None
    anchor_tense: str | None = None
    relation: str | None = None
    allegiance: Allegiance | None = None
    tense: Literal["former", "current"] | None = None
    determiner: str | None = None
    modifiers: tuple[str, ...] = ()
    norp: tuple[str, ...] = ()
    name: str | None = None
    title: str | None = None
    group: str | None = None
    ent: str | None = None
    cue: str | None = None
    camp: str | None = None
    appos_name: str | None = None
    quoted: bool = False
    subject: bool = False
    plural: bool = False
    anaphor: bool = False
    appositive: bool = False
    coref_only: bool = False
    acronym: bool = False
    first_person: bool = False
    antecedent: MentionId | None = None
    alias_of: MentionId | None = None
    same_as: MentionId | None = None
    allied_with: tuple[MentionId, ...] = ()
    opposed_to: tuple[MentionId, ...] = ()

    @property
    def doc_id(self) -> str:
        return self.span.doc_id


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place a report names: its words, the kind its words say, and the region the text puts it in.

    ``evidence`` says how it was found (entity, noun, prep); ``label`` is spaCy's entity label.
    """

    span: Span
    text: str
    kind: PlaceKind = "unknown"
    context: str | None = None
    region: str | None = None
    evidence: tuple[str, ...] = ()
    label: str | None = None
    with_noun: str | None = None
    local: bool = False  # the words make it a town or area, even under a country's name ("an area called X")

    @property
    def doc_id(self) -> str:
        return self.span.doc_id
