"""What every dispute kind reads: the corpus, the source identity, the settings, the claims' nearest
neighbours, and one way to turn claims and figures into positions with evidence and voices."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ... import lang
from ...model import Claim, Evidence, Figure, Harm, JSONObject, Position, Proposition, Voice
from ..contradiction import ContradictionScorer, StructuralScorer
from ..corpus import Corpus
from ..identity import Identity
from ..neighbours import nearest

#: the most names a dispute's summary lists (outlets, voices) before it says how many more there are
NAMES_LISTED = 6

#: which side an agent phrase of a report is on: (doc id, harm) -> side name or None
SideOf = Callable[[str, Harm], str | None]


@dataclass(frozen=True)
class DisputeSettings:
    """Thresholds of the dispute finder (cosine similarities of MiniLM sentence embeddings)."""

    neighbours: int = 15
    polarity_similarity: float = 0.45
    denials_merge: float = 0.6
    max_evidence: int = 8
    duplicate_evidence: float = 0.5  # disputes sharing this share of their evidence are one dispute
    nli_contradiction: float = 0.5  # with an NLI model: the least contradiction probability to keep a pair
    nli_pair_similarity: float = 0.6  # with an NLI model: affirmed pairs this close are checked for contradiction
    nli_dispute: float = 0.8  # with an NLI model: two affirmed claims this likely to contradict are a dispute
    toll_gap: float = 1.2  # two sources' tolls for the same days are a dispute when one is this much higher
    common_term_divisor: int = 3  # a content word in more than 1/this of the claims (and 3) says nothing
    own_voice_share: float = 0.2  # a report crediting at most this share of its claims speaks in its own name
    own_voice_claims: int = 3  # ... when it has at least this many claims (a statement, an investigation)


@dataclass(frozen=True, eq=False)
class Context:
    """The corpus and tools one run of the dispute finder shares across its kinds."""

    corpus: Corpus
    identity: Identity
    settings: DisputeSettings = field(default_factory=DisputeSettings)
    scorer: ContradictionScorer = field(default_factory=StructuralScorer)
    side_of: SideOf | None = None

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.corpus.claims

    @cached_property
    def wording(self) -> JSONObject:
        return lang.read("wording")

    @cached_property
    def neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        """Each claim's nearest claims: (similarities, indices), -1 where there are fewer."""
        return nearest(self.corpus.vectors, k=self.settings.neighbours)

    @cached_property
    def _own_voice(self) -> frozenset[str]:
        total: dict[str, int] = defaultdict(int)
        credited: dict[str, int] = defaultdict(int)
        for claim in self.claims:
            total[claim.doc_id] += 1
            credited[claim.doc_id] += bool(claim.attributed_to)
        return frozenset(d for d, n in total.items() if n >= self.settings.own_voice_claims
                         and credited[d] <= self.settings.own_voice_share * n)

    def speaks(self, claim: Claim) -> bool:
        """The claim has a voice: a credited speaker, or its report speaks in its own name (a statement or
        an investigation that credits almost nothing to anyone else). A news report's uncredited denial
        has no voice: its outlet is never shown denying."""
        return bool(claim.attributed_to) or claim.doc_id in self._own_voice

    @cached_property
    def claims_by_act(self) -> dict[tuple[str, str, str], tuple[int, ...]]:
        """Indices of the claims naming an act, by (class of act, "patient" or "agent", head word): the
        blocks two claims must share to be about one act (``Proposition.same_act``); no pairs across."""
        found: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        for i, claim in enumerate(self.claims):
            keys = {key for p in claim.propositions for key in act_keys(p)}
            for key in keys:
                found[key].append(i)
        return {k: tuple(v) for k, v in found.items()}

    @cached_property
    def _df(self) -> dict[str, int]:
        df: dict[str, int] = defaultdict(int)
        for claim in self.claims:
            for term in set(claim.terms):
                df[term] += 1
        return df

    def origin(self, claim: Claim | Figure) -> str:
        return self.corpus.origin(claim.doc_id)

    def shares_content(self, a: Claim, b: Claim) -> bool:
        """Two claims share a content word that is not everywhere in the corpus."""
        limit = max(3, len(self.claims) // self.settings.common_term_divisor)
        return any(self._df.get(t, 0) <= limit for t in set(a.terms) & set(b.terms))

    # -- positions -----------------------------------------------------------------------------------
    def outlets(self, items: Iterable[Claim | Figure]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.corpus.outlet(i.doc_id) for i in items))

    def named(self, names: Iterable[str]) -> str:
        """Names for a summary, each once, joined by commas; beyond ``NAMES_LISTED`` the first few and how
        many more ("A, B, C, D, E and 9 more"): a dispute across hundreds of outlets stays one sentence."""
        names = list(dict.fromkeys(names))
        if len(names) <= NAMES_LISTED:
            return ", ".join(names)
        return self.wording["lists"]["more"].format(names=", ".join(names[:NAMES_LISTED - 1]),
                                                    count=len(names) - NAMES_LISTED + 1)

    def voice(self, claim: Claim) -> Voice:
        """Who speaks in a claim: its cited source as carried by its outlet, or the outlet itself."""
        outlet = self.corpus.outlet(claim.doc_id)
        if not claim.attributed_to:
            return Voice(outlet)
        cited = self.identity.attribution(claim.doc_id, claim.attributed_to[0], claim.span.start)
        return Voice(outlet, claim.attributed_to[0], cited.source_id)

    def position(self, label: str, indices: Iterable[int]) -> Position:
        """A position backed by claims (indices into the corpus's claims), in document order."""
        claims = [self.claims[i] for i in sorted(dict.fromkeys(indices),
                                                 key=lambda i: (self.claims[i].doc_id, self.claims[i].span.start))]
        shown = claims[: self.settings.max_evidence * 2]
        return Position(label=label, outlets=self.outlets(claims),
                        evidence=tuple(Evidence(c.span, c.text, claim_id=c.id) for c in shown),
                        voices=tuple(dict.fromkeys(self.voice(c) for c in shown)))

    def figure_position(self, label: str, figs: Iterable[Figure]) -> Position:
        figs = list(figs)
        return Position(label=label, outlets=self.outlets(figs),
                        evidence=tuple(Evidence(f.span, f.text, figure_id=f.id, attributed_to=f.attributed_to)
                                       for f in figs),
                        voices=tuple(dict.fromkeys(self._figure_voice(f) for f in figs)))

    def _figure_voice(self, fig: Figure) -> Voice:
        outlet = self.corpus.outlet(fig.doc_id)
        if not fig.attributed_to:
            return Voice(outlet)
        return Voice(outlet, fig.attributed_to[0],
                     self.identity.source_id(fig.doc_id, fig.attributed_to[0], fig.span.start))


def act_keys(prop: Proposition) -> list[tuple[str, str, str]]:
    """The blocks a proposition is found under: its target's head, its doer's head, and the kinds of what
    it fired ("live fire")."""
    keys = [(prop.predicate, "patient", prop.patient_head)] if prop.patient_head else []
    keys += [(prop.predicate, "instrument", kind) for kind in prop.instruments]
    return keys + ([(prop.predicate, "agent", prop.agent_head)] if prop.agent_head else [])


def short(text: str, limit: int = 140) -> str:
    """Text cut at a word before ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def number(value: float) -> str:
    """A toll as words show it: ``1,383``; a decimal keeps its decimals."""
    return f"{int(value):,}" if float(value).is_integer() else str(value)
