"""Events in ACLED's column layout, so a dossier drops into the tools conflict researchers already use.

One row per place the killed-figures name (figures without a place share one row), dated by the
earliest day the figures give (else the earliest publication date). ``fatalities`` is the low end
of the band: the lowest count reported for the widest group counted there (``people`` when some
report counts everyone, else the sum of the lowest count of each group). ACLED columns that a news
dossier cannot fill (event type codes, interaction codes) are left empty.

>>> ACLED_COLUMNS[:3]
['event_id_cnty', 'event_date', 'year']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .views import authority, outlet_names, stated_value

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
VICTIMS = {"civilians": "Civilians", "security_forces": "Security forces", "armed_group": "Armed group",
           "combatants": "Combatants", "people": "People", "other": "Other"}


def acled_events(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """The dossier's killings as ACLED-style event rows (see the module docstring for the rules)."""
    docs = {d["id"]: d for d in dossier["documents"]}
    names = outlet_names(dossier)
    # a figure names a place as its report spells it ("Jableh"); the gazetteer entry lists that spelling
    # among its aliases ("Jablah")
    places: dict[str, dict[str, Any]] = {}
    for p in dossier.get("places") or []:
        for name in [p.get("name"), *(p.get("aliases") or []), *(m.get("text") for m in p.get("mentions") or [])]:
            if name:
                places.setdefault(name, p)
    by_place: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for fig in dossier.get("figures") or []:
        if fig.get("event") == "killed" and fig.get("doc_id") in docs:
            by_place[fig.get("place")].append(fig)
    rows = []
    for n, (place, figures) in enumerate(sorted(by_place.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))):
        days = sorted(d for f in figures for d in ((f.get("time") or {}).get("start"), (f.get("time") or {}).get("end"))
                      if d)
        published = sorted(docs[f["doc_id"]]["published"] for f in figures if docs[f["doc_id"]].get("published"))
        date = (days or published or [None])[0]
        lows: dict[str, float] = {}
        for fig in figures:
            low = fig["low"] if fig.get("low") is not None else fig["value"]
            lows[fig.get("category") or "people"] = min(low, lows.get(fig.get("category") or "people", low))
        fatalities = lows["people"] if "people" in lows else sum(lows.values())
        perpetrators = Counter(f["perpetrator"] for f in figures if f.get("perpetrator"))
        victims = [VICTIMS.get(c, c) for c in sorted(lows)]
        info = places.get(place, {})
        notes = "; ".join(f"{names[f['doc_id']]}: {stated_value(f)} {str(f.get('category', '')).replace('_', ' ')} "
                          f"killed, according to {authority(f)} (\"{f.get('text', '')}\")" for f in figures)
        rows.append({
            "event_id_cnty": f"RSH{n + 1}", "event_date": date or "", "year": (date or "")[:4],
            "time_precision": 1 if days and days[0] == days[-1] else 2 if date else 3,
            "actor1": perpetrators.most_common(1)[0][0] if perpetrators else "",
            "assoc_actor_1": "; ".join(p for p, _ in perpetrators.most_common()[1:]),
            "actor2": victims[0] if len(victims) == 1 else "; ".join(victims),
            "civilian_targeting": "Civilian targeting" if "civilians" in lows else "",
            "country": info.get("country_name") or info.get("country") or "", "admin1": info.get("admin1") or "",
            "admin2": info.get("admin2") or "", "location": place or "",
            "latitude": info.get("latitude") if info.get("latitude") is not None else "",
            "longitude": info.get("longitude") if info.get("longitude") is not None else "",
            "source": "; ".join(dict.fromkeys(names[f["doc_id"]] for f in figures)),
            "source_scale": "", "notes": notes, "fatalities": int(fatalities) if float(fatalities).is_integer()
            else fatalities, "tags": "rashomon", "timestamp": "",
        })
    return rows
