"""Disputes: questions on which the reports take different positions, each position backed by spans.

One module per kind (general mechanisms, no event-specific rules):

- ``numeric``: one upstream source reported with different values or categories, or tolls for the same
  event and category that cannot both hold (a later, higher toll from the same source is an update);
- ``characterisation``: one report denies a characterisation that another uses, or independent voices
  use words for what happened that cannot both be right ("a massacre" / "security incidents");
- ``status``: an operation declared over or control regained, against violence said to continue;
- ``perpetrator``: the same harm to civilians, or the same act on one target, attributed to actors of
  different sides (coordinated doers are one position); or the launch site placed on ground held by
  different sides ("launched from rebel-held territory" / "from army-controlled positions");
- ``responsibility``: one side blamed for an act, that side denying it took part;
- ``cause``: one target killed or destroyed by causes that cannot both hold (a strike, gunfire, a misfire ...),
  or hit by two weapon models ("a Vetra-2 missile" / "a Kessel rocket");
- ``victims``: the victims, or those detained, called civilians by one voice, fighters or a threat by another
  (one question per group: one source's number given for different victims of that group joins it, with
  no "who does it count?" of its own); the place that was hit called purely civilian by one, a military
  target used by fighters by another;
- ``authenticity``: footage or documents called fabricated by one voice and genuine by another;
- ``target``: the place itself said to be attacked by some, the attack said to be aimed at a target beside it by
  another ("targeted smugglers in an area adjacent to the camp" / "stormed the camp"; kind ``polarity``);
- ``polarity``: a report denies what other reports affirm;
- ``contradiction``: with an NLI model, affirmed claims the model says contradict.

:func:`find_disputes` runs them all, drops a dispute restating one found before (the more specific
kinds first), ranks them by the independent voices of their less-voiced side, then reach and strength, and
numbers them ``d1``, ``d2`` ...
Adding a kind means adding a module and one line here.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import ClaimId, Count, Dispute
from ..figures import TollHistory
from .authenticity import authenticity
from .cause import cause, weapon
from .characterisation import characterisation, opposed_words
from .context import Context, DisputeSettings, SideOf
from .contradiction import contradiction
from .launch import launch_site
from .numeric import numeric, restated_numbers
from .perpetrator import perpetrator
from .polarity import polarity
from .responsibility import responsibility
from .status import status
from .target import target
from .victims import contested_groups, site_status, victims

__all__ = ["Context", "DisputeSettings", "SideOf", "find_disputes", "rebuttals"]


def find_disputes(ctx: Context, histories: tuple[TollHistory, ...] = (), counts: tuple[Count, ...] = ()
                  ) -> tuple[Dispute, ...]:
    """All disputes of the corpus, strongest first, with ids; ``histories`` are the sources' tolls
    over time (``rashomon.align.figures.source_tolls``), ``counts`` the corpus's counts
    (``rashomon.align.counts``)."""
    found: list[Dispute] = []
    contested, restated = contested_groups(ctx), restated_numbers(ctx)  # who-were-they asks the category question
    candidates = (numeric(ctx, histories, counts, restated, frozenset(c.group for c in contested))
                  + characterisation(ctx) + status(ctx) + perpetrator(ctx) + responsibility(ctx) + cause(ctx)
                  + weapon(ctx) + launch_site(ctx) + target(ctx) + victims(ctx, contested, restated)
                  + site_status(ctx) + authenticity(ctx) + polarity(ctx) + opposed_words(ctx) + contradiction(ctx))
    for candidate in candidates:
        if not any(_overlap(candidate, kept) >= ctx.settings.duplicate_evidence for kept in found):
            found.append(candidate)
    found.sort(key=lambda d: (-_voices(d), -len(d.doc_ids), -d.strength))
    return tuple(replace(d, id=f"d{n}") for n, d in enumerate(found, 1))


def _voices(dispute: Dispute) -> int:
    """The independent voices of the less-voiced side: a dispute two sources each argue ranks above one
    that a single voice contests (a voice is a source, or an outlet speaking for itself)."""
    counts = [len({v.source_id or v.source or v.outlet for v in p.voices}) for p in dispute.positions]
    return min(counts) if counts else 0


def _overlap(a: Dispute, b: Dispute) -> float:
    """Share of the smaller dispute's evidence that the other also cites."""
    ka, kb = a.evidence_keys(), b.evidence_keys()
    return len(ka & kb) / min(len(ka), len(kb)) if ka and kb else 0.0


def rebuttals(disputes: tuple[Dispute, ...]) -> dict[ClaimId, tuple[ClaimId, ...]]:
    """For each denying claim, the claims of other reports it rebuts (from polarity disputes)."""
    links: dict[ClaimId, list[ClaimId]] = {}
    for dispute in disputes:
        if dispute.kind != "polarity":
            continue
        denies, affirms = dispute.positions[0], dispute.positions[1]
        targets = [e.claim_id for e in affirms.evidence if e.claim_id]
        for e in denies.evidence:
            if e.claim_id:
                links.setdefault(e.claim_id, [])
                links[e.claim_id] += [t for t in targets if t not in links[e.claim_id]]
    return {k: tuple(v) for k, v in links.items()}
