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

from .contradiction import ContradictionScorer, StructuralScorer
from .neighbours import nearest
from .sources import SourceIndex

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
    nli_contradiction: float = 0.5  # with an NLI model: the least contradiction probability to keep a pair
    nli_pair_similarity: float = 0.6  # with an NLI model: affirmed pairs this close are checked for contradiction


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def source_key(name: str, index: SourceIndex | None = None) -> str:
    """The canonical key of a source name, within a corpus's :class:`SourceIndex` when given.

    >>> source_key("SOHR", SourceIndex(["the Syrian Observatory for Human Rights"]))
    'syrian observatory for human rights'
    """
    return (index or SourceIndex([name])).key(name)


class DisputeFinder:
    """Builds disputes from the claims, figures and actors of a whole corpus."""

    def __init__(self, documents: list[dict[str, Any]], claims: list[dict[str, Any]], vectors: np.ndarray,
                 figures: list[dict[str, Any]] | None = None,
                 side_of: Callable[[str, dict[str, Any]], str | None] | None = None,
                 settings: DisputeSettings | None = None, scorer: ContradictionScorer | None = None):
        self.documents = {d["id"]: d for d in documents}
        self.claims = claims
        self.vectors = vectors
        self.figures = figures or []
        self.side_of = side_of
        self.settings = settings or DisputeSettings()
        self.scorer = scorer or StructuralScorer()
        # a near-copy speaks with its original's voice
        self.origin = {d["id"]: d.get("duplicate_of") or d["id"] for d in documents}
        self._neighbours: tuple[np.ndarray, np.ndarray] | None = None
        self._df = self._document_frequencies()
        self.sources = SourceIndex([n for f in self.figures for n in f.get("attributed_to", [])]
                                   + [n for c in claims for n in c.get("attributed_to", [])])
        self.updates: list[dict[str, Any]] = []

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

    def _voice(self, index: int) -> str:
        """Who speaks in a claim: its cited source as carried by its outlet, or the outlet itself."""
        claim = self.claims[index]
        outlet = self._outlet(claim["doc_id"])
        cited = claim.get("attributed_to") or []
        return f"{cited[0]} (in {outlet})" if cited else outlet

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
        # denials that say the same thing are one stance, whoever makes them (union over neighbours)
        parent = {i: i for i in denials}

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in denials:
            for s, j in zip(sims[i], idx[i], strict=True):
                if j >= 0 and int(j) in parent and s >= self.settings.denials_merge:
                    parent[root(int(j))] = root(i)
        merged: dict[int, list[int]] = defaultdict(list)
        for i in denials:
            merged[root(i)].append(i)
        groups = list(merged.values())
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
            if affirmers and not isinstance(self.scorer, StructuralScorer):
                candidates = list(affirmers)
                scores = self.scorer.contradiction([(self.claims[group[0]], self.claims[j]) for j in candidates])
                affirmers = {j: affirmers[j] for j, p in zip(candidates, scores, strict=True)
                             if p >= self.settings.nli_contradiction}
            if not affirmers:
                continue
            best = sorted(affirmers, key=affirmers.get, reverse=True)[: self.settings.max_evidence]
            deniers = list(dict.fromkeys(self._voice(i) for i in group))
            content = next((self.claims[i]["denied_content"] for i in group if self.claims[i].get("denied_content")),
                           None)
            if content is not None:
                question = (f"Is it true that {_short(content['text'], 120)}?" if content["clause"]
                            else f"Is it true: {_short(content['text'], 120)}?")
            else:
                question = f"Is this true: “{_short(self.claims[best[0]]['text'], 120)}”?"
            disputes.append({
                "kind": "polarity",
                "question": question,
                "summary": f"Denied by {', '.join(deniers)}; reported by {', '.join(self._outlets(best))}.",
                "positions": [self._position("denies", group), self._position("affirms", best)],
                "strength": max(affirmers.values()),
            })
        return disputes

    def contradiction(self) -> list[dict[str, Any]]:
        """With an NLI model: close claims of different reports, both affirmed, that the model says contradict."""
        if isinstance(self.scorer, StructuralScorer):
            return []
        sims, idx = self.neighbours()
        pairs: list[tuple[int, int]] = []
        for i, claim in enumerate(self.claims):
            if claim["polarity"] != "affirmed":
                continue
            for s, j in zip(sims[i], idx[i], strict=True):
                j = int(j)
                if j > i and s >= self.settings.nli_pair_similarity and self.claims[j]["polarity"] == "affirmed" \
                        and self.origin[self.claims[j]["doc_id"]] != self.origin[claim["doc_id"]]:
                    pairs.append((i, j))
        scores = self.scorer.contradiction([(self.claims[i], self.claims[j]) for i, j in pairs])
        disputes = []
        for (i, j), p in zip(pairs, scores, strict=True):
            if p < 0.8:
                continue
            disputes.append({
                "kind": "contradiction",
                "question": f"Which is right: “{_short(self.claims[i]['text'], 80)}” "
                            f"or “{_short(self.claims[j]['text'], 80)}”?",
                "summary": f"The NLI model gives these two statements a {p:.0%} chance of contradicting each other.",
                "positions": [self._position("first", [i]), self._position("second", [j])],
                "strength": p,
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
            for harm in claim.get("harms", []):
                # a denial elsewhere in the sentence ("..., to falsely blame X") leaves its harm asserted
                if not harm.get("agent") or not harm.get("civilian_victims") or harm.get("negated"):
                    continue
                side = self.side_of(claim["doc_id"], harm)
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
        """The same upstream source's number reported for different victims, or tolls that cannot both hold.

        A later, higher toll from the same source is an update (kept in ``self.updates``), not a dispute.
        """
        self.updates: list[dict[str, Any]] = []
        casualty = [f for f in self.figures if f.get("event") in CASUALTY_EVENTS]
        by_source: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for fig in casualty:
            if fig.get("attributed_to"):
                by_source[(self.sources.key(fig["attributed_to"][0]), fig["event"])].append(fig)
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
                disputes.append({
                    "kind": "numeric",
                    "question": f"{source}'s {_number(value)} {event}: who does it count?",
                    "summary": "Reports give the same figure from the same source for different victims.",
                    "positions": [self._figure_position(f"{_number(value)} {category}", group)
                                  for category, group in categories.items()],
                    "strength": 1.0,
                })
            disputes += self._tolls_over_time(figs, event)
        disputes += self._conflicting_tolls(casualty)
        return disputes

    def _published(self, fig: dict[str, Any]) -> str:
        return self.documents.get(fig["doc_id"], {}).get("published") or ""

    def _tolls_over_time(self, figs: list[dict[str, Any]], event: str) -> list[dict[str, Any]]:
        """One source's tolls for one category across reports: rising with time is an update, else a dispute."""
        by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for fig in figs:
            if fig.get("qualifier") != "plural_of" and not fig.get("addition"):
                by_category[fig.get("category") or "people"].append(fig)
        disputes = []
        for category, group in by_category.items():
            # a report's toll is its largest figure from this source; its smaller ones are sub-counts
            tolls: dict[str, dict[str, Any]] = {}
            for f in group:
                if f["doc_id"] not in tolls or float(f["value"]) > float(tolls[f["doc_id"]]["value"]):
                    tolls[f["doc_id"]] = f
            dated = sorted((f for f in tolls.values() if self._published(f)),
                           key=lambda f: (self._published(f), f["value"]))
            if len({float(f["value"]) for f in dated}) < 2 or len({f["doc_id"] for f in dated}) < 2:
                continue
            clash = [(a, b) for a, b in zip(dated, dated[1:], strict=False)
                     if a["doc_id"] != b["doc_id"] and float(b["value"]) != float(a["value"])
                     and (self._published(a) == self._published(b) or float(b["value"]) < float(a["value"]))
                     and _comparable_windows(a, b)]
            if not clash:
                first, last = dated[0], dated[-1]
                if float(last["value"]) > float(first["value"]):
                    self.updates.append({
                        "source": first["attributed_to"][0], "event": event, "category": category,
                        "steps": [{"value": f["value"], "published": self._published(f), "doc_id": f["doc_id"],
                                   "figure_id": f.get("id")} for f in dated],
                    })
                continue
            a, b = clash[0]
            disputes.append(self._two_tolls(
                f"{a['attributed_to'][0]}'s toll of {category.replace('_', ' ')} {event}",
                "The same source is reported with different tolls for the same victims and time.", a, b, 0.9))
        return disputes

    def _two_tolls(self, subject: str, summary: str, a: dict[str, Any], b: dict[str, Any],
                   strength: float) -> dict[str, Any]:
        """A numeric dispute between two figures: "<subject>: a or b?"."""
        return {
            "kind": "numeric",
            "question": f"{subject}: {_number(float(a['value']))} or {_number(float(b['value']))}?",
            "summary": summary,
            "positions": [self._figure_position(_number(float(f["value"])), [f]) for f in (a, b)],
            "strength": strength,
        }

    def _conflicting_tolls(self, figs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Different sources' exact tolls for the same event, victims and window that are far apart."""
        keyed: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for fig in figs:
            time = fig.get("time") or {}
            if (fig.get("qualifier") in ("exact", "about") and time.get("start") and time.get("end")
                    and fig.get("part_of") is None and not fig.get("addition")):
                keyed[(fig["event"], fig.get("category") or "people", time["start"], time["end"])].append(fig)
        disputes = []
        for (event, category, start, end), group in keyed.items():
            by_source: dict[str, dict[str, Any]] = {}
            for fig in group:
                key = self.sources.key(fig["attributed_to"][0]) if fig.get("attributed_to") else f"doc:{fig['doc_id']}"
                by_source.setdefault(key, fig)
            if len(by_source) < 2:
                continue
            low = min(by_source.values(), key=lambda f: float(f["value"]))
            high = max(by_source.values(), key=lambda f: float(f["value"]))
            if float(high["value"]) < 1.2 * float(low["value"]) or low["doc_id"] == high["doc_id"]:
                continue
            disputes.append(self._two_tolls(
                f"How many {category.replace('_', ' ')} {event} from {start} to {end}",
                "Sources give tolls for the same victims and days that cannot both be right.", low, high, 0.8))
        return disputes

    def _figure_position(self, label: str, figs: list[dict[str, Any]]) -> dict[str, Any]:
        return {"label": label, "outlets": self._figure_outlets(figs),
                "evidence": [{"doc_id": f["doc_id"], "span": list(f["span"]), "text": f.get("text", ""),
                              "figure_id": f.get("id"), "attributed_to": f.get("attributed_to", [])} for f in figs]}

    def _figure_outlets(self, figs: list[dict[str, Any]]) -> list[str]:
        return list(dict.fromkeys(self._outlet(f["doc_id"]) for f in figs))

    def find(self) -> list[dict[str, Any]]:
        """All disputes, strongest first, with ids."""
        # the more specific kinds first: a polarity dispute restating one of them is dropped
        found: list[dict[str, Any]] = []
        for candidate in (self.numeric() + self.characterisation() + self.status() + self.perpetrator()
                          + self.polarity() + self.contradiction()):
            if not any(_overlap(candidate, kept) >= self.settings.duplicate_evidence for kept in found):
                found.append(candidate)
        found.sort(key=lambda d: (-len({e["doc_id"] for p in d["positions"] for e in p["evidence"]}),
                                  -d.get("strength", 0)))
        for n, dispute in enumerate(found, 1):
            dispute["id"] = f"d{n}"
            dispute.pop("strength", None)
        return found


def _comparable_windows(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two tolls speak of the same days unless both give windows that differ."""
    ta, tb = a.get("time") or {}, b.get("time") or {}
    if ta.get("start") and tb.get("start"):
        return ta.get("start") == tb.get("start") and ta.get("end") == tb.get("end")
    return True


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
