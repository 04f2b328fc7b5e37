"""What the dossier page shows, worked out from the dossier dict: small pure functions, no I/O.

The templates only lay these out. Where the dossier already carries a section (``figure_bands``,
``claims``, ``framing``, ``timeline``, ``places``) it is used as given; otherwise what can be derived
from the figures and disputes is derived here, and nothing that needs the reports' language.

>>> outlet_names({"documents": [{"id": "d1", "source": "a/b.txt", "outlet": None}]})
{'d1': 'b.txt'}
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

CASUALTY_EVENTS = ("killed", "injured", "displaced", "detained", "missing")
CATEGORIES = ("civilians", "security_forces", "armed_group", "combatants", "people", "other")
STANCES = ("affirms", "denies", "hedges")
# what the analysis may call a stance, and the three words the claims matrix uses
_STANCE_WORDS = {
    "affirms": "affirms", "affirm": "affirms", "affirmed": "affirms", "asserts": "affirms", "supports": "affirms",
    "positive": "affirms", "yes": "affirms", "true": "affirms",
    "denies": "denies", "deny": "denies", "denied": "denies", "rejects": "denies", "refutes": "denies",
    "negative": "denies", "negated": "denies", "no": "denies", "false": "denies",
    "hedges": "hedges", "hedge": "hedges", "hedged": "hedges", "uncertain": "hedges", "reported": "hedges",
}
QUALIFIER_WORDS = {
    "exact": "", "about": "about", "at_least": "at least", "more_than": "more than", "at_most": "at most",
    "less_than": "less than", "plural_of": "",
}
# nesting order in the reader view: evidence outermost, so a followed link always lands on the whole quote
KIND_ORDER = {"evidence": 0, "claim": 1, "timeline": 2, "figure": 3, "actor": 4, "place": 5}


def outlet_names(dossier: dict[str, Any]) -> dict[str, str]:
    """The name to show for each document: its outlet, else the file name it was read from."""
    return {d["id"]: d.get("outlet") or PurePath(d["source"]).name or d["source"] for d in dossier["documents"]}


def html_id(*parts: object) -> str:
    """An HTML id made of safe characters only, so it works as a fragment link.

    >>> html_id("ev", "who killed?", 2)
    'ev-who-killed-2'
    """
    raw = "-".join(str(p) for p in parts)
    return re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-") or "item"


def format_number(value: Any) -> str:
    """``1383`` → ``'1,383'``; non-integers keep their decimals.

    >>> format_number(1383.0), format_number(2.5), format_number(None)
    ('1,383', '2.5', '')
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and float(value).is_integer():
        return f"{int(value):,}"
    return str(value)


def stated_value(fig: dict[str, Any]) -> str:
    """A figure's number as the report words it: ``at least 312``, ``hundreds``.

    >>> stated_value({"value": 100, "qualifier": "plural_of"}), stated_value({"value": 312, "qualifier": "at_least"})
    ('hundreds', 'at least 312')
    """
    value, qualifier = fig.get("value"), fig.get("qualifier") or "exact"
    if qualifier == "plural_of":
        return {12: "dozens", 20: "scores", 100: "hundreds", 1000: "thousands"}.get(int(value or 0),
                                                                                  f"{format_number(value)}s")
    word = QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " "))
    return f"{word} {format_number(value)}".strip()


def authority(fig: dict[str, Any]) -> str:
    """On whose word a figure rests: its sources, else the outlet's own."""
    return "; ".join(fig.get("attributed_to") or []) or "the outlet itself"


def time_window(time: dict[str, Any] | None) -> str:
    """A figure's time as words and dates: ``since Thursday (2031-05-08 – 2031-05-10)``."""
    if not time:
        return ""
    start, end = time.get("start"), time.get("end")
    dates = start if start and (not end or end == start) else f"{start or '…'} – {end}" if end else ""
    text = time.get("text") or ""
    return f"{text} ({dates})" if text and dates else text or dates


def quote_of(dossier_texts: dict[str, str], item: dict[str, Any]) -> str:
    """The words an item points to: its ``text`` when given, else the span of its document."""
    if item.get("text"):
        return str(item["text"])
    text = dossier_texts.get(item.get("doc_id", ""), "")
    start, end = (item.get("span") or [0, 0])[:2]
    return text[start:end]


# -- overview -----------------------------------------------------------------------------------------


@dataclass
class Overview:
    headline: str
    headline_source: str | None
    first: str | None
    last: str | None
    reports: int
    outlets: int
    origins: int
    undated: int
    top_disputes: list[dict[str, Any]]
    key_bands: list[dict[str, Any]]


def overview(dossier: dict[str, Any], bands: list[FigureTable] | None = None, limit: int = 5) -> Overview:
    """The event in one line, the date range, the counts, the most contested questions and the key tolls."""
    docs = dossier["documents"]
    names = outlet_names(dossier)
    dates = sorted(d["published"] for d in docs if d.get("published"))
    event = dossier.get("event")
    title = dossier.get("title")
    # the dossier's own title (neutral unless the user gave one) before any report's headline
    headline, source = (title.get("text") if isinstance(title, dict) else None), None
    if not headline and isinstance(event, dict):
        headline = event.get("summary") or event.get("title") or event.get("name")
    elif not headline and isinstance(event, str):
        headline = event
    if not headline:
        # the earliest dated original report's headline stands in for a summary the analysis has not written
        originals = [d for d in docs if not d.get("duplicate_of") and d.get("title")]
        originals.sort(key=lambda d: (d.get("published") is None, d.get("published") or ""))
        if originals:
            headline, source = originals[0]["title"], names[originals[0]["id"]]
    disputes = sorted(dispute_views(dossier), key=lambda d: (-len(d["outlets"]), -d["evidence_count"]))
    bands = bands if bands is not None else figure_tables(dossier)
    key = [b for b in bands if b.event in ("killed", "displaced")]
    key.sort(key=lambda b: (CASUALTY_EVENTS.index(b.event), -(b.high or 0)))
    return Overview(
        headline=headline or "(no headline)", headline_source=source,
        first=dates[0] if dates else None, last=dates[-1] if dates else None,
        reports=len(docs), outlets=len({names[d["id"]] for d in docs}),
        # the dossier's own count (mirrors of outlets.toml counted with what they mirror), else copies folded
        origins=(dossier.get("stats") or {}).get("independent_documents")
        or len({d.get("duplicate_of") or d["id"] for d in docs}),
        undated=sum(1 for d in docs if not d.get("published")),
        top_disputes=disputes[:limit],
        key_bands=[{"event": b.event, "category": b.category, "low": b.low, "high": b.high, "anchor": b.anchor}
                   for b in key[:4]],
    )


# -- disputes -----------------------------------------------------------------------------------------


def dispute_views(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """Each dispute with, per position, its outlets and its quotes (each with the reader-view anchor)."""
    names = outlet_names(dossier)
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    views = []
    for n, dispute in enumerate(dossier.get("disputes") or []):
        positions = []
        all_outlets: set[str] = set()
        count = 0
        for p, position in enumerate(dispute.get("positions") or []):
            evidence = []
            for e, item in enumerate(position.get("evidence") or []):
                if item.get("doc_id") not in texts:
                    continue
                evidence.append({"doc_id": item["doc_id"], "outlet": names[item["doc_id"]], "span": item["span"],
                                 "quote": quote_of(texts, item), "anchor": evidence_anchor(dispute, n, p, e)})
            outlets = list(dict.fromkeys(e["outlet"] for e in evidence))
            all_outlets.update(outlets)
            count += len(evidence)
            extra = {k: v for k, v in position.items() if k not in {"label", "evidence"} and _shown(v)}
            positions.append({"label": position.get("label") or f"position {p + 1}", "outlets": outlets,
                              "evidence": evidence, "extra": extra})
        extra = {k: v for k, v in dispute.items()
                 if k not in {"id", "kind", "question", "summary", "positions"} and _shown(v)}
        views.append({
            "id": dispute.get("id") or f"d{n + 1}", "anchor": html_id("dispute", dispute.get("id") or n + 1),
            "kind": dispute.get("kind") or "other",
            "question": dispute.get("question") or dispute.get("summary") or "(no question given)",
            "summary": dispute.get("summary") if dispute.get("question") else None,
            "positions": positions, "outlets": sorted(all_outlets), "evidence_count": count, "extra": extra,
        })
    return views


def evidence_anchor(dispute: dict[str, Any], n: int, p: int, e: int) -> str:
    return html_id("ev", dispute.get("id") or n + 1, p + 1, e + 1)


def _shown(value: Any) -> bool:
    """Extra keys are shown when they are short scalars (a confidence, a note), not nested data."""
    return isinstance(value, (str, int, float)) and not isinstance(value, bool) and len(str(value)) < 300


# -- figures ------------------------------------------------------------------------------------------


@dataclass
class FigureRow:
    """One value as reported: who reports it (with links to the words) and on whose authority."""

    value: float
    stated: str
    qualifier: str
    authority: str
    reports: list[dict[str, Any]] = field(default_factory=list)  # {outlet, published, anchor, is_copy, hedged}
    windows: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    hedged: bool = False


@dataclass
class FigureTable:
    """The figures for one event and category, with the band from the lowest to the highest value."""

    event: str
    category: str
    low: float | None
    high: float | None
    rows: list[FigureRow]
    figures: list[dict[str, Any]]
    note: str | None = None
    origins: int | None = None  # independent origins behind the values, when the analysis counted them
    updates: list[dict[str, Any]] = field(default_factory=list)  # {source, steps: [{value, published, anchor}]}

    @property
    def anchor(self) -> str:
        return html_id("band", self.event, self.category)

    @property
    def title(self) -> str:
        return f"{self.event} · {self.category.replace('_', ' ')}"


def _order(event: str, category: str) -> tuple[int, int, str, str]:
    e = CASUALTY_EVENTS.index(event) if event in CASUALTY_EVENTS else len(CASUALTY_EVENTS)
    c = CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)
    return e, c, event, category


def figure_tables(dossier: dict[str, Any]) -> list[FigureTable]:
    """A table per (event, category) of casualty figures, killed first; the band is the dossier's when given.

    The band computed here is the lowest and highest value reported (a figure's own ``low``/``high`` when
    it has them), with each value listed beside who reports it and on whose authority.
    """
    docs = {d["id"]: d for d in dossier["documents"]}
    figures = [f for f in dossier.get("figures") or [] if f.get("event") in CASUALTY_EVENTS and f.get("doc_id") in docs]
    by_id = {f.get("id"): f for f in figures}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    given: dict[tuple[str, str], dict[str, Any]] = {}
    for band in dossier.get("figure_bands") or []:
        key = (band.get("event", "other"), band.get("category", "people"))
        given[key] = band
        members = band.get("figures") or band.get("figure_ids") or band.get("members") or \
            [r.get("figure_id") for r in band.get("reports") or [] if isinstance(r, dict)]
        groups[key].extend(by_id[m] for m in members if isinstance(m, str) and m in by_id)
    if not given:
        for fig in figures:
            groups[(fig["event"], fig.get("category") or "people")].append(fig)
    tables = []
    for key in sorted(set(groups) | set(given), key=lambda k: _order(*k)):
        members = groups.get(key, [])
        lows = [f["low"] if f.get("low") is not None else f["value"] for f in members]
        highs = [f["high"] if f.get("high") is not None else f["value"] for f in members]
        band = given.get(key, {})
        low = band.get("low", min(lows) if lows else None)
        high = band.get("high", max(highs) if highs else None)
        updates = [{"source": u.get("source") or "", "steps": [
                        {"value": st.get("value"), "published": st.get("published"), "anchor": st.get("figure_id")}
                        for st in u.get("steps") or [] if isinstance(st, dict)]}
                   for u in band.get("updates") or [] if isinstance(u, dict)]
        origins = band.get("independent_origins")
        tables.append(FigureTable(event=key[0], category=key[1], low=low, high=high,
                                  rows=_figure_rows(members, docs), figures=members, note=band.get("note"),
                                  origins=origins if isinstance(origins, int) else None, updates=updates))
    return tables


def _figure_rows(figures: list[dict[str, Any]], docs: dict[str, dict[str, Any]]) -> list[FigureRow]:
    names = {i: d.get("outlet") or PurePath(d["source"]).name for i, d in docs.items()}
    rows: dict[tuple[Any, ...], FigureRow] = {}
    for fig in figures:
        key = (fig["value"], fig.get("qualifier"), authority(fig))
        row = rows.get(key)
        if row is None:
            row = rows[key] = FigureRow(value=fig["value"], stated=stated_value(fig),
                                        qualifier=(fig.get("qualifier") or "exact").replace("_", " "),
                                        authority=authority(fig))
        doc = docs[fig["doc_id"]]
        row.reports.append({"outlet": names[doc["id"]], "published": doc.get("published"),
                            "anchor": fig.get("id"), "is_copy": doc.get("duplicate_of") is not None,
                            "hedged": bool(fig.get("hedged")), "text": fig.get("text") or "",
                            "page": fig.get("page")})
        row.hedged = row.hedged or bool(fig.get("hedged"))
        for bucket, value in ((row.windows, time_window(fig.get("time"))), (row.places, fig.get("place")),
                              (row.groups, fig.get("group"))):
            if value and value not in bucket:
                bucket.append(value)
    return sorted(rows.values(), key=lambda r: (-float(r.value), r.authority))


def other_figures(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """Numbers that count no one harmed or moved (incidents, others): listed apart, not banded."""
    return [f for f in dossier.get("figures") or [] if f.get("event") not in CASUALTY_EVENTS]


def toll_series(table: FigureTable, dossier: dict[str, Any]) -> dict[str, list[tuple[str, float]]]:
    """How each source's toll moved: per source, (publication date, highest value that day), dated reports only.

    The source is whom the figure is credited to, else the outlet on its own authority.
    """
    docs = {d["id"]: d for d in dossier["documents"]}
    names = outlet_names(dossier)
    points: dict[str, dict[str, float]] = defaultdict(dict)
    for fig in table.figures:
        date = docs[fig["doc_id"]].get("published")
        if not date:
            continue
        source = "; ".join(fig.get("attributed_to") or []) or f"{names[fig['doc_id']]} (own)"
        value = float(fig["value"])
        points[source][date] = max(value, points[source].get(date, value))
    return {source: sorted(by_date.items()) for source, by_date in sorted(points.items())}


# -- claims matrix ------------------------------------------------------------------------------------


@dataclass
class ClaimRow:
    id: str
    text: str
    anchor: str
    cells: dict[str, list[dict[str, Any]]]  # outlet → [{stance, anchor, quote}]
    derived_from: str  # "claims" or "disputes"


@dataclass
class ClaimMatrix:
    outlets: list[str]
    rows: list[ClaimRow]
    derived_from: str

    def counts(self, outlet: str) -> Counter[str]:
        """How often an outlet affirms, denies, hedges or stays silent."""
        tally: Counter[str] = Counter()
        for row in self.rows:
            cell = row.cells.get(outlet)
            tally.update({c["stance"] for c in cell} if cell else {"silent"})
        return tally


def normalise_stance(item: dict[str, Any]) -> str:
    """affirms, denies or hedges, from the words the analysis used (``stance``, ``polarity``, ``hedged``).

    >>> normalise_stance({"polarity": "negative"}), normalise_stance({"stance": "affirm", "hedged": True})
    ('denies', 'hedges')
    """
    raw = item.get("stance") or item.get("polarity") or item.get("position") or "affirms"
    stance = _STANCE_WORDS.get(str(raw).lower().strip(), "affirms")
    if item.get("negated") is True:
        stance = "denies"
    if stance == "affirms" and item.get("hedged"):
        stance = "hedges"
    return stance


def claim_mentions(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """Every claim as one report makes it: ``{id, doc_id, span, stance, quote, anchor, attributed_to, group}``.

    Reads flat claims (the analysis's shape, optionally naming a ``group`` or ``cluster``) and groups
    that list their ``members`` (or ``mentions``).
    """
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    out = []
    for n, claim in enumerate(dossier.get("claims") or []):
        members = claim.get("members") or claim.get("mentions")
        if members is not None:
            keys = ("stance", "polarity", "hedged", "negated", "attributed_to")
            inherited = {k: claim[k] for k in keys if k in claim}
            gid = str(claim.get("id") or f"c{n + 1}")
            out.extend({**_member({**inherited, **m}, texts), "group": gid, "group_text": _claim_text(claim, texts)}
                       for m in members)
        else:
            group = claim.get("group", claim.get("cluster"))
            out.append({**_member(claim, texts), "group": None if group is None else str(group),
                        "group_text": claim.get("group_text") or claim.get("claim")})
    return [m for m in out if m["doc_id"] in texts]


def claim_groups(dossier: dict[str, Any], fallback: bool = True) -> list[dict[str, Any]]:
    """The claims gathered into groups ``{id, text, members: [claim mention]}``, each member with its stance.

    The analysis's ``claim_groups`` (ids of ``claims``, with a stance per document) come first; else
    groups made by the claims themselves. Without either, and with ``fallback``, each dispute is a
    group and each position a stance (``from_dispute``).
    """
    mentions = claim_mentions(dossier)
    if dossier.get("claim_groups"):
        by_id = {m["id"]: m for m in mentions if m.get("id")}
        groups = []
        for n, g in enumerate(dossier["claim_groups"]):
            stances = g.get("stance") if isinstance(g.get("stance"), dict) else {}
            members = []
            for cid in g.get("claims") or g.get("members") or []:
                m = by_id.get(cid if isinstance(cid, str) else (cid or {}).get("id"))
                if m:
                    said = _STANCE_WORDS.get(str(stances.get(m["doc_id"], "")).lower().strip(), m["stance"])
                    members.append({**m, "stance": said})
            text = g.get("label") or g.get("text") or g.get("summary") or (members[0]["quote"] if members else "")
            groups.append({"id": str(g.get("id") or f"g{n + 1}"), "text": str(text), "members": members})
        return groups
    grouped: dict[str, dict[str, Any]] = {}
    for m in mentions:
        if m["group"] is not None:
            grouped.setdefault(m["group"], {"id": m["group"], "text": m["group_text"] or m["quote"],
                                            "members": []})["members"].append(m)
    if grouped or not fallback:
        return list(grouped.values())
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    out = []
    for n, dispute in enumerate(dossier.get("disputes") or []):
        members = []
        for p, position in enumerate(dispute.get("positions") or []):
            for e, item in enumerate(position.get("evidence") or []):
                if item.get("doc_id") in texts:
                    members.append({"doc_id": item["doc_id"], "span": item["span"], "stance": position.get("label"),
                                    "position": p, "quote": quote_of(texts, item),
                                    "anchor": evidence_anchor(dispute, n, p, e)})
        out.append({"id": str(dispute.get("id") or f"d{n + 1}"), "text": dispute.get("question")
                    or dispute.get("summary") or "", "members": members, "from_dispute": True})
    return out


def _claim_text(claim: dict[str, Any], texts: dict[str, str]) -> str:
    return str(claim.get("claim") or claim.get("summary") or claim.get("label") or claim.get("text")
               or quote_of(texts, claim))


def _member(item: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    anchor = item.get("anchor") or (html_id("claim", item["id"]) if item.get("id") else claim_anchor(item))
    return {"id": item.get("id"), "doc_id": item.get("doc_id"), "span": item.get("span"),
            "stance": normalise_stance(item), "quote": quote_of(texts, item), "anchor": anchor,
            "attributed_to": item.get("attributed_to") or []}


def claim_anchor(item: dict[str, Any]) -> str:
    span = item.get("span") or [0, 0]
    return html_id("claim", item.get("doc_id"), span[0], span[1])


def claims_matrix(dossier: dict[str, Any], source: str = "claims") -> ClaimMatrix:
    """Claim groups × outlets: what each outlet affirms, denies or hedges; an empty cell is silence.

    With ``source="disputes"``, the rows are the disputed questions and a cell the position an outlet takes.
    """
    names = outlet_names(dossier)
    outlets = list(dict.fromkeys(names[d["id"]] for d in dossier["documents"]))
    if source == "disputes":
        groups = claim_groups({**dossier, "claims": [], "claim_groups": []})
    else:
        groups = claim_groups(dossier, fallback=False)
    derived = source
    rows = []
    for group in groups:
        cells: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for m in group["members"]:
            # one mark per stance an outlet takes; it links to the first words that take it
            if m.get("doc_id") in names and m["stance"] not in {c["stance"] for c in cells[names[m["doc_id"]]]}:
                cells[names[m["doc_id"]]].append(m)
        rows.append(ClaimRow(id=group["id"], text=group["text"], anchor=html_id("claim-group", group["id"]),
                             cells=dict(cells), derived_from=derived))
    return ClaimMatrix(outlets=outlets, rows=rows, derived_from=derived)


# -- outlets ------------------------------------------------------------------------------------------


@dataclass
class OutletProfile:
    name: str
    anchor: str
    documents: list[dict[str, Any]]
    names_for: dict[str, list[str]]  # side (or actor) → the words this outlet uses for it
    figures: int
    hedging_rate: float | None
    attribution_rate: float | None
    upstream: list[tuple[str, int]]
    copies_of: list[str]
    silent_on: dict[str, tuple[int, int]] = field(default_factory=dict)  # "claims"/"disputes" → (silent, rows)
    loaded_terms: list[dict[str, Any]] = field(default_factory=list)  # {term, count, quoted}
    extra: dict[str, Any] = field(default_factory=dict)


def outlet_profiles(dossier: dict[str, Any], matrices: list[ClaimMatrix] | None = None) -> list[OutletProfile]:
    """Per outlet: how it names each side, how often it hedges and attributes, whom it relies on.

    Rates are shares of the outlet's figures and claims; a ``framing`` entry for the outlet (from the
    analysis) overrides what is computed here.
    """
    names = outlet_names(dossier)
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in dossier["documents"]:
        by_outlet[names[doc["id"]]].append(doc)
    items: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fig in dossier.get("figures") or []:
        if fig.get("doc_id") in names:
            items[names[fig["doc_id"]]].append({"hedged": bool(fig.get("hedged")),
                                                "attributed_to": fig.get("attributed_to") or []})
    for m in claim_mentions(dossier):
        items[names[m["doc_id"]]].append({"hedged": m["stance"] == "hedges", "attributed_to": m["attributed_to"]})
    labels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for actor in dossier.get("actors") or []:
        side = str(actor.get("side") or actor.get("name") or actor.get("id"))
        for label in actor.get("labels") or []:
            if label.get("doc_id") in names:
                bucket = labels[names[label["doc_id"]]][side]
                if label.get("text") and label["text"] not in bucket:
                    bucket.append(label["text"])
    framing = _framing_by_outlet(dossier, names)
    if matrices is None:
        matrices = [claims_matrix(dossier, source) for source in ("claims", "disputes")]
    profiles = []
    for outlet, docs in by_outlet.items():
        found = items.get(outlet, [])
        upstream = Counter(s for item in found for s in item["attributed_to"])
        copies = [names[d["duplicate_of"]] for d in docs if d.get("duplicate_of") in names]
        profile = OutletProfile(
            name=outlet, anchor=html_id("outlet", outlet), documents=docs,
            names_for={side: words for side, words in sorted(labels.get(outlet, {}).items())},
            figures=sum(1 for f in dossier.get("figures") or [] if names.get(f.get("doc_id")) == outlet),
            hedging_rate=sum(i["hedged"] for i in found) / len(found) if found else None,
            attribution_rate=sum(bool(i["attributed_to"]) for i in found) / len(found) if found else None,
            upstream=upstream.most_common(), copies_of=copies,
            silent_on={m.derived_from: (m.counts(outlet)["silent"], len(m.rows)) for m in matrices if m.rows},
        )
        _apply_framing(profile, framing.get(outlet))
        profiles.append(profile)
    return profiles


def _framing_by_outlet(dossier: dict[str, Any], names: dict[str, str]) -> dict[str, dict[str, Any]]:
    framing = dossier.get("framing") or {}
    entries = framing.items() if isinstance(framing, dict) else ((None, f) for f in framing)
    out: dict[str, dict[str, Any]] = {}
    for key, entry in entries:
        if not isinstance(entry, dict):
            continue
        outlet = entry.get("outlet") or names.get(entry.get("doc_id", "")) or key
        if outlet:
            out[str(outlet)] = entry
    return out


def _apply_framing(profile: OutletProfile, entry: dict[str, Any] | None) -> None:
    if not entry:
        return
    for key in ("hedging_rate", "attribution_rate"):
        if isinstance(entry.get(key), (int, float)):
            setattr(profile, key, float(entry[key]))
    upstream = entry.get("upstream") or entry.get("sources")
    if isinstance(upstream, dict):
        profile.upstream = sorted(((str(k), int(v)) for k, v in upstream.items()), key=lambda kv: -kv[1])
    elif isinstance(upstream, list):
        profile.upstream = [(str(u), 0) if not isinstance(u, (list, tuple)) else (str(u[0]), int(u[1]))
                            for u in upstream]
    named = entry.get("names") or entry.get("labels")
    if isinstance(named, dict):
        profile.names_for = {str(k): [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in named.items()}
    sides = entry.get("sides")
    if isinstance(sides, list) and sides:
        profile.names_for = {
            str(s.get("name") or s.get("side")): [str(lab.get("text") if isinstance(lab, dict) else lab)
                                                  for lab in s.get("labels") or []]
            for s in sides if isinstance(s, dict)}
    terms = entry.get("loaded_terms")
    if isinstance(terms, list):
        profile.loaded_terms = [{"term": str(t.get("term")), "count": int(t.get("count") or 0),
                                 "quoted": int(t.get("quoted") or 0)} for t in terms if isinstance(t, dict)]
    profile.extra = {k: v for k, v in entry.items() if k not in {"outlet", "doc_id", "doc_ids", "hedging_rate",
                     "attribution_rate", "upstream", "sources", "names", "labels", "sides", "loaded_terms",
                     "figures", "hedged", "attributed"} and _shown(v)}


# -- timeline and places ------------------------------------------------------------------------------


def timeline_entries(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """The dossier's timeline, in date order (undated last), each with its source words and anchor."""
    names = outlet_names(dossier)
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    out = []
    for n, entry in enumerate(dossier.get("timeline") or []):
        start = entry.get("date") or entry.get("start")
        evidence = [
            {"outlet": names[e["doc_id"]], "quote": quote_of(texts, e),
             "anchor": mention_anchor("timeline", entry, n, i)}
            for i, e in enumerate(_mentions(entry)) if e.get("doc_id") in names
        ]
        out.append({"start": start, "end": entry.get("end") if entry.get("end") != start else None,
                    "text": entry.get("label") or entry.get("summary") or entry.get("text") or "",
                    "place": entry.get("place"), "evidence": evidence, "anchor": html_id("when", entry.get("id") or n)})
    return sorted(out, key=lambda e: (e["start"] is None, e["start"] or ""))


def web_link(url: str | None) -> str | None:
    """A report's URL when it is safe to link to (http or https), else None: a ``javascript:`` or
    ``data:`` URL in an untrusted record must never become a link.

    >>> web_link("https://example.org/a?b=1"), web_link("javascript:alert(1)"), web_link(None)
    ('https://example.org/a?b=1', None, None)
    """
    if not url:
        return None
    scheme = url.split(":", 1)[0].strip().lower()
    return url.strip() if scheme in ("http", "https") and "://" in url else None


def place_entries(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """The places the reports name, with coordinates when given and the words each report uses."""
    names = outlet_names(dossier)
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    out = []
    for n, place in enumerate(dossier.get("places") or []):
        mentions = [{"outlet": names[m["doc_id"]], "quote": quote_of(texts, m),
                     "anchor": mention_anchor("place", place, n, i)}
                    for i, m in enumerate(_mentions(place)) if m.get("doc_id") in names]
        out.append({"name": place.get("name") or place.get("text") or "", "kind": place.get("kind"),
                    "admin1": place.get("admin1"), "country": place.get("country"),
                    "latitude": place.get("latitude"), "longitude": place.get("longitude"),
                    "mentions": mentions, "outlets": sorted({m["outlet"] for m in mentions}),
                    "named_by": named_by(mentions), "anchor": html_id("place", place.get("id") or n)})
    return sorted(out, key=lambda p: (-len(p["mentions"]), p["name"]))


def named_by(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who names a place, and how often: one entry per outlet (the anchor of its first mention), most first.

    >>> [(n["outlet"], n["count"]) for n in named_by([{"outlet": "B", "anchor": "x"}, {"outlet": "A", "anchor": "y"},
    ...                                                {"outlet": "B", "anchor": "z"}])]
    [('B', 2), ('A', 1)]
    """
    by_outlet: dict[str, dict[str, Any]] = {}
    for m in mentions:
        entry = by_outlet.setdefault(m["outlet"], {"outlet": m["outlet"], "count": 0, "anchor": m["anchor"],
                                                   "quote": m.get("quote")})
        entry["count"] += 1
    return sorted(by_outlet.values(), key=lambda e: (-e["count"], e["outlet"]))


def _mentions(entry: dict[str, Any]) -> list[dict[str, Any]]:
    if entry.get("doc_id") and entry.get("span"):
        return [entry]
    return [m for m in entry.get("mentions") or entry.get("evidence") or entry.get("labels") or []
            if isinstance(m, dict) and m.get("doc_id") and m.get("span")]


def mention_anchor(kind: str, entry: dict[str, Any], n: int, i: int) -> str:
    return html_id(kind, entry.get("id") or n + 1, i + 1)


# -- reader view --------------------------------------------------------------------------------------


@dataclass
class Highlight:
    """One extracted item to mark in a report: where, what kind, its anchor id and what hovering says."""

    start: int
    end: int
    kind: str
    anchor: str
    tip: str
    variant: str = ""  # a claim's stance, styled apart (denials and hedges stand out)


def highlights(dossier: dict[str, Any]) -> dict[str, list[Highlight]]:
    """Every extracted item of the dossier with a span, per document, ready for :func:`nest_segments`."""
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    out: dict[str, list[Highlight]] = defaultdict(list)

    def add(doc_id: Any, span: Any, kind: str, anchor: str, tip: str, variant: str = "") -> None:
        if doc_id in texts and isinstance(span, (list, tuple)) and len(span) == 2:
            start, end = int(span[0]), int(span[1])
            if 0 <= start < end <= len(texts[doc_id]):
                out[doc_id].append(Highlight(start, end, kind, anchor, tip, variant))

    for fig in dossier.get("figures") or []:
        tip = f"{fig.get('event', '')}: {stated_value(fig)} {str(fig.get('category', '')).replace('_', ' ')}"
        tip += f" — according to {authority(fig)}" + (" — hedged" if fig.get("hedged") else "")
        add(fig.get("doc_id"), fig.get("span"), "figure", str(fig.get("id")), tip)
    for dispute in dispute_views(dossier):
        for position in dispute["positions"]:
            for e in position["evidence"]:
                add(e["doc_id"], e["span"], "evidence", e["anchor"],
                    f"dispute: {dispute['question']} — position: {position['label']}")
    for m in claim_mentions(dossier):
        credited = f" — according to {'; '.join(m['attributed_to'])}" if m["attributed_to"] else ""
        about = f": {m['group_text']}" if m.get("group_text") else ""
        add(m["doc_id"], m["span"], "claim", m["anchor"], f"claim, {m['stance']}{about}{credited}",
            m["stance"] if m["stance"] in STANCES else "")
    for actor in dossier.get("actors") or []:
        side = f" (side: {actor['side']})" if actor.get("side") else ""
        for i, label in enumerate(actor.get("labels") or []):
            add(label.get("doc_id"), label.get("span"), "actor", html_id("actor", actor.get("id"), i + 1),
                f"actor: {actor.get('name')}{side}")
    for n, entry in enumerate(dossier.get("timeline") or []):
        for i, m in enumerate(_mentions(entry)):
            add(m.get("doc_id"), m.get("span"), "timeline", mention_anchor("timeline", entry, n, i),
                f"when: {entry.get('date') or entry.get('start') or '?'} — "
                f"{entry.get('label') or entry.get('text') or ''}")
    for n, place in enumerate(dossier.get("places") or []):
        for i, m in enumerate(_mentions(place)):
            add(m.get("doc_id"), m.get("span"), "place", mention_anchor("place", place, n, i),
                f"place: {place.get('name')}")
    return out


def nest_segments(text: str, marks: Iterable[Highlight]) -> list[dict[str, Any]]:
    """Cut a text into a tree of plain strings and marks that nest properly, for the reader view.

    Overlapping items nest: evidence outside, then claims, then figures, then actor and place names.
    An item that crosses the end of the one around it is split in two; only its first piece carries
    the anchor, so a link lands on its start. Each node is ``{"text": str}`` or
    ``{"mark": Highlight, "first": bool, "children": [...]}``; the texts of the leaves rebuild ``text``.

    >>> tree = nest_segments("ab cd", [Highlight(3, 5, "figure", "f1", "a figure")])
    >>> [n.get("text") or n["mark"].anchor for n in tree]
    ['ab ', 'f1']
    """
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    # unique anchors: the same item reached twice (a dispute quote also a claim) is marked once
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for m in sorted(marks, key=lambda m: (m.start, -m.end, KIND_ORDER.get(m.kind, 9))):
        if (m.start, m.end, m.anchor) not in seen:
            seen.add((m.start, m.end, m.anchor))
            unique.append(m)
    bounds = sorted({0, len(text)} | {m.start for m in unique} | {m.end for m in unique})
    rank = {id(m): (KIND_ORDER.get(m.kind, 9), m.start, -m.end, i) for i, m in enumerate(unique)}
    root: list[dict[str, Any]] = []
    stack: list[tuple[Highlight, list[dict[str, Any]]]] = []
    opened: set[int] = set()
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        active = sorted((m for m in unique if m.start <= lo and hi <= m.end), key=lambda m: rank[id(m)])
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep][0] is active[keep]:
            keep += 1
        del stack[keep:]
        for m in active[keep:]:
            node = {"mark": m, "first": id(m) not in opened, "children": []}
            opened.add(id(m))
            (stack[-1][1] if stack else root).append(node)
            stack.append((m, node["children"]))
        (stack[-1][1] if stack else root).append({"text": text[lo:hi]})
    return _merge_text(root)


def _merge_text(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for node in nodes:
        if "children" in node:
            node["children"] = _merge_text(node["children"])
        if "text" in node and out and "text" in out[-1]:
            out[-1] = {"text": out[-1]["text"] + node["text"]}
        else:
            out.append(node)
    return out


def flatten_text(nodes: list[dict[str, Any]]) -> str:
    """The text a segment tree holds (for tests and checks)."""
    return "".join(n["text"] if "text" in n else flatten_text(n["children"]) for n in nodes)


# -- filters (the web app) ----------------------------------------------------------------------------


def filter_dossier(dossier: dict[str, Any], *, outlet: str | None = None, category: str | None = None,
                   kind: str | None = None, query: str | None = None) -> dict[str, Any]:
    """A copy of the dossier narrowed to one outlet, one figure category, one dispute kind, or a search.

    The search keeps the claim groups and disputes whose words (question, claim, quotes) contain it.
    """
    names = outlet_names(dossier)
    out = dict(dossier)
    if outlet:
        keep = {i for i, n in names.items() if n == outlet}
        out["documents"] = [d for d in dossier["documents"] if d["id"] in keep]
        out["figures"] = [f for f in dossier.get("figures") or [] if f.get("doc_id") in keep]
        out["disputes"] = [_disputes_within(d, keep) for d in dossier.get("disputes") or []]
        out["disputes"] = [d for d in out["disputes"] if any(p["evidence"] for p in d["positions"])]
        out["actors"] = [{**a, "labels": [x for x in a.get("labels") or [] if x.get("doc_id") in keep]}
                         for a in dossier.get("actors") or []]
        out["actors"] = [a for a in out["actors"] if a["labels"]]
        out["claims"] = [_claim_within(c, keep) for c in dossier.get("claims") or []]
        out["claims"] = [c for c in out["claims"] if c is not None]
        if dossier.get("framing"):
            out["framing"] = [f for f in dossier["framing"] if not isinstance(f, dict) or f.get("outlet") == outlet] \
                if isinstance(dossier["framing"], list) else dossier["framing"]
    if category:
        out["figures"] = [f for f in out.get("figures") or [] if f.get("category") == category]
        if out.get("figure_bands"):
            out["figure_bands"] = [b for b in out["figure_bands"] if b.get("category") == category]
    if kind:
        out["disputes"] = [d for d in out.get("disputes") or [] if d.get("kind") == kind]
    if query:
        needle = query.casefold()
        texts = {d["id"]: d["text"] for d in dossier["documents"]}

        def said(item: dict[str, Any]) -> str:
            return quote_of(texts, item).casefold()

        out["disputes"] = [d for d in out.get("disputes") or []
                           if needle in (d.get("question") or d.get("summary") or "").casefold()
                           or any(needle in said(e) for p in d.get("positions") or [] for e in p.get("evidence") or [])]
        if out.get("claims"):
            kept = {g["id"] for g in claim_groups(out, fallback=False)
                    if needle in g["text"].casefold() or any(needle in m["quote"].casefold() for m in g["members"])}
            if out.get("claim_groups"):
                out["claim_groups"] = [g for g in out["claim_groups"] if str(g.get("id")) in kept]
            else:
                out["claims"] = [c for c in out["claims"] if str(c.get("id")) in kept
                                 or str(c.get("group", c.get("cluster"))) in kept]
    return out


def _claim_within(claim: dict[str, Any], docs: set[str]) -> dict[str, Any] | None:
    members = claim.get("members") or claim.get("mentions")
    if members is not None:
        return {**claim, "members": [m for m in members if m.get("doc_id") in docs]}
    return claim if claim.get("doc_id") in docs else None


def _disputes_within(dispute: dict[str, Any], docs: set[str]) -> dict[str, Any]:
    positions = [{**p, "evidence": [e for e in p.get("evidence") or [] if e.get("doc_id") in docs]}
                 for p in dispute.get("positions") or []]
    return {**dispute, "positions": positions}


def filter_choices(dossier: dict[str, Any]) -> dict[str, list[str]]:
    """The values each filter can take in this dossier."""
    names = outlet_names(dossier)
    return {
        "outlet": sorted(set(names.values())),
        "category": sorted({f.get("category") for f in dossier.get("figures") or [] if f.get("category")},
                           key=lambda c: _order("killed", c)),
        "kind": sorted({d.get("kind") for d in dossier.get("disputes") or [] if d.get("kind")}),
    }


def search_hits(dossier: dict[str, Any], query: str, limit: int = 200) -> list[dict[str, Any]]:
    """Claims, disputed questions and quotes whose words contain ``query`` (case aside), with their anchors."""
    needle = query.casefold().strip()
    if not needle:
        return []
    names = outlet_names(dossier)
    hits: list[dict[str, Any]] = []
    for dispute in dispute_views(dossier):
        if needle in dispute["question"].casefold():
            hits.append({"what": "dispute", "text": dispute["question"], "anchor": dispute["anchor"], "outlet": None})
        for position in dispute["positions"]:
            for e in position["evidence"]:
                if needle in e["quote"].casefold():
                    hits.append({"what": f"quote · {position['label']}", "text": e["quote"], "anchor": e["anchor"],
                                 "outlet": e["outlet"]})
    if dossier.get("claims"):
        for group in claim_groups(dossier, fallback=False):
            if needle in group["text"].casefold():
                hits.append({"what": "claim", "text": group["text"], "anchor": html_id("claim-group", group["id"]),
                             "outlet": None})
            for m in group["members"]:
                if needle in m["quote"].casefold():
                    hits.append({"what": f"claim · {m['stance']}", "text": m["quote"], "anchor": m["anchor"],
                                 "outlet": names.get(m["doc_id"])})
    unique = {(h["anchor"], h["what"]): h for h in hits}
    return list(unique.values())[:limit]
