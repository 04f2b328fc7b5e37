"""Rebuild the render fixtures: ``python tests/data/render/build_fixtures.py DOSSIER.json``.

``halvek.dossier.json``: the example corpus as analysed (documents and figures from DOSSIER.json, a
run of ``rashomon analyze examples/reports``), with the sections other components will write,
made by hand from ``examples/gold.json`` in the shapes the renderer reads: disputes, actors,
claims, framing, timeline and places. Every span is found in the report's own text.

``hostile.dossier.json``: a small dossier whose every string holds markup, for the escaping tests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
STRAIGHT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def locate(text: str, quote: str, start: int = 0) -> tuple[int, int]:
    """The span of ``quote`` in ``text``, curly quotes and case aside (both keep their lengths)."""
    for hay, needle in ((text, quote), (text.translate(STRAIGHT).lower(), quote.translate(STRAIGHT).lower())):
        at = hay.find(needle, start)
        if at >= 0:
            return at, at + len(needle)
    raise ValueError(f"not found: {quote!r}")


def evidence(docs: dict[str, dict], name: str, quote: str) -> dict:
    doc = docs[name]
    start, end = locate(doc["text"], quote)
    return {"doc_id": doc["id"], "span": [start, end], "text": doc["text"][start:end]}


def halvek(analysed: dict) -> dict:
    gold = json.loads((ROOT / "examples" / "gold.json").read_text(encoding="utf-8"))
    docs = {Path(d["source"]).name: d for d in analysed["documents"]}
    for d in analysed["documents"]:
        d["source"] = f"examples/reports/{Path(d['source']).name}"
    disputes = [{"id": g["id"], "kind": g["kind"], "question": g["question"],
                 "positions": [{"label": s["position"], "evidence": [evidence(docs, e["doc"], e["quote"])
                                                                     for e in s["evidence"]]}
                               for s in g["sides"]]}
                for g in gold["disputes"]]
    disputes[0]["confidence"] = 0.9  # a key the renderer does not know is shown as a note
    actors = []
    sides = {"government": "government", "draskovar-loyalists": "insurgents"}
    for group, by_doc in gold["actor_groups"].items():
        labels = []
        for name, words in by_doc.items():
            for word in words:
                try:
                    start, end = locate(docs[name]["text"], word)
                except ValueError:
                    continue
                labels.append({"doc_id": docs[name]["id"], "text": docs[name]["text"][start:end],
                               "span": [start, end]})
        actors.append({"id": group, "name": {"government": "Orsenian government forces",
                                              "draskovar-loyalists": "Draskovar loyalists"}[group],
                       "kind": "armed_group" if group != "government" else "state", "role": "party",
                       "labels": labels, "side": sides[group]})

    def member(name: str, quote: str, stance: str, **extra: object) -> dict:
        return {**evidence(docs, name, quote), "stance": stance, **extra}

    claims = [
        {"id": "c-targeted", "text": "Sevrani civilians were deliberately targeted", "members": [
            member("02_state_herald.txt", "There is no truth to claims that Sevrani civilians were singled out",
                   "denies", attributed_to=["Interior Ministry"]),
            member("01_wire_meridian.txt", "He rejected reports that Sevrani civilians were being targeted", "denies",
                   attributed_to=["Interior Ministry"]),
            member("05_syndicated_harbour_ledger.txt", "He rejected reports that Sevrani civilians were being targeted",
                   "denies", attributed_to=["Interior Ministry"]),
            member("03_rights_watchpost.txt", "armed men in government uniforms separated Sevrani men from their "
                   "families and shot them", "affirms", attributed_to=["survivors"]),
            member("04_partisan_sevran_dawn.txt", "after checking their identity cards for Sevrani family names",
                   "affirms"),
        ]},
        {"id": "c-over", "text": "The government's operation in the highlands is over", "members": [
            member("02_state_herald.txt", "have completed the security operation in the Halvek highlands",
                   "affirms", attributed_to=["Ministry of Defence"]),
            member("06_update_northgate.txt", "He repeated that the operation in the highlands ended on Saturday",
                   "affirms", attributed_to=["Interior Ministry"]),
            member("04_partisan_sevran_dawn.txt", "It is not over", "denies"),
            member("03_rights_watchpost.txt", "the killings continue in outlying hamlets", "denies",
                   attributed_to=["residents"]),
            member("07_regional_tarn_courier.txt", "The government says the operation is finished", "affirms",
                   attributed_to=["the government"]),
        ]},
        {"id": "c-video", "text": "A video shows bodies of people killed near Brannik", "members": [
            member("01_wire_meridian.txt", "An unverified video shared online this morning appeared to show bodies",
                   "hedges"),
            member("05_syndicated_harbour_ledger.txt", "An unverified video shared online this morning appeared to "
                   "show bodies", "hedges"),
            member("04_partisan_sevran_dawn.txt", "An unverified video received by Sevran Dawn is said to show the "
                   "bodies", "hedges"),
            member("02_state_herald.txt", "a campaign of fabricated videos spread by hostile websites", "denies",
                   attributed_to=["Interior Ministry"]),
        ]},
        {"id": "c-houses", "text": "Houses in the highland villages were burned", "members": [
            member("04_partisan_sevran_dawn.txt", "Regime militias allegedly looted and burned the houses", "hedges"),
            member("07_regional_tarn_courier.txt", "scores of houses in her street were burned on Friday night",
                   "affirms", attributed_to=["witness"]),
        ]},
    ]
    timeline = [
        {"id": "t1", "date": "2031-05-08", "label": "Gunmen attack checkpoints outside Korvany; a convoy is ambushed",
         "place": "Korvany", "evidence": [evidence(docs, "01_wire_meridian.txt",
                                                   "gunmen attacked checkpoints outside Korvany")]},
        {"id": "t2", "date": "2031-05-09", "label": "Armed men go from house to house in Ostrel and Brannik",
         "place": "Ostrel", "evidence": [
             evidence(docs, "01_wire_meridian.txt", "described armed men going from house to house on Friday"),
             evidence(docs, "04_partisan_sevran_dawn.txt", "executed 19 young men in the village square on Friday")]},
        {"id": "t3", "date": "2031-05-10", "label": "The government says its operation is complete",
         "evidence": [evidence(docs, "02_state_herald.txt", "the Ministry of Defence announced on Saturday")]},
        {"id": "t4", "date": "2031-05-11", "label": "Eleven bodies recovered from a well outside Vel Hesk",
         "place": "Vel Hesk", "evidence": [evidence(docs, "06_update_northgate.txt",
                                                    "recovered from a well outside Vel Hesk on Sunday")]},
        {"id": "t5", "date": "2031-05-12", "label": "The monitor raises its toll past 480",
         "evidence": [evidence(docs, "06_update_northgate.txt", "has exceeded 480")]},
    ]
    coords = {"Korvany": (42.61, 21.12), "Ostrel": (42.70, 21.31), "Brannik": (42.74, 21.40),
              "Vel Hesk": (42.79, 21.22), "Tarn": (42.48, 21.05)}
    places = []
    for n, (name, (lat, lon)) in enumerate(coords.items()):
        mentions = []
        for doc in analysed["documents"]:
            at = doc["text"].find(name)
            if at >= 0:
                mentions.append({"doc_id": doc["id"], "span": [at, at + len(name)], "text": name})
        places.append({"id": f"p{n + 1}", "name": name, "kind": "town", "admin1": "Dravena", "country": "Orsenia",
                       "latitude": lat, "longitude": lon, "mentions": mentions})
    # claims as the analysis writes them: flat, each with its polarity; groups name their claims by id
    flat, claim_groups = [], []
    for group in claims:
        ids = []
        for m in group["members"]:
            cid = f"c{len(flat) + 1}"
            ids.append(cid)
            flat.append({"id": cid, "doc_id": m["doc_id"], "span": m["span"], "text": m["text"],
                         "polarity": "denied" if m["stance"] == "denies" else "affirmed",
                         "hedged": m["stance"] == "hedges", "attributed_to": m.get("attributed_to", [])})
        claim_groups.append({"id": group["id"], "label": group["text"], "claims": ids,
                             "stance": {m["doc_id"]: m["stance"] for m in group["members"]}})
    framing = [
        {"outlet": "Sevran Dawn", "doc_ids": [docs["04_partisan_sevran_dawn.txt"]["id"]],
         "sides": [{"side": "government", "name": "Orsenian government forces",
                    "labels": [{"text": "Veyrat regime", "count": 1}, {"text": "regime militias", "count": 2}]}],
         "loaded_terms": [{"term": "regime", "category": "delegitimising", "count": 6, "quoted": 0},
                          {"term": "militia", "category": "delegitimising", "count": 2, "quoted": 0}],
         "figures": 4, "hedged": 1, "attributed": 1, "hedging_rate": 0.25, "attribution_rate": 0.25},
        {"outlet": "The National Herald", "doc_ids": [docs["02_state_herald.txt"]["id"]],
         "loaded_terms": [{"term": "terrorist", "category": "delegitimising", "count": 3, "quoted": 1},
                          {"term": "remnants", "category": "delegitimising", "count": 2, "quoted": 1}],
         "turnout": "high"},
    ]
    return {**analysed, "disputes": disputes, "actors": actors, "claims": flat, "claim_groups": claim_groups,
            "framing": framing, "timeline": timeline, "places": places}


XSS = ['<script>window.__pwned="script"</script>', '<img src=x onerror="window.__pwned=\'img\'">',
       '<a href="javascript:window.__pwned=\'link\'">read more</a>']


def hostile() -> dict:
    payload = " ".join(XSS)
    text = (f"Reporters quoted a post that read {XSS[0]} before it was deleted. Another post held {XSS[1]} and a "
            f"link {XSS[2]}. Officials said 12 people were killed in the raid.")
    doc_id = "h1"
    s = text.index(XSS[0])
    fig_start = text.index("12 people")
    claim_start = text.index(XSS[2])
    doc = {"id": doc_id, "source": f"reports/{XSS[1]}.txt", "outlet": f"Outlet {XSS[0]}", "title": f"Title {XSS[1]}",
           "url": "javascript:window.__pwned='url'", "published": "2031-05-10", "language": "en",
           "words": len(text.split()), "duplicate_of": None, "text": text}
    span = [s, s + len(XSS[0])]
    return {
        "schema": "rashomon.dossier/1", "generator": f"rashomon {XSS[0]}", "generated_at": "2031-05-10T00:00:00",
        "stats": {"documents": 1, "independent_documents": 1, "outlets": 1, "casualty_figures": 1},
        "documents": [doc],
        "figures": [{"id": "f1", "doc_id": doc_id, "span": [fig_start, fig_start + 9], "text": "12 people",
                     "value": 12, "qualifier": "exact", "event": "killed", "category": "people", "group": XSS[1],
                     "attributed_to": [f"Officials {XSS[0]}"], "hedged": False, "perpetrator": None,
                     "time": {"text": XSS[2], "start": None, "end": None}, "place": XSS[1]}],
        "disputes": [{"id": f"d1 {XSS[0]}", "kind": XSS[1], "question": f"Question {payload}",
                      "positions": [{"label": f"Yes {XSS[0]}", "evidence": [{"doc_id": doc_id, "span": span}]},
                                    {"label": XSS[2], "evidence": []}]}],
        "actors": [{"id": "a1", "name": XSS[0], "kind": XSS[1], "role": "party", "side": XSS[2],
                    "labels": [{"doc_id": doc_id, "text": XSS[1], "span": [text.index(XSS[1]),
                                                                           text.index(XSS[1]) + len(XSS[1])]}]}],
        "claims": [{"id": "c1", "text": f"Claim {payload}", "members": [
            {"doc_id": doc_id, "span": [claim_start, claim_start + len(XSS[2])], "stance": "hedges"}]}],
        "framing": [{"outlet": f"Outlet {XSS[0]}", "note": XSS[2]}],
        "timeline": [{"id": "t1", "date": "2031-05-10", "label": payload,
                      "evidence": [{"doc_id": doc_id, "span": span}]}],
        "places": [{"id": "p1", "name": XSS[0], "kind": XSS[1], "admin1": XSS[2], "latitude": None, "longitude": None,
                    "mentions": [{"doc_id": doc_id, "span": span}]}],
        "failures": [{"source": XSS[2], "reason": payload}],
    }


def main() -> None:
    analysed = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    for name, dossier in (("halvek.dossier.json", halvek(analysed)), ("hostile.dossier.json", hostile())):
        (HERE / name).write_text(json.dumps(dossier, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(HERE / name)


if __name__ == "__main__":
    main()
