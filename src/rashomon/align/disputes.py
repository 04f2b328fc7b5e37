"""Disputes: questions on which the reports take different positions, each position backed by spans.

Kinds found (general mechanisms, no event-specific rules):

- ``polarity``: a report denies what other reports affirm. A denial is matched to the affirming claims
  of *other* reports that its embedding is closest to and that share its content words.
- ``characterisation``: one report denies a characterisation ("no systematic massacres", "not some
  organised rebellion") that another uses ("systematic crimes", "a premeditated attack").
- ``status``: an operation declared over or control regained, against violence said to continue.
- ``perpetrator``: the same harm to civilians attributed to actors of different sides.
- ``numeric``: one upstream source reported with different values or categories, or tolls for the same
  event and category that cannot both hold (a later, higher toll from the same source is an update).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import numpy as np

from .neighbours import nearest

CASUALTY_EVENTS = ("killed", "injured", "displaced", "detained", "missing")
FAMILY_QUESTIONS = {
    "systematic": "Were the killings systematic (a campaign against one community)?",
    "organised": "Was the violence organised or backed from outside?",
    "massacre": "Were there massacres?",
    "security operation": "Was this a security operation?",
}


@dataclass(frozen=True)
class DisputeSettings:
    """Thresholds of the dispute finder (cosine similarities of MiniLM sentence embeddings)."""

    neighbours: int = 15
    polarity_similarity: float = 0.45
    denials_merge: float = 0.6
    max_evidence: int = 8
    duplicate_evidence: float = 0.5  # disputes sharing this share of their evidence are one dispute


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def source_key(name: str, names: list[str] | None = None) -> str:
    """A key that makes "SOHR", "the Syrian Observatory for Human Rights" and its acronym equal.

    >>> source_key("the Syrian Observatory for Human Rights") == source_key("SOHR")
    True
    """
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", name) if w.lower() not in {"the", "a", "an"}]
    if len(words) == 1 and words[0].isupper():
        return words[0].lower()
    capitals = [w for w in words if w[:1].isupper()]
    if len(capitals) >= 2:
        return "".join(w[0] for w in capitals).lower()
    return _key(name)


class DisputeFinder:
    """Builds disputes from the claims, figures and actors of a whole corpus."""

    def __init__(self, documents: list[dict[str, Any]], claims: list[dict[str, Any]], vectors: np.ndarray,
                 figures: list[dict[str, Any]] | None = None, side_of: Callable[[str, str], str | None] | None = None,
                 settings: DisputeSettings | None = None):
        self.documents = {d["id"]: d for d in documents}
        self.claims = claims
        self.vectors = vectors
        self.figures = figures or []
        self.side_of = side_of
        self.settings = settings or DisputeSettings()
        # a near-copy speaks with its original's voice
        self.origin = {d["id"]: d.get("duplicate_of") or d["id"] for d in documents}
        self._neighbours: tuple[np.ndarray, np.ndarray] | None = None
        self._df = self._document_frequencies()

    # -- helpers -----------------------------------------------------------------------------
    def _document_frequencies(self) -> dict[str, int]:
        df: dict[str, int] = defaultdict(int)
        for claim in self.claims:
            for term in set(claim.get("terms", [])):
                df[term] += 1
        return df

    def neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        if self._neighbours is None:
            self._neighbours = nearest(self.vectors, k=self.settings.neighbours)
        return self._neighbours

    def _evidence(self, index: int) -> dict[str, Any]:
        claim = self.claims[index]
        return {"doc_id": claim["doc_id"], "span": list(claim["span"]), "text": claim["text"],
                "claim_id": claim.get("id")}

    def _outlet(self, doc_id: str) -> str:
        doc = self.documents.get(doc_id, {})
        return doc.get("outlet") or PurePath(doc.get("source") or doc_id).name

    def _outlets(self, indices: list[int]) -> list[str]:
        return list(dict.fromkeys(self._outlet(self.claims[i]["doc_id"]) for i in indices))

    def _position(self, label: str, indices: list[int]) -> dict[str, Any]:
        ordered = sorted(dict.fromkeys(indices), key=lambda i: (self.claims[i]["doc_id"], self.claims[i]["span"][0]))
        return {"label": label, "outlets": self._outlets(ordered),
                "evidence": [self._evidence(i) for i in ordered[: self.settings.max_evidence * 2]]}

    def _shares_content(self, a: dict[str, Any], b: dict[str, Any]) -> bool:
        """Two claims share a content word that is not everywhere in the corpus."""
        limit = max(3, len(self.claims) // 3)
        shared = set(a.get("terms", [])) & set(b.get("terms", []))
        return any(self._df.get(t, 0) <= limit for t in shared)

    # -- kinds -------------------------------------------------------------------------------
    def polarity(self) -> list[dict[str, Any]]:
        sims, idx = self.neighbours()
        denials = [i for i, c in enumerate(self.claims) if c["polarity"] == "denied"]
        groups: list[list[int]] = []
        for i in denials:  # denials that say the same thing are one stance, whoever makes them
            for group in groups:
                if any(float(self.vectors[i] @ self.vectors[j]) >= self.settings.denials_merge for j in group):
                    group.append(i)
                    break
            else:
                groups.append([i])
        disputes = []
        for group in groups:
            origins = {self.origin[self.claims[i]["doc_id"]] for i in group}
            affirmers: dict[int, float] = {}
            for i in group:
                for s, j in zip(sims[i], idx[i], strict=True):
                    if j < 0 or s < self.settings.polarity_similarity:
                        continue
                    other = self.claims[j]
                    if other["polarity"] != "affirmed" or self.origin[other["doc_id"]] in origins:
                        continue
                    if not self._shares_content(self.claims[i], other):
                        continue
                    affirmers[int(j)] = max(affirmers.get(int(j), 0.0), float(s))
            if not affirmers:
                continue
            best = sorted(affirmers, key=affirmers.get, reverse=True)[: self.settings.max_evidence]
            deniers = self._outlets(group)
            disputes.append({
                "kind": "polarity",
                "question": f"Is it true? {', '.join(deniers)} denies: “{_short(self.claims[group[0]]['text'])}”",
                "summary": f"{', '.join(deniers)} denies what {len(self._outlets(best))} other outlet(s) report.",
                "positions": [self._position("denies", group), self._position("affirms", best)],
                "strength": max(affirmers.values()),
            })
        return disputes

    def characterisation(self) -> list[dict[str, Any]]:
        negated: dict[str, list[int]] = defaultdict(list)
        affirmed: dict[str, list[int]] = defaultdict(list)
        for i, claim in enumerate(self.claims):
            for ch in claim.get("characterisations", []):
                (negated if ch["negated"] else affirmed)[ch["family"]].append(i)
        disputes = []
        for family, no in negated.items():
            if family == "massacre":
                continue  # denying the massacres themselves is a polarity dispute
            no_origins = {self.origin[self.claims[i]["doc_id"]] for i in no}
            yes = [i for i in affirmed.get(family, []) if i not in no]
            if not yes or not ({self.origin[self.claims[i]["doc_id"]] for i in yes} - no_origins):
                continue
            disputes.append({
                "kind": "characterisation",
                "question": FAMILY_QUESTIONS.get(family, f"Is “{family}” the right word for what happened?"),
                "summary": f"{', '.join(self._outlets(no))} rejects “{family}”; "
                           f"{', '.join(self._outlets(yes))} uses it.",
                "positions": [self._position("no", no), self._position("yes", yes)],
                "strength": 1.0,
            })
        return disputes

    def status(self) -> list[dict[str, Any]]:
        ended = [i for i, c in enumerate(self.claims) if c.get("status") == "ended"]
        going = [i for i, c in enumerate(self.claims) if c.get("status") == "continuing"]
        if not ended or not going:
            return []
        if len({self.origin[self.claims[i]["doc_id"]] for i in ended + going}) < 2:
            return []
        return [{
            "kind": "status",
            "question": "Is it over? The operation declared ended and control restored, or the violence continuing?",
            "summary": f"{', '.join(self._outlets(ended))} report it over; "
                       f"{', '.join(self._outlets(going))} report it continuing.",
            "positions": [self._position("over / control restored", ended),
                          self._position("continuing", going)],
            "strength": 1.0,
        }]

    def perpetrator(self) -> list[dict[str, Any]]:
        if self.side_of is None:
            return []
        by_side: dict[str, list[int]] = defaultdict(list)
        for i, claim in enumerate(self.claims):
            if claim["polarity"] != "affirmed":
                continue
            for harm in claim.get("harms", []):
                if not harm.get("agent") or not harm.get("civilian_victims"):
                    continue
                side = self.side_of(claim["doc_id"], harm["agent"])
                if side:
                    by_side[side].append(i)
        if len(by_side) < 2:
            return []
        sides = sorted(by_side, key=lambda s: -len(by_side[s]))[:2]
        origins = [{self.origin[self.claims[i]["doc_id"]] for i in by_side[s]} for s in sides]
        if len(origins[0] | origins[1]) < 2:
            return []
        return [{
            "kind": "perpetrator",
            "question": f"Who harmed civilians: {sides[0]} or {sides[1]}?",
            "summary": "Reports attribute harm to civilians to different sides.",
            "positions": [self._position(side, by_side[side]) for side in sides],
            "strength": 1.0,
        }]

    def numeric(self) -> list[dict[str, Any]]:
        """The same upstream source's number reported with different categories or values."""
        by_source: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for fig in self.figures:
            if fig.get("event") not in CASUALTY_EVENTS or not fig.get("attributed_to"):
                continue
            by_source[(source_key(fig["attributed_to"][0]), fig["event"])].append(fig)
        disputes = []
        for (_source, event), figs in by_source.items():
            by_value: dict[float, list[dict[str, Any]]] = defaultdict(list)
            for fig in figs:
                by_value[float(fig["value"])].append(fig)
            for value, same in by_value.items():
                categories = defaultdict(list)
                for fig in same:
                    categories[fig.get("category")].append(fig)
                docs = {self.origin.get(f["doc_id"], f["doc_id"]) for f in same}
                if len(categories) < 2 or len(docs) < 2:
                    continue
                source = same[0]["attributed_to"][0]
                positions = [{"label": f"{_number(value)} {category}",
                              "outlets": self._figure_outlets(group),
                              "evidence": [{"doc_id": f["doc_id"], "span": list(f["span"]), "text": f.get("text", ""),
                                            "figure_id": f.get("id")} for f in group]}
                             for category, group in categories.items()]
                disputes.append({
                    "kind": "numeric",
                    "question": f"{source}'s {_number(value)} {event}: who does it count?",
                    "summary": "Reports give the same figure from the same source for different victims.",
                    "positions": positions,
                    "strength": 1.0,
                })
        return disputes

    def _figure_outlets(self, figs: list[dict[str, Any]]) -> list[str]:
        return list(dict.fromkeys(self._outlet(f["doc_id"]) for f in figs))

    def find(self) -> list[dict[str, Any]]:
        """All disputes, strongest first, with ids."""
        # the more specific kinds first: a polarity dispute restating one of them is dropped
        found: list[dict[str, Any]] = []
        for candidate in (self.numeric() + self.characterisation() + self.status() + self.perpetrator()
                          + self.polarity()):
            if not any(_overlap(candidate, kept) >= self.settings.duplicate_evidence for kept in found):
                found.append(candidate)
        found.sort(key=lambda d: (-len({e["doc_id"] for p in d["positions"] for e in p["evidence"]}),
                                  -d.get("strength", 0)))
        for n, dispute in enumerate(found, 1):
            dispute["id"] = f"d{n}"
            dispute.pop("strength", None)
        return found


def _evidence_keys(dispute: dict[str, Any]) -> set[tuple[str, int]]:
    return {(e["doc_id"], e["span"][0]) for p in dispute["positions"] for e in p["evidence"]}


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Share of the smaller dispute's evidence that the other also cites."""
    ka, kb = _evidence_keys(a), _evidence_keys(b)
    return len(ka & kb) / min(len(ka), len(kb)) if ka and kb else 0.0


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else str(value)
