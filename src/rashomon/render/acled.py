"""Events in ACLED's column layout, so a dossier drops into the tools conflict researchers already use.

One row per place of the killed counts (``rashomon.align.counts``: event totals and incidents, never
parts or background; counts without a place share one row), dated by the earliest day their figures
give (else the earliest publication date). ``fatalities`` is the best value of the widest count there
(``people`` when some count covers everyone, else the sum of each victim category's best), ACLED's
conservative single figure. ACLED columns that a news dossier cannot fill (event type codes,
interaction codes) are left empty.

>>> ACLED_COLUMNS[:3]
['event_id_cnty', 'event_date', 'year']
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import Count, Dossier, Figure, Place
from .views import authority, outlet_names, stated_value

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
VICTIMS = {"civilians": "Civilians", "security_forces": "Security forces", "armed_group": "Armed group",
           "combatants": "Combatants", "people": "People", "other": "Other"}


def acled_events(dossier: Dossier) -> list[dict[str, object]]:
    """The dossier's killings as ACLED-style event rows (see the module docstring for the rules)."""
    names = outlet_names(dossier)
    # a count names a place as its reports spell it ("Jableh"); the place lists that spelling among its aliases
    places: dict[str, Place] = {}
    for p in dossier.places:
        for name in [p.name, *p.aliases, *(m.text for m in p.mentions)]:
            places.setdefault(name, p)
    by_place: dict[str | None, list[Count]] = defaultdict(list)
    for count in dossier.counts:
        if count.event == "killed" and count.extent in ("total", "incident") and not count.unit and count.best:
            by_place[count.place].append(count)
    rows = []
    for n, (place, counts) in enumerate(sorted(by_place.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))):
        rows.append(_event_row(n, place, counts, places.get(place or ""), dossier, names))
    return rows


def _event_row(n: int, place: str | None, counts: list[Count], info: Place | None, dossier: Dossier,
               names: dict[str, str]) -> dict[str, object]:
    wanted = {f for c in counts for f in c.figure_ids}
    figures: list[Figure] = [f for f in dossier.figures if f.id in wanted and f.doc_id in names]  # report order
    days = sorted(d for f in figures if f.time for d in (f.time.start, f.time.end) if d)
    published = sorted(d.published for f in figures if (d := dossier.document(f.doc_id)) and d.published)
    date = (days or published or [None])[0]
    best: dict[str, float] = {}
    for count in counts:  # the widest count of each category (the sum of a total and its incidents double counts)
        best[count.category] = max(count.best.value if count.best else 0, best.get(count.category, 0))
    fatalities = best["people"] if "people" in best else sum(best.values())
    perpetrators = Counter(f.perpetrator for f in figures if f.perpetrator)
    victims = [VICTIMS.get(c, c) for c in sorted(best)]
    notes = "; ".join(f"{names[f.doc_id]}: {stated_value(f)} {f.category.replace('_', ' ')} killed, according to "
                      f"{authority(f)} (\"{f.text}\")" for f in figures)
    return {
        "event_id_cnty": f"RSH{n + 1}", "event_date": date or "", "year": (date or "")[:4],
        "time_precision": 1 if days and days[0] == days[-1] else 2 if date else 3,
        "actor1": perpetrators.most_common(1)[0][0] if perpetrators else "",
        "assoc_actor_1": "; ".join(p for p, _ in perpetrators.most_common()[1:]),
        "actor2": victims[0] if len(victims) == 1 else "; ".join(victims),
        "civilian_targeting": "Civilian targeting" if "civilians" in best else "",
        "country": (info.country_name or info.country or "") if info else "",
        "admin1": (info.admin1 or "") if info else "", "admin2": "", "location": place or "",
        "latitude": info.latitude if info and info.latitude is not None else "",
        "longitude": info.longitude if info and info.longitude is not None else "",
        "source": "; ".join(dict.fromkeys(names[f.doc_id] for f in figures)),
        "source_scale": "", "notes": notes,
        "fatalities": int(fatalities) if float(fatalities).is_integer() else fatalities, "tags": "rashomon",
        "timestamp": "",
    }
