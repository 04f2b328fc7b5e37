"""Disputes: where reports take different positions, each position backed by spans of their text.

Two small invented corpora in ``tests/data/disputes/``: ``velmora/`` (a crackdown on marchers, contested
by a state broadcaster) and ``saltmere/`` (a depot explosion the reports agree on, with one near-copy).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rashomon
from helpers import act, claim, context, corpus, disputes_of, doc, figure, vectors
from rashomon.align.disputes.characterisation import characterisation
from rashomon.align.disputes.polarity import polarity
from rashomon.align.disputes.status import status
from rashomon.align.identity import NameUse, build_identity
from rashomon.ingest import read_inputs
from rashomon.model import Dispute, Dossier, Harm, Position

DATA = Path(__file__).parent / "data" / "disputes"
KINDS = {"polarity", "characterisation", "status", "perpetrator", "numeric"}


def read_corpus(name: str) -> list[rashomon.Document]:
    docs = list(read_inputs([str(DATA / name)], rashomon.Settings()))
    assert all(isinstance(d, rashomon.Document) for d in docs), docs
    return docs


@pytest.fixture(scope="module")
def velmora() -> Dossier:
    return rashomon.analyse_texts(read_corpus("velmora"))


@pytest.fixture(scope="module")
def saltmere() -> Dossier:
    return rashomon.analyse_texts(read_corpus("saltmere"))


def outlet_ids(dossier: Dossier) -> dict[str, str]:
    return {str(d.outlet): d.id for d in dossier.documents}


def of_kind(dossier: Dossier, kind: str) -> list[Dispute]:
    return [d for d in dossier.disputes if d.kind == kind]


def position(dispute: Dispute, label: str) -> Position:
    found = [p for p in dispute.positions if p.label == label]
    assert len(found) == 1, [p.label for p in dispute.positions]
    return found[0]


def cited(pos: Position) -> list[tuple[str, str]]:
    return [(e.doc_id, e.text) for e in pos.evidence]


# -- the Velmora corpus -------------------------------------------------------------------------

def test_velmora_corpus_reads_as_four_reports_one_a_copy(velmora: Dossier) -> None:
    ids = outlet_ids(velmora)
    assert set(ids) == {"Coastline Gazette", "Kest State Radio", "Meridian Wire", "Northern Ledger"}
    copies = {d.outlet: d.duplicate_of for d in velmora.documents}
    assert copies["Northern Ledger"] == ids["Meridian Wire"]
    assert [copies[o] for o in ("Coastline Gazette", "Kest State Radio", "Meridian Wire")] == [None] * 3


def test_velmora_has_one_dispute_of_each_kind(velmora: Dossier) -> None:
    assert sorted(d.kind for d in velmora.disputes) == ["characterisation", "numeric", "polarity", "status"]
    assert velmora.stats.disputes == 4


def test_disputes_have_ids_kinds_questions_and_positions(velmora: Dossier) -> None:
    disputes = velmora.disputes
    assert [d.id for d in disputes] == [f"d{n}" for n in range(1, len(disputes) + 1)]
    for dispute in disputes:
        assert dispute.kind in KINDS
        assert dispute.question.strip() and dispute.summary.strip()
        assert len(dispute.positions) >= 2
        for pos in dispute.positions:
            assert pos.label and pos.outlets and pos.evidence and pos.voices


def test_every_evidence_span_indexes_its_document(velmora: Dossier) -> None:
    texts = velmora.texts()
    outlets = velmora.outlet_names()
    claims = {c.id: c for c in velmora.claims}
    figures = {f.id: f for f in velmora.figures}
    n = 0
    for dispute in velmora.disputes:
        for pos in dispute.positions:
            assert list(pos.outlets) == list(dict.fromkeys(outlets[e.doc_id] for e in pos.evidence))
            for e in pos.evidence:
                assert e.span.quote(texts[e.doc_id]) == e.text
                item = claims.get(e.claim_id or "") or figures[str(e.figure_id)]
                assert item.span == e.span
                n += 1
    assert n >= 8


def test_flat_denial_against_affirmations_is_a_polarity_dispute(velmora: Dossier) -> None:
    ids = outlet_ids(velmora)
    (dispute,) = of_kind(velmora, "polarity")
    denies, affirms = dispute.positions
    assert (denies.label, affirms.label) == ("denies", "affirms")
    assert denies.outlets == ("Kest State Radio",)
    assert cited(denies) == [(ids["Kest State Radio"],
                              "The Interior Ministry denies that soldiers fired on marchers in Velmora.")]
    assert dispute.question == "Did soldiers fire at marchers?"  # from the proposition, never a quoted sentence
    assert "Kest State Radio" in dispute.summary
    assert "Kest State Radio" not in affirms.outlets
    assert {"Coastline Gazette", "Meridian Wire"} <= set(affirms.outlets)
    by_outlet = {doc: text for doc, text in cited(affirms)}
    assert by_outlet[ids["Coastline Gazette"]].startswith("Soldiers opened fire on hundreds of marchers")  # no dateline
    assert "Army troops fired on marchers in Velmora" in by_outlet[ids["Meridian Wire"]]


def test_denial_nobody_contradicts_is_no_dispute(velmora: Dossier) -> None:
    border = [c for c in velmora.claims if "Drava border crossing" in c.text]
    assert [c.polarity for c in border] == ["denied"]
    cited_spans = {e.span for d in velmora.disputes for p in d.positions for e in p.evidence}
    assert border[0].span not in cited_spans


def test_no_systematic_killings_against_systematic_killings(velmora: Dossier) -> None:
    ids = outlet_ids(velmora)
    (dispute,) = of_kind(velmora, "characterisation")
    assert "systematic" in dispute.question.lower()
    assert cited(position(dispute, "no")) == [
        (ids["Kest State Radio"], "There were no systematic killings in the province, a ministry spokesman said.")]
    assert cited(position(dispute, "yes")) == [
        (ids["Coastline Gazette"],
         "Rights workers in the city described systematic killings of Oresh families in the eastern districts.")]


def test_the_denial_of_a_characterisation_is_not_also_a_polarity_dispute(velmora: Dossier) -> None:
    # "There were no systematic killings" is a denial too; its polarity dispute restates the characterisation one
    for dispute in of_kind(velmora, "polarity"):
        assert not any("systematic" in text for _, text in cited(dispute.positions[0]))


def test_operation_over_against_killings_continue_is_a_status_dispute(velmora: Dossier) -> None:
    ids = outlet_ids(velmora)
    (dispute,) = of_kind(velmora, "status")
    over, going = dispute.positions
    assert over.outlets == ("Kest State Radio",)
    assert cited(over) == [(ids["Kest State Radio"],
                            "The ministry said the security operation in Velmora had ended on Friday and that the army "
                            "had regained control of the province.")]
    assert going.outlets == ("Coastline Gazette",)
    assert cited(going) == [(ids["Coastline Gazette"],
                             "The killings continue in the villages around Velmora, residents said by telephone "
                             "on Friday.")]


def test_same_monitor_counting_people_or_civilians_is_a_numeric_dispute(velmora: Dossier) -> None:
    ids = outlet_ids(velmora)
    (dispute,) = of_kind(velmora, "numeric")
    assert "Harlow Monitor" in dispute.question and "300" in dispute.question
    people, civilians = position(dispute, "300 people"), position(dispute, "300 civilians")
    assert people.outlets == ("Coastline Gazette",)
    assert cited(people) == [(ids["Coastline Gazette"], "at least 300 people")]
    # the copy in the Northern Ledger repeats the Meridian Wire's figure
    assert set(civilians.outlets) == {"Meridian Wire", "Northern Ledger"}
    # one source, whatever each report calls it
    assert len(dispute.sources) == 1 and dispute.sources[0] in {s.id for s in velmora.sources}
    assert {doc for doc, _ in cited(civilians)} == {ids["Meridian Wire"], ids["Northern Ledger"]}
    assert {text for _, text in cited(civilians)} == {"300 civilians"}


# -- the Saltmere corpus ------------------------------------------------------------------------

def test_a_near_copy_does_not_dispute_its_original(saltmere: Dossier) -> None:
    ids = outlet_ids(saltmere)
    copies = {d.outlet: d.duplicate_of for d in saltmere.documents}
    assert copies == {"Saltmere Courier": None, "Bay Evening News": ids["Saltmere Courier"], "Lantern Daily": None}
    # the copy gives the committee's 40 injured as civilians, the original as people: one voice, no dispute
    injured = {(f.doc_id, f.category) for f in saltmere.figures
               if f.event == "injured" and f.attributed_to == ("Quayside Relief Committee",)}
    assert injured == {(ids["Saltmere Courier"], "people"), (ids["Bay Evening News"], "civilians")}
    assert saltmere.disputes == ()


def test_an_uncontradicted_denial_is_no_dispute(saltmere: Dossier) -> None:
    denials = [c for c in saltmere.claims if c.polarity == "denied"]
    assert {c.text for c in denials} == {
        "The depot's owner, Arlen Petroleum, denied that its inspectors had ignored a gas leak reported the week "
        "before."}
    assert not of_kind(saltmere, "polarity")


# -- the dispute kinds on hand-made claims ------------------------------------------------------

DOCS = [
    doc("radio", "Kest State Radio", "2031-03-15"),
    doc("tv", "Kest Television", "2031-03-15"),
    doc("gazette", "Coastline Gazette", "2031-03-14"),
    doc("wire", "Meridian Wire", "2031-03-15"),
    doc("ledger", "Northern Ledger", "2031-03-16", duplicate_of="wire"),
]


FIRE = act("attack", "fire", "troops", "marchers")


def ids_in(pos: Position) -> list[str | None]:
    return [e.claim_id for e in pos.evidence]


def test_denials_that_say_the_same_thing_merge() -> None:
    claims = [
        claim("c1", "radio", "The ministry denies that troops fired on marchers.", "denied", ("marcher", "fire"),
              attributed_to=("ministry",), propositions=(FIRE,)),
        claim("c2", "tv", "Soldiers never fired on the marchers, the army said.", "denied", ("marcher", "fire"),
              attributed_to=("army",), propositions=(act("attack", "fire", "Soldiers", "the marchers", True),)),
        claim("c3", "gazette", "Soldiers fired on marchers in Velmora.", terms=("marcher", "fire", "velmora"),
              propositions=(act("attack", "fire", "Soldiers", "marchers"),)),
        claim("c4", "wire", "Bread prices doubled.", terms=("bread",)),
    ]
    v = vectors([1, 0.1, 0, 0], [1, 0, 0.1, 0], [0.8, 0.4, 0.4, 0], [0, 0, 0, 1])
    disputes = disputes_of(corpus(DOCS, claims=claims, vecs=v))
    assert [d.kind for d in disputes] == ["polarity"]
    denies, affirms = disputes[0].positions
    assert sorted(ids_in(denies)) == ["c1", "c2"]  # type: ignore[type-var]
    assert sorted(denies.outlets) == ["Kest State Radio", "Kest Television"]
    assert ids_in(affirms) == ["c3"] and affirms.outlets == ("Coastline Gazette",)
    assert disputes[0].id == "d1"


def test_denials_of_different_things_stay_apart() -> None:
    claims = [
        claim("c1", "radio", "The ministry denies that troops fired on marchers.", "denied", ("marcher", "fire"),
              attributed_to=("ministry",), propositions=(FIRE,)),
        claim("c2", "tv", "The army denies closing the border crossing.", "denied", ("border", "crossing"),
              attributed_to=("army",)),
        claim("c3", "gazette", "Soldiers fired on marchers.", terms=("marcher", "fire"),
              propositions=(act("attack", "fire", "Soldiers", "marchers"),)),
        claim("c4", "wire", "The border crossing was closed to aid lorries.", terms=("border", "crossing")),
    ]
    v = vectors([1, 0, 0.1, 0], [0, 1, 0, 0.1], [1, 0, 0.3, 0], [0, 1, 0, 0.3])
    disputes = disputes_of(corpus(DOCS, claims=claims, vecs=v))
    # the border denial names no act the questions can ask about, and no clause: precision first, no dispute
    assert [(ids_in(d.positions[0]), ids_in(d.positions[1])) for d in disputes] == [(["c1"], ["c3"])]
    assert disputes[0].question == "Did troops fire at marchers?"


def test_a_denial_needs_shared_content_and_similarity() -> None:
    claims = [
        claim("c1", "radio", "The ministry denies that troops fired on marchers.", "denied", ("marcher", "fire"),
              attributed_to=("ministry",), propositions=(FIRE,)),
        claim("c2", "gazette", "Troops shelled the dam.", terms=("troop", "dam")),  # similar, nothing shared
        claim("c3", "wire", "Marchers were fired on.", terms=("marcher", "fire")),  # shared, not similar
    ]
    v = vectors([1, 0, 0], [0.9, 0.3, 0], [0.2, 0, 1])
    assert disputes_of(corpus(DOCS, claims=claims, vecs=v)) == ()


def test_a_polarity_dispute_restating_a_characterisation_dispute_is_dropped() -> None:
    claims = [
        claim("c1", "radio", "There were no systematic killings.", "denied", ("systematic", "killing"),
              (("systematic", True),), attributed_to=("ministry",),
              propositions=(act("kill", "kill", patient="Oresh families"),)),
        claim("c2", "gazette", "Rights workers described systematic killings.", terms=("systematic", "killing"),
              characterisations=(("systematic", False),),
              propositions=(act("kill", "kill", patient="Oresh families"),)),
        claim("c3", "wire", "Shops stayed shut.", terms=("shop",)),
    ]
    c = corpus(DOCS, claims=claims, vecs=vectors([1, 0.2, 0], [1, 0, 0.2], [0, 0, 1]))
    assert [d.kind for d in polarity(context(c))] == ["polarity"]  # on its own it would be one
    disputes = disputes_of(c)
    assert [d.kind for d in disputes] == ["characterisation"]
    assert ids_in(position(disputes[0], "no")) == ["c1"] and ids_in(position(disputes[0], "yes")) == ["c2"]


def test_denied_massacres_are_left_to_the_polarity_dispute() -> None:
    claims = [
        claim("c1", "radio", "There was no massacre in Tarn.", "denied", ("massacre", "tarn"), (("massacre", True),),
              attributed_to=("ministry",), propositions=(act("kill", "massacre", patient="people in Tarn"),)),
        claim("c2", "gazette", "The massacre in Tarn left forty dead.", terms=("massacre", "tarn"),
              characterisations=(("massacre", False),)),
    ]
    disputes = disputes_of(corpus(DOCS, claims=claims, vecs=vectors([1, 0.2], [1, 0])))
    assert [d.kind for d in disputes] == ["polarity"]


def test_characterisation_and_status_need_two_independent_reports() -> None:
    claims = [
        claim("c1", "wire", "It was no organised attack.", "denied", ("attack",), (("organised", True),)),
        claim("c2", "ledger", "It was an organised attack.", terms=("attack",),
              characterisations=(("organised", False),)),
        claim("c3", "wire", "The operation is over.", status="ended", terms=("operation",)),
        claim("c4", "ledger", "The killings continue.", status="continuing", terms=("killing",)),
    ]
    v = vectors([1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1])
    ctx = context(corpus(DOCS, claims=claims, vecs=v))
    assert characterisation(ctx) == [] and status(ctx) == []  # the ledger copies the wire
    independent = [claim(c.id, "gazette" if c.doc_id == "ledger" else c.doc_id, c.text, c.polarity, c.terms,
                         tuple((ch.family, ch.negated) for ch in c.characterisations), c.status) for c in claims]
    ctx = context(corpus(DOCS, claims=independent, vecs=v))
    assert [d.kind for d in characterisation(ctx)] == ["characterisation"]
    (found,) = status(ctx)
    assert [(p.label, ids_in(p)) for p in found.positions] == [
        ("over / control restored", ["c3"]), ("continuing", ["c4"])]


def test_a_summary_names_six_outlets_at_most_and_says_how_many_more() -> None:
    outlets = ["Alder Post", "Birch News", "Cedar Times", "Dune Daily", "Elm Herald", "Fir Wire", "Gorse Mail",
               "Hazel Radio", "Iris Weekly"]
    docs = [doc("state", "State Radio"), *(doc(f"d{i}", name) for i, name in enumerate(outlets))]
    claims = [claim("c0", "state", "The operation is over.", status="ended", terms=("operation",)),
              *(claim(f"c{i + 1}", f"d{i}", f"The killings continue in village {i}.", status="continuing",
                      terms=("killing",)) for i in range(len(outlets)))]
    v = vectors(*([1.0 if j == i % 4 else 0.0 for j in range(4)] for i in range(len(claims))))
    (found,) = status(context(corpus(docs, claims=claims, vecs=v)))
    assert "Alder Post, Birch News, Cedar Times, Dune Daily, Elm Herald and 4 more" in found.summary
    assert "Fir Wire" not in found.summary and "State Radio" in found.summary
    assert len(found.positions[1].outlets) == 9  # the position keeps every outlet
    ctx = context(corpus(docs[:7], claims=claims[:7], vecs=v[:7]))
    assert ctx.named(outlets[:6]) == ", ".join(outlets[:6])  # six are all named
    assert ctx.named(["Alder Post", "Alder Post"]) == "Alder Post"


def test_a_near_copy_speaks_with_its_originals_voice() -> None:
    claims = [
        claim("c1", "wire", "The ministry denies that troops fired on marchers.", "denied", ("marcher", "fire"),
              attributed_to=("ministry",), propositions=(FIRE,)),
        claim("c2", "ledger", "Troops fired on marchers.", terms=("marcher", "fire"), propositions=(FIRE,)),
    ]
    v = vectors([1, 0.1], [1, 0])
    assert disputes_of(corpus(DOCS, claims=claims, vecs=v)) == ()
    moved = [claims[0], claim("c2", "gazette", "Troops fired on marchers.", terms=("marcher", "fire"),
                              propositions=(FIRE,))]
    assert [d.kind for d in disputes_of(corpus(DOCS, claims=moved, vecs=v))] == ["polarity"]


def test_a_wire_story_republished_with_the_same_credit_is_one_origin() -> None:
    from rashomon.align.corpus import origins

    story = "KORVATH, Vessa (MP) — " + " ".join(f"Sentence {n} of the wire story about the flood." for n in range(40))
    a = doc("a", "Harbour Ledger", text=story + " Local comment from the Harbour Ledger desk follows here.")
    b = doc("b", "Coast Times (Meridian Press wire)", text=" ".join(story.split()[10:200]) + " Edited for length.")
    c = doc("c", "Hill Gazette", text=story.replace("(MP)", "(Other Agency)"))
    found = origins([a, b, c])
    assert found["b"][1] == "a"  # the same agency's story, republished: the first report's origin
    assert found["c"][1] == "c" or found["c"][0] == "a"  # another agency's: its own, unless a near-copy


def test_same_value_for_different_victims_is_numeric_even_under_an_acronym() -> None:
    figures = [figure("f1", "gazette", 300, category="people", attributed_to=("the Harlow Monitor for Rights Watch",)),
               figure("f2", "wire", 300, category="civilians", attributed_to=("HMRW",)),
               figure("f3", "radio", 300, category="civilians", attributed_to=("the Kest Interior Ministry",))]
    (dispute,) = disputes_of(corpus(DOCS, figures))
    assert dispute.kind == "numeric"
    assert {p.label: [e.figure_id for e in p.evidence] for p in dispute.positions} == {
        "300 people": ["f1"], "300 civilians": ["f2"]}
    assert {p.label: p.outlets for p in dispute.positions} == {
        "300 people": ("Coastline Gazette",), "300 civilians": ("Meridian Wire",)}


def test_numeric_dispute_is_not_raised_by_a_copy_or_another_event() -> None:
    copy = [figure("f1", "wire", 300, category="people", attributed_to=("Harlow Monitor",)),
            figure("f2", "ledger", 300, category="civilians", attributed_to=("Harlow Monitor",))]
    assert disputes_of(corpus(DOCS, copy)) == ()
    events = [figure("f1", "gazette", 300, category="people", attributed_to=("Harlow Monitor",)),
              figure("f2", "wire", 300, category="civilians", event="injured", attributed_to=("Harlow Monitor",))]
    assert disputes_of(corpus(DOCS, events)) == ()


def test_no_claims_no_disputes() -> None:
    assert disputes_of(corpus(DOCS)) == ()


def test_different_sources_with_the_same_initials_are_no_numeric_dispute() -> None:
    figures = [figure("f1", "gazette", 300, category="people", attributed_to=("the Health Ministry",)),
               figure("f2", "wire", 300, category="civilians", attributed_to=("the Harlow Monitor",))]
    assert disputes_of(corpus(DOCS, figures)) == ()


# -- one source, many names --------------------------------------------------------------------------

def same_source(*names: str) -> bool:
    identity = build_identity([NameUse(f"d{n}", name, 0) for n, name in enumerate(names)])
    return len({identity.source_id(f"d{n}", name) for n, name in enumerate(names)}) == 1


@pytest.mark.parametrize(("a", "b"), [
    ("HMRW", "the Harlow Monitor for Rights Watch"),
    ("Harlow Monitor", "the Harlow Monitor"),
    ("QRC", "The Quayside Relief Committee"),
    ("the harbour police", "The harbour police"),
    ("the Vessan Observatory for Human Rights", "Vessan Observatory for Human Rigths"),  # a typo
    ("Central Committee of Orsenian Doctors", "Orsenian Central Committee of Doctors"),  # another order
    ("Vessan Observatory", "the Vessan Observatory for Human Rights"),  # a short form
    ("Pavlo Kostenko", "Pavel Kastenko"),  # one person, two transliterations
])
def test_one_source_under_two_names(a: str, b: str) -> None:
    assert same_source(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Harlow Monitor", "Quayside Relief Committee"),
    ("HMRW", "Harlow Monitor"),
    ("the harbour police", "the city police"),
    ("the Health Ministry", "the Harlow Monitor"),
    ("Pavlo Kostenko", "Ivan Kostenko"),
])
def test_two_sources(a: str, b: str) -> None:
    assert not same_source(a, b)


def test_an_acronym_shared_by_two_names_is_its_own_source() -> None:
    identity = build_identity([NameUse("d1", "the Health Ministry", 0), NameUse("d2", "the Harlow Monitor", 0),
                               NameUse("d3", "HM", 0)])
    ids = {identity.source_id(d, n) for d, n in (("d1", "the Health Ministry"), ("d2", "the Harlow Monitor"))}
    assert len(ids) == 2 and identity.source_id("d3", "HM") not in ids


def test_a_described_source_is_the_named_one() -> None:
    assert same_source("the country's main medical union", "the Vessan Medical Union")
    assert not same_source("the Medical Council", "Vessan Medical Union")


def test_a_description_is_the_most_recent_fitting_source_of_its_report() -> None:
    uses = [NameUse("d1", "the Vessan Observatory for Human Rights", 0), NameUse("d1", "the Tarn Health Ministry", 50),
            NameUse("d1", "the Observatory", 90), NameUse("d1", "the monitor", 120), NameUse("d1", "the ministry", 150),
            NameUse("d2", "the Orsenian Monitoring Network", 0), NameUse("d2", "the UK-based war monitor", 40)]
    identity = build_identity(uses)
    observatory = identity.source_id("d1", "the Vessan Observatory for Human Rights")
    assert identity.source_id("d1", "the Observatory", 90) == observatory
    assert identity.source_id("d1", "the monitor", 120) == observatory  # the word says the kind: a monitor
    assert identity.source_id("d1", "the ministry", 150) == identity.source_id("d1", "the Tarn Health Ministry")
    assert identity.source_id("d2", "the UK-based war monitor", 40) == \
        identity.source_id("d2", "the Orsenian Monitoring Network")


def test_a_person_speaking_for_a_source_is_its_speaker() -> None:
    text = "Dana Orlik, director of the Vessan Observatory for Human Rights, said 40 people died."
    identity = build_identity([NameUse("d1", "Dana Orlik", 60), NameUse("d2", "the Vessan Observatory", 0),
                               NameUse("d3", "Observatory spokesman Ilan Brod", 0)],
                              texts={"d1": text})
    orlik = identity.attribution("d1", "Dana Orlik", 60)
    assert orlik.speaker == "Dana Orlik"
    assert orlik.source_id == identity.source_id("d2", "the Vessan Observatory")
    brod = identity.attribution("d3", "Observatory spokesman Ilan Brod")
    assert brod.speaker == "Ilan Brod"
    (source,) = [s for s in identity.sources if s.id == orlik.source_id]
    assert source.kind == "monitor" and "Dana Orlik" in source.speakers


# -- authenticity and perpetrators ------------------------------------------------------------------

def test_footage_called_staged_against_footage_verified_is_an_authenticity_dispute() -> None:
    from rashomon.align.disputes.authenticity import authenticity

    claims = [
        claim("c1", "radio", "The video of the raid is staged, the ministry said.", terms=("video", "raid"),
              attributed_to=("ministry",)),
        claim("c2", "gazette", "Analysts verified and geolocated the footage of the raid.", terms=("footage", "raid"),
              attributed_to=("analysts",)),
        claim("c3", "wire", "The footage is not genuine, an army spokesman said.", "denied", ("footage",),
              attributed_to=("army spokesman",)),
    ]
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1], [1, 1])))
    (found,) = authenticity(ctx)
    assert [(p.label, ids_in(p)) for p in found.positions] == [
        ("fabricated or edited", ["c1", "c3"]), ("authentic", ["c2"])]
    assert found.question == "Is the footage authentic, or fabricated or edited?"


def test_one_side_on_footage_is_no_authenticity_dispute() -> None:
    from rashomon.align.disputes.authenticity import authenticity

    claims = [
        claim("c1", "radio", "The video of the raid is staged, the ministry said.", terms=("video",),
              attributed_to=("ministry",)),
        claim("c2", "gazette", "The video was not staged, a researcher said.", "denied", ("video",),
              attributed_to=("researcher",)),  # the denial of "staged" is the authentic side
        claim("c3", "wire", "The edited minutes of the council were published.", terms=("minute", "council")),
    ]
    ctx = context(corpus(DOCS, claims=claims[:1] + claims[2:], vecs=vectors([1, 0], [0, 1])))
    assert authenticity(ctx) == []  # "edited" without a medium takes no side
    ctx = context(corpus(DOCS, claims=claims[:2], vecs=vectors([1, 0], [0, 1])))
    (found,) = authenticity(ctx)
    assert [ids_in(p) for p in found.positions] == [["c1"], ["c2"]]


def harm_by(agent: str) -> Harm:
    return Harm("kill", (0, 4), agent=agent, agent_span=None, patient="villagers", civilian_victims=True)


def test_coordinated_doers_include_each_side_and_oppose_no_one_they_include() -> None:
    from rashomon.align.disputes.perpetrator import perpetrator

    sides = {"Vessan troops": "Vessa", "Korvathi troops": "Korvath", "Vessan forces": "Vessa",
             "Korvathi forces": "Korvath", "Korvathi and Vessan forces": "Korvath"}
    claims = [
        claim("c1", "radio", "Vessan troops killed villagers.", harms=(harm_by("Vessan troops"),)),
        claim("c2", "gazette", "Korvathi and Vessan forces killed villagers.",
              harms=(harm_by("Korvathi and Vessan forces"),)),
    ]
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1])),
                  side_of=lambda doc_id, harm: sides.get(harm.agent or ""))
    assert perpetrator(ctx) == []  # the pair includes the Vessan troops: no opposing answer
    claims[1] = claim("c2", "gazette", "Korvathi troops killed villagers.", harms=(harm_by("Korvathi troops"),))
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1])),
                  side_of=lambda doc_id, harm: sides.get(harm.agent or ""))
    (found,) = perpetrator(ctx)
    assert sorted(p.label for p in found.positions) == ["Korvath", "Vessa"]
