"""The framing table: per outlet, the words it chooses for each side, its loaded terms, its hedging.

Which words an outlet uses for the same people ("remnants of the regime" or "local defence volunteers",
"security forces" or "regime militias") is its framing; researchers compare it outlet by outlet.
:func:`framing_table` lays it out from what the other stages found:

- ``sides``: for each side of the event, the labels this outlet uses for it, with counts;
- ``loaded_terms``: the words of ``data/actors_loaded_terms.json`` (regime, terrorist, militia, remnants,
  volunteers ...) found in the outlet's labels for actors, with the side they were aimed at and whether
  the outlet said them itself or quoted someone;
- ``hedging_rate`` and ``attribution_rate``: the share of the outlet's figures it hedges ("reportedly",
  "allegedly") and the share it credits to a source. ``None`` when the outlet gave no figure.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

from ..analyze.actors import load_data

__all__ = ["framing_table", "loaded_terms"]


@lru_cache(maxsize=1)
def loaded_terms() -> tuple[dict[str, str], re.Pattern[str]]:
    """The loaded-terms lexicon: {term: category} and one regular expression that finds any of them."""
    raw = load_data("actors_loaded_terms.json")
    terms: dict[str, str] = {}
    for category, words in raw.items():
        if category.startswith("_"):
            continue
        for w in words:
            terms.setdefault(w.lower(), category)
    alternatives = sorted(terms, key=len, reverse=True)
    body = "|".join(_term_pattern(t) for t in alternatives)
    return terms, re.compile(r"(?<![\w-])(" + body + r")(?:s|es)?(?![\w])", re.I)


def _term_pattern(term: str) -> str:
    """A term's words, matching across a space or a hyphen ("self-defence", "self defence")."""
    out = []
    for part in re.split(r"([ -])", term):
        out.append({" ": r"[\s-]+", "-": r"[\s-]?"}.get(part, re.escape(part)))
    return "".join(out)


def _term_of(found: str, terms: dict[str, str]) -> str:
    key = re.sub(r"[\s-]+", " ", found.lower())
    for cand in (key, key.replace(" ", "-"), key.replace(" ", "")):
        if cand in terms:
            return cand
    return key


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def _outlet(doc: Any) -> str:
    outlet = _get(doc, "outlet")
    if outlet:
        return str(outlet)
    source = str(_get(doc, "url") or _get(doc, "source") or "")
    host = re.match(r"https?://(?:www\.)?([^/]+)", source)
    return host.group(1) if host else (source.rsplit("/", 1)[-1] or str(_get(doc, "id")))


def framing_table(documents: list[Any], mentions: dict[str, list[dict[str, Any]]], actors: list[dict[str, Any]],
                  figures: list[Any]) -> list[dict[str, Any]]:
    """One row per outlet, in the order the outlets first appear among ``documents``.

    Each row::

        {"outlet", "doc_ids", "sides": [{"side", "name", "labels": [{"text", "count"}]}],
         "loaded_terms": [{"term", "category", "count", "quoted", "sides": {side id: count},
                           "examples": [{"doc_id", "span", "text"}]}],
         "figures", "hedged", "attributed", "hedging_rate", "attribution_rate"}

    ``figures`` are dicts (or :class:`rashomon.models.Figure`) with ``doc_id``, ``hedged`` and
    ``attributed_to``.
    """
    terms, pattern = loaded_terms()
    outlet_of = {str(_get(d, "id")): _outlet(d) for d in documents}
    order: list[str] = []
    for d in documents:
        if outlet_of[str(_get(d, "id"))] not in order:
            order.append(outlet_of[str(_get(d, "id"))])
    sides = [a for a in actors if a.get("kind") == "side"]
    side_name = {a["id"]: a["name"] for a in sides}
    # which side a label belongs to, so each loaded word can be traced to the side it was aimed at
    side_of_label: dict[tuple[str, str], str] = {}
    labels: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for a in sides:
        for lab in a.get("labels", []):
            outlet = outlet_of.get(lab["doc_id"])
            if outlet is None:
                continue
            labels[outlet][a["id"]][lab["text"]] += int(lab.get("count", 1))
            side_of_label[(lab["doc_id"], _norm(lab["text"]))] = a["id"]
    rows = {o: {"outlet": o, "doc_ids": [], "sides": [], "loaded_terms": [], "figures": 0, "hedged": 0,
                "attributed": 0, "hedging_rate": None, "attribution_rate": None} for o in order}
    for d in documents:
        rows[outlet_of[str(_get(d, "id"))]]["doc_ids"].append(str(_get(d, "id")))
    found: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for doc_id, ms in mentions.items():
        outlet = outlet_of.get(doc_id)
        if outlet is None:
            continue
        for m in ms:
            if m.get("coref_only"):
                continue
            for hit in pattern.finditer(m["text"]):
                term = _term_of(hit.group(1), terms)
                entry = found[outlet].setdefault(term, {"term": term, "category": terms.get(term, "other"),
                                                        "count": 0, "quoted": 0, "sides": Counter(),
                                                        "examples": []})
                entry["count"] += 1
                entry["quoted"] += bool(m.get("quoted"))
                side = side_of_label.get((doc_id, _norm(m["text"])))
                if side:
                    entry["sides"][side] += 1
                if len(entry["examples"]) < 3:
                    entry["examples"].append({"doc_id": doc_id, "span": list(m["span"]), "text": m["text"]})
    for f in figures:
        outlet = outlet_of.get(str(_get(f, "doc_id")))
        if outlet is None:
            continue
        row = rows[outlet]
        row["figures"] += 1
        row["hedged"] += bool(_get(f, "hedged"))
        row["attributed"] += bool(_get(f, "attributed_to"))
    for outlet, row in rows.items():
        row["sides"] = [{"side": sid, "name": side_name[sid],
                         "labels": [{"text": t, "count": n} for t, n in sorted(c.items(), key=lambda x: (-x[1], x[0]))]}
                        for sid, c in labels[outlet].items()]
        row["sides"].sort(key=lambda s: [a["id"] for a in sides].index(s["side"]))
        row["loaded_terms"] = sorted(
            ({**e, "sides": dict(e["sides"])} for e in found[outlet].values()),
            key=lambda e: (-e["count"], e["term"]))
        if row["figures"]:
            row["hedging_rate"] = row["hedged"] / row["figures"]
            row["attribution_rate"] = row["attributed"] / row["figures"]
    return [rows[o] for o in order]


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))
