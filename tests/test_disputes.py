"""Disputes: where reports take different positions, each position backed by spans of their text.

Two small invented corpora in ``tests/data/disputes/``: ``velmora/`` (a crackdown on marchers, contested
by a state broadcaster) and ``saltmere/`` (a depot explosion the reports agree on, with one near-copy).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rashomon
from rashomon.align.disputes import DisputeFinder, source_key
from rashomon.align.sources import SourceIndex
from rashomon.ingest import read_inputs

DATA = Path(__file__).parent / "data" / "disputes"
KINDS = {"polarity", "characterisation", "status", "perpetrator", "numeric"}


def read_corpus(name: str) -> list[rashomon.Document]:
    docs = list(read_inputs([str(DATA / name)], rashomon.Settings()))
    assert all(isinstance(d, rashomon.Document) for d in docs), docs
    return docs


@pytest.fixture(scope="module")
def velmora() -> dict[str, Any]:
    return rashomon.analyse_texts(read_corpus("velmora"))


@pytest.fixture(scope="module")
def saltmere() -> dict[str, Any]:
    return rashomon.analyse_texts(read_corpus("saltmere"))


def outlet_ids(dossier: dict[str, Any]) -> dict[str, str]:
    return {d["outlet"]: d["id"] for d in dossier["documents"]}


def of_kind(dossier: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [d for d in dossier["disputes"] if d["kind"] == kind]


def position(dispute: dict[str, Any], label: str) -> dict[str, Any]:
    found = [p for p in dispute["positions"] if p["label"] == label]
    assert len(found) == 1, [p["label"] for p in dispute["positions"]]
    return found[0]


def cited(pos: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["doc_id"], e["text"]) for e in pos["evidence"]]


# -- the Velmora corpus -------------------------------------------------------------------------

def test_velmora_corpus_reads_as_four_reports_one_a_copy(velmora: dict[str, Any]) -> None:
    ids = outlet_ids(velmora)
    assert set(ids) == {"Coastline Gazette", "Kest State Radio", "Meridian Wire", "Northern Ledger"}
    copies = {d["outlet"]: d["duplicate_of"] for d in velmora["documents"]}
    assert copies["Northern Ledger"] == ids["Meridian Wire"]
    assert [copies[o] for o in ("Coastline Gazette", "Kest State Radio", "Meridian Wire")] == [None] * 3


def test_velmora_has_one_dispute_of_each_kind(velmora: dict[str, Any]) -> None:
    assert sorted(d["kind"] for d in velmora["disputes"]) == ["characterisation", "numeric", "polarity", "status"]
    assert velmora["stats"]["disputes"] == 4


def test_disputes_have_ids_kinds_questions_and_positions(velmora: dict[str, Any]) -> None:
    disputes = velmora["disputes"]
    assert [d["id"] for d in disputes] == [f"d{n}" for n in range(1, len(disputes) + 1)]
    for dispute in disputes:
        assert dispute["kind"] in KINDS
        assert dispute["question"].strip() and dispute["summary"].strip()
        assert len(dispute["positions"]) >= 2
        for pos in dispute["positions"]:
            assert pos["label"] and pos["outlets"] and pos["evidence"]


def test_every_evidence_span_indexes_its_document(velmora: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in velmora["documents"]}
    outlets = {d["id"]: d["outlet"] for d in velmora["documents"]}
    claims = {c["id"]: c for c in velmora["claims"]}
    figures = {f["id"]: f for f in velmora["figures"]}
    n = 0
    for dispute in velmora["disputes"]:
        for pos in dispute["positions"]:
            assert pos["outlets"] == list(dict.fromkeys(outlets[e["doc_id"]] for e in pos["evidence"]))
            for e in pos["evidence"]:
                start, end = e["span"]
                assert texts[e["doc_id"]][start:end] == e["text"]
                item = claims.get(e.get("claim_id")) or figures[e["figure_id"]]
                assert (item["doc_id"], item["span"]) == (e["doc_id"], e["span"])
                n += 1
    assert n >= 8


def test_flat_denial_against_affirmations_is_a_polarity_dispute(velmora: dict[str, Any]) -> None:
    ids = outlet_ids(velmora)
    (dispute,) = of_kind(velmora, "polarity")
    denies, affirms = dispute["positions"]
    assert (denies["label"], affirms["label"]) == ("denies", "affirms")
    assert denies["outlets"] == ["Kest State Radio"]
    assert cited(denies) == [(ids["Kest State Radio"],
                              "The Interior Ministry denies that soldiers fired on marchers in Velmora.")]
    assert dispute["question"] == "Is it true that soldiers fired on marchers in Velmora?"
    assert "Kest State Radio" in dispute["summary"]
    assert "Kest State Radio" not in affirms["outlets"]
    assert {"Coastline Gazette", "Meridian Wire"} <= set(affirms["outlets"])
    by_outlet = {doc: text for doc, text in cited(affirms)}
    assert by_outlet[ids["Coastline Gazette"]].startswith("Soldiers opened fire on hundreds of marchers")  # no dateline
    assert "Army troops fired on marchers in Velmora" in by_outlet[ids["Meridian Wire"]]


def test_denial_nobody_contradicts_is_no_dispute(velmora: dict[str, Any]) -> None:
    border = [c for c in velmora["claims"] if "Drava border crossing" in c["text"]]
    assert [c["polarity"] for c in border] == ["denied"]
    cited_spans = {(e["doc_id"], tuple(e["span"])) for d in velmora["disputes"] for p in d["positions"]
                   for e in p["evidence"]}
    assert (border[0]["doc_id"], tuple(border[0]["span"])) not in cited_spans


def test_no_systematic_killings_against_systematic_killings(velmora: dict[str, Any]) -> None:
    ids = outlet_ids(velmora)
    (dispute,) = of_kind(velmora, "characterisation")
    assert "systematic" in dispute["question"].lower()
    assert cited(position(dispute, "no")) == [
        (ids["Kest State Radio"], "There were no systematic killings in the province, a ministry spokesman said.")]
    assert cited(position(dispute, "yes")) == [
        (ids["Coastline Gazette"],
         "Rights workers in the city described systematic killings of Oresh families in the eastern districts.")]


def test_the_denial_of_a_characterisation_is_not_also_a_polarity_dispute(velmora: dict[str, Any]) -> None:
    # "There were no systematic killings" is a denial too; its polarity dispute restates the characterisation one
    for dispute in of_kind(velmora, "polarity"):
        assert not any("systematic" in text for _, text in cited(dispute["positions"][0]))


def test_operation_over_against_killings_continue_is_a_status_dispute(velmora: dict[str, Any]) -> None:
    ids = outlet_ids(velmora)
    (dispute,) = of_kind(velmora, "status")
    over, going = dispute["positions"]
    assert over["outlets"] == ["Kest State Radio"]
    assert cited(over) == [(ids["Kest State Radio"],
                            "The ministry said the security operation in Velmora had ended on Friday and that the army "
                            "had regained control of the province.")]
    assert going["outlets"] == ["Coastline Gazette"]
    assert cited(going) == [(ids["Coastline Gazette"],
                             "The killings continue in the villages around Velmora, residents said by telephone "
                             "on Friday.")]


def test_same_monitor_counting_people_or_civilians_is_a_numeric_dispute(velmora: dict[str, Any]) -> None:
    ids = outlet_ids(velmora)
    (dispute,) = of_kind(velmora, "numeric")
    assert "Harlow Monitor" in dispute["question"] and "300" in dispute["question"]
    people, civilians = position(dispute, "300 people"), position(dispute, "300 civilians")
    assert people["outlets"] == ["Coastline Gazette"]
    assert cited(people) == [(ids["Coastline Gazette"], "at least 300 people")]
    # the copy in the Northern Ledger repeats the Meridian Wire's figure
    assert set(civilians["outlets"]) == {"Meridian Wire", "Northern Ledger"}
    assert {doc for doc, _ in cited(civilians)} == {ids["Meridian Wire"], ids["Northern Ledger"]}
    assert {text for _, text in cited(civilians)} == {"300 civilians"}


# -- the Saltmere corpus ------------------------------------------------------------------------

def test_a_near_copy_does_not_dispute_its_original(saltmere: dict[str, Any]) -> None:
    ids = outlet_ids(saltmere)
    copies = {d["outlet"]: d["duplicate_of"] for d in saltmere["documents"]}
    assert copies == {"Saltmere Courier": None, "Bay Evening News": ids["Saltmere Courier"], "Lantern Daily": None}
    # the copy gives the committee's 40 injured as civilians, the original as people: one voice, no dispute
    injured = {(f["doc_id"], f["category"]) for f in saltmere["figures"]
               if f["event"] == "injured" and f["attributed_to"] == ["Quayside Relief Committee"]}
    assert injured == {(ids["Saltmere Courier"], "people"), (ids["Bay Evening News"], "civilians")}
    assert saltmere["disputes"] == []


def test_an_uncontradicted_denial_is_no_dispute(saltmere: dict[str, Any]) -> None:
    denials = [c for c in saltmere["claims"] if c["polarity"] == "denied"]
    assert {c["text"] for c in denials} == {
        "The depot's owner, Arlen Petroleum, denied that its inspectors had ignored a gas leak reported the week "
        "before."}
    assert not of_kind(saltmere, "polarity")


# -- DisputeFinder on hand-made claims ----------------------------------------------------------

DOCS = [
    {"id": "radio", "outlet": "Kest State Radio", "published": "2031-03-15"},
    {"id": "tv", "outlet": "Kest Television", "published": "2031-03-15"},
    {"id": "gazette", "outlet": "Coastline Gazette", "published": "2031-03-14"},
    {"id": "wire", "outlet": "Meridian Wire", "published": "2031-03-15"},
    {"id": "ledger", "outlet": "Northern Ledger", "published": "2031-03-16", "duplicate_of": "wire"},
]


def claim(cid: str, doc_id: str, text: str, polarity: str = "affirmed", terms: tuple[str, ...] = (),
          characterisations: tuple[tuple[str, bool], ...] = (), status: str | None = None) -> dict[str, Any]:
    return {"id": cid, "doc_id": doc_id, "span": [0, len(text)], "text": text, "polarity": polarity,
            "hedged": False, "attributed_to": [], "terms": list(terms), "status": status, "harms": [],
            "characterisations": [{"family": f, "term": f, "negated": neg, "span": [0, 1]}
                                  for f, neg in characterisations]}


def vectors(*rows: list[float]) -> np.ndarray:
    m = np.asarray(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def ids_in(pos: dict[str, Any]) -> list[str]:
    return [e["claim_id"] for e in pos["evidence"]]


def test_denials_that_say_the_same_thing_merge() -> None:
    claims = [
        claim("c1", "radio", "The ministry denies that troops fired on marchers.", "denied", ("marcher", "fire")),
        claim("c2", "tv", "Soldiers never fired on the marchers, the army said.", "denied", ("marcher", "fire")),
        claim("c3", "gazette", "Soldiers fired on marchers in Velmora.", terms=("marcher", "fire", "velmora")),
        claim("c4", "wire", "Bread prices doubled.", terms=("bread",)),
    ]
    v = vectors([1, 0.1, 0, 0], [1, 0, 0.1, 0], [0.8, 0.4, 0.4, 0], [0, 0, 0, 1])
    disputes = DisputeFinder(DOCS, claims, v).find()
    assert [d["kind"] for d in disputes] == ["polarity"]
    denies, affirms = disputes[0]["positions"]
    assert sorted(ids_in(denies)) == ["c1", "c2"]
    assert sorted(denies["outlets"]) == ["Kest State Radio", "Kest Television"]
    assert ids_in(affirms) == ["c3"] and affirms["outlets"] == ["Coastline Gazette"]
    assert disputes[0]["id"] == "d1"


def test_denials_of_different_things_stay_apart() -> None:
    claims = [
        claim("c1", "radio", "The ministry denies that troops fired on marchers.", "denied", ("marcher", "fire")),
        claim("c2", "tv", "The army denies closing the border crossing.", "denied", ("border", "crossing")),
        claim("c3", "gazette", "Soldiers fired on marchers.", terms=("marcher", "fire")),
        claim("c4", "wire", "The border crossing was closed to aid lorries.", terms=("border", "crossing")),
    ]
    v = vectors([1, 0, 0.1, 0], [0, 1, 0, 0.1], [1, 0, 0.3, 0], [0, 1, 0, 0.3])
    disputes = DisputeFinder(DOCS, claims, v).find()
    assert sorted((ids_in(d["positions"][0]), ids_in(d["positions"][1])) for d in disputes) == [
        (["c1"], ["c3"]), (["c2"], ["c4"])]
    assert sorted(d["id"] for d in disputes) == ["d1", "d2"]


def test_a_denial_needs_shared_content_and_similarity() -> None:
    claims = [
        claim("c1", "radio", "The ministry denies that troops fired on marchers.", "denied", ("marcher", "fire")),
        claim("c2", "gazette", "Troops shelled the dam.", terms=("troop", "dam")),  # similar, nothing shared
        claim("c3", "wire", "Marchers were fired on.", terms=("marcher", "fire")),  # shared, not similar
    ]
    v = vectors([1, 0, 0], [0.9, 0.3, 0], [0.2, 0, 1])
    assert DisputeFinder(DOCS, claims, v).find() == []


def test_a_polarity_dispute_restating_a_characterisation_dispute_is_dropped() -> None:
    claims = [
        claim("c1", "radio", "There were no systematic killings.", "denied", ("systematic", "killing"),
              (("systematic", True),)),
        claim("c2", "gazette", "Rights workers described systematic killings.", terms=("systematic", "killing"),
              characterisations=(("systematic", False),)),
        claim("c3", "wire", "Shops stayed shut.", terms=("shop",)),
    ]
    v = vectors([1, 0.2, 0], [1, 0, 0.2], [0, 0, 1])
    finder = DisputeFinder(DOCS, claims, v)
    assert [d["kind"] for d in finder.polarity()] == ["polarity"]  # on its own it would be one
    disputes = finder.find()
    assert [d["kind"] for d in disputes] == ["characterisation"]
    assert ids_in(position(disputes[0], "no")) == ["c1"] and ids_in(position(disputes[0], "yes")) == ["c2"]


def test_denied_massacres_are_left_to_the_polarity_dispute() -> None:
    claims = [
        claim("c1", "radio", "There was no massacre in Tarn.", "denied", ("massacre", "tarn"), (("massacre", True),)),
        claim("c2", "gazette", "The massacre in Tarn left forty dead.", terms=("massacre", "tarn"),
              characterisations=(("massacre", False),)),
    ]
    v = vectors([1, 0.2], [1, 0])
    disputes = DisputeFinder(DOCS, claims, v).find()
    assert [d["kind"] for d in disputes] == ["polarity"]


def test_characterisation_and_status_need_two_independent_reports() -> None:
    claims = [
        claim("c1", "wire", "It was no organised attack.", "denied", ("attack",), (("organised", True),)),
        claim("c2", "ledger", "It was an organised attack.", terms=("attack",),
              characterisations=(("organised", False),)),
        claim("c3", "wire", "The operation is over.", status="ended", terms=("operation",)),
        claim("c4", "ledger", "The killings continue.", status="continuing", terms=("killing",)),
    ]
    v = vectors([1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1])
    finder = DisputeFinder(DOCS, claims, v)
    assert finder.characterisation() == [] and finder.status() == []  # the ledger copies the wire
    independent = [dict(c, doc_id="gazette") if c["doc_id"] == "ledger" else c for c in claims]
    finder = DisputeFinder(DOCS, independent, v)
    assert [d["kind"] for d in finder.characterisation()] == ["characterisation"]
    (status,) = finder.status()
    assert [(p["label"], ids_in(p)) for p in status["positions"]] == [
        ("over / control restored", ["c3"]), ("continuing", ["c4"])]


def test_a_near_copy_speaks_with_its_originals_voice() -> None:
    claims = [
        claim("c1", "wire", "The ministry denies that troops fired on marchers.", "denied", ("marcher", "fire")),
        claim("c2", "ledger", "Troops fired on marchers.", terms=("marcher", "fire")),
    ]
    v = vectors([1, 0.1], [1, 0])
    assert DisputeFinder(DOCS, claims, v).find() == []
    moved = [claims[0], dict(claims[1], doc_id="gazette")]
    assert [d["kind"] for d in DisputeFinder(DOCS, moved, v).find()] == ["polarity"]


def figure(fid: str, doc_id: str, value: int, category: str, source: str, event: str = "killed") -> dict[str, Any]:
    text = f"{value} {category}"
    return {"id": fid, "doc_id": doc_id, "span": [10, 10 + len(text)], "text": text, "value": value,
            "qualifier": "exact", "event": event, "category": category, "attributed_to": [source]}


def test_numeric_dispute_matches_a_source_under_its_acronym() -> None:
    figures = [figure("f1", "gazette", 300, "people", "the Harlow Monitor for Rights Watch"),
               figure("f2", "wire", 300, "civilians", "HMRW"),
               figure("f3", "radio", 300, "civilians", "the Kest Interior Ministry")]
    finder = DisputeFinder(DOCS, [], np.zeros((0, 4), dtype=np.float32), figures)
    (dispute,) = finder.find()
    assert dispute["kind"] == "numeric"
    assert {p["label"]: [e["figure_id"] for e in p["evidence"]] for p in dispute["positions"]} == {
        "300 people": ["f1"], "300 civilians": ["f2"]}
    assert {p["label"]: p["outlets"] for p in dispute["positions"]} == {
        "300 people": ["Coastline Gazette"], "300 civilians": ["Meridian Wire"]}


def test_numeric_dispute_is_not_raised_by_a_copy_or_another_event() -> None:
    copy = [figure("f1", "wire", 300, "people", "Harlow Monitor"),
            figure("f2", "ledger", 300, "civilians", "Harlow Monitor")]
    assert DisputeFinder(DOCS, [], np.zeros((0, 4), dtype=np.float32), copy).numeric() == []
    events = [figure("f1", "gazette", 300, "people", "Harlow Monitor"),
              figure("f2", "wire", 300, "civilians", "Harlow Monitor", event="injured")]
    assert DisputeFinder(DOCS, [], np.zeros((0, 4), dtype=np.float32), events).numeric() == []


def test_no_claims_no_disputes() -> None:
    assert DisputeFinder(DOCS, [], np.zeros((0, 384), dtype=np.float32)).find() == []


# -- source_key ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [
    ("HMRW", "the Harlow Monitor for Rights Watch"),
    ("Harlow Monitor", "the Harlow Monitor"),
    ("QRC", "The Quayside Relief Committee"),
    ("the harbour police", "The harbour police"),
])
def test_source_key_equal(a: str, b: str) -> None:
    index = SourceIndex([a, b])
    assert source_key(a, index) == source_key(b, index)


@pytest.mark.parametrize(("a", "b"), [
    ("Harlow Monitor", "Quayside Relief Committee"),
    ("HMRW", "Harlow Monitor"),
    ("the harbour police", "the city police"),
])
def test_source_key_different(a: str, b: str) -> None:
    index = SourceIndex([a, b])
    assert source_key(a, index) != source_key(b, index)


def test_source_key_does_not_confuse_names_with_the_same_initials() -> None:
    index = SourceIndex(["the Health Ministry", "the Harlow Monitor", "HM"])
    assert source_key("the Health Ministry", index) != source_key("the Harlow Monitor", index)
    assert source_key("HM", index) not in {source_key("the Health Ministry", index),
                                          source_key("the Harlow Monitor", index)}  # ambiguous: its own source


def test_different_sources_with_the_same_initials_are_no_numeric_dispute() -> None:
    figures = [figure("f1", "gazette", 300, "people", "the Health Ministry"),
               figure("f2", "wire", 300, "civilians", "the Harlow Monitor")]
    assert DisputeFinder(DOCS, [], np.zeros((0, 4), dtype=np.float32), figures).numeric() == []


def test_a_described_source_is_the_named_one() -> None:
    index = SourceIndex(["the country's main medical union", "the Vessan Medical Union", "the Medical Council"])
    assert source_key("the country's main medical union", index) == source_key("Vessan Medical Union", index)
    assert source_key("the Medical Council", index) != source_key("Vessan Medical Union", index)
