"""The typed contract between rashomon's layers: frozen dataclasses for every item of the dossier.

- :mod:`.vocab`: the closed vocabularies (events, categories, qualifiers, stances, kinds);
- :mod:`.base`: :class:`Span`, :class:`Evidence`, :class:`Attribution`, :class:`Voice`, :class:`TimeWindow`;
- :mod:`.findings`: what one report holds: :class:`Figure`, :class:`Claim`, :class:`Mention`, :class:`PlaceMention`;
- :mod:`.aligned`: what the reports hold together: :class:`Source`, :class:`Actor`, :class:`ClaimGroup`,
  :class:`Dispute`, :class:`FigureBand`, :class:`Place`, :class:`TimelineEntry`, :class:`OutletFraming`;
- :mod:`.dossier`: :class:`Dossier`; :mod:`.codec`: the only conversion to and from JSON.

Layers after the store take and return these types; dicts appear only at the JSON edge.
"""

from .aligned import (
    Actor,
    Alignments,
    BandReport,
    ClaimGroup,
    Count,
    CountValue,
    Dispute,
    Estimate,
    FigureBand,
    FramedSide,
    Label,
    LabelCount,
    LoadedTerm,
    OutletFraming,
    Place,
    Position,
    Source,
    SourceAlias,
    TimelineEntry,
    TollStep,
    TollUpdate,
    Upstream,
)
from .base import (
    ActorId,
    Attribution,
    ClaimId,
    DocId,
    Evidence,
    FigureId,
    MentionId,
    Offsets,
    SourceId,
    Span,
    TimeWindow,
    Voice,
)
from .codec import CodecError, JSONObject, from_json, to_json
from .document import Document, InputFailure
from .dossier import SCHEMA, Dossier, OutletDescription, OutletEntry, Stats, Title
from .findings import (
    Characterisation,
    Claim,
    DeniedContent,
    Figure,
    Harm,
    LaunchSite,
    Mention,
    PlaceMention,
    Proposition,
    TimeMention,
)
from .vocab import (
    CASUALTY_EVENTS,
    CATEGORIES,
    EXTENTS,
    STANCES,
    ActorKind,
    Category,
    DisputeKind,
    Event,
    Extent,
    MentionKind,
    PlaceKind,
    Polarity,
    Qualifier,
    Role,
    RoleHint,
    SourceKind,
    Stance,
    Status,
    TimelineKind,
)

__all__ = [
    "Actor", "ActorId", "ActorKind", "Alignments", "Attribution", "BandReport", "CASUALTY_EVENTS", "CATEGORIES",
    "Category", "Characterisation", "Claim", "ClaimGroup", "ClaimId", "CodecError", "Count", "CountValue",
    "EXTENTS", "Estimate", "Extent", "DeniedContent", "Dispute",
    "DisputeKind", "DocId", "Document", "Dossier", "Event", "Evidence", "Figure", "FigureBand", "FigureId",
    "FramedSide", "Harm", "InputFailure", "JSONObject", "Label", "LabelCount", "LaunchSite", "LoadedTerm", "Mention",
    "MentionId",
    "MentionKind", "Offsets", "OutletDescription", "OutletEntry", "OutletFraming", "Place", "PlaceKind",
    "PlaceMention", "Polarity", "Position", "Proposition", "Qualifier", "Role", "RoleHint", "SCHEMA", "STANCES",
    "Source", "SourceAlias", "SourceId", "SourceKind", "Span", "Stance", "Stats", "Status", "TimeMention", "TimeWindow",
    "TimelineEntry", "TimelineKind", "Title", "TollStep", "TollUpdate", "Upstream", "Voice", "from_json", "to_json",
]
