"""Sides from affiliation (issue 14): a state's name, seat, officials, units and institutions join its side;
nation-cued nouns, protest organisers, generic nouns, datelines and captions. Every sentence is invented."""

from __future__ import annotations

import pytest

from rashomon.align.actors import build_actors
from rashomon.align.corpus import Corpus
from rashomon.align.identity import corpus_identity
from rashomon.align.names import seat_of
from rashomon.analyze import load_nlp
from rashomon.analyze.mentions import extract_mentions
from rashomon.ingest.text import document_from_text
from rashomon.model import Actor, Document, Mention


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def mentions_of(nlp, text: str) -> list[Mention]:
    return extract_mentions(nlp(text))


def report(n: int, body: str) -> Document:
    return document_from_text(f"title: Report {n}\noutlet: Desk {n}\ndate: 2024-05-0{n}\n\n{body}", f"r{n}.txt")


def actors(nlp, *bodies: str) -> tuple[Actor, ...]:
    docs = [report(n + 1, b) for n, b in enumerate(bodies)]
    ms: dict[str, tuple[Mention, ...]] = {}
    for d in docs:
        parsed = nlp.make_doc(d.text)
        parsed.user_data["rashomon.doc_id"] = d.id
        ms[d.id] = tuple(extract_mentions(nlp(parsed)))
    c = Corpus(documents=tuple(docs), mentions=ms)
    return build_actors([d.id for d in docs], ms, corpus_identity(c), {d.id: d.text for d in docs})


def side(found: tuple[Actor, ...], name_part: str) -> Actor:
    return next(a for a in found if a.kind == "side" and name_part in a.name)


def labels(a: Actor) -> set[str]:
    return {lab.text for lab in a.labels}


@pytest.mark.parametrize(("sentence", "label"), [
    ("Chilean officials said the rockets hit the port.", "Chilean officials"),
    ("The Norwegian side rejected the charge.", "Norwegian side"),
    ("The country's military leaders met on Sunday.", "country's military leaders"),
    ("Norwegian invaders shelled the harbour.", "Norwegian invaders"),
    ("A probe into the Norwegian military's attack began.", "Norwegian military"),
])
def test_nouns_a_nation_marks_name_its_state(nlp, sentence, label):
    m = next(m for m in mentions_of(nlp, sentence) if m.text == label)
    assert m.kind in {"state_forces", "government"}


@pytest.mark.parametrize("sentence", [
    "Officials said the rockets hit the port.",
    "He walked to the Chilean side of the border.",
    "Hospital officials and party leaders met on Monday.",
])
def test_the_same_nouns_without_a_nation_are_no_group(nlp, sentence):
    assert not [m for m in mentions_of(nlp, sentence) if m.kind in {"state_forces", "government", "movement"}]


def test_protest_leaders_and_organisers_are_challengers(nlp):
    ms = mentions_of(nlp, "Protest leaders and organizers of the march said the talks had failed.")
    assert {m.text for m in ms if m.kind == "movement"} == {"Protest leaders", "organizers"}
    assert not [m for m in mentions_of(nlp, "Party leaders said the talks had failed.") if m.kind == "movement"]


def test_seats_stand_for_their_government():
    assert seat_of("the Kremlin") == "Russia" and seat_of("Oslo") == "Norway" and seat_of("Kiev") == "Ukraine"
    assert seat_of("Brekka") is None


def test_a_states_name_seat_and_officials_join_its_side(nlp):
    found = actors(nlp, "Norwegian troops shelled the port of Brekka, killing nine people. Chilean officials said "
                        "Norwegian invaders fired rockets. Chilean President Mateo Rojas called it a crime.",
                   "Chile accused Norway of the attack. Santiago said the Chilean army had no soldiers in Oslo. "
                   "Norway denied it, and the Norwegian side blamed Santiago.")
    chile, norway = side(found, "Chile"), side(found, "Norway")
    assert {"Chilean officials", "Chilean President Mateo Rojas", "Chile", "Santiago", "Chilean army"} <= labels(chile)
    assert {"Norwegian troops", "Norwegian invaders", "Norway", "Norwegian side"} <= labels(norway)
    assert "Oslo" not in labels(norway)  # "in Oslo": a place
    assert not labels(chile) & labels(norway)


def test_a_former_ruler_is_no_official_of_the_state(nlp):
    found = actors(nlp, "Chilean troops fired on the crowd. Former Chilean President Tomas Vidal said the army "
                        "had lied.")
    assert "Former Chilean President Tomas Vidal" not in labels(side(found, "Chile"))


def test_a_unit_and_an_acronym_join_their_states_side(nlp):
    found = actors(nlp, "The Chilean National Army ended its sweep of the valley on Monday. A CNA soldier from the "
                        "Condor brigade was wounded. The army said it had hit armed gangs.")
    chile = side(found, "Chile")
    assert {"CNA soldier", "Condor brigade"} <= labels(chile)
    assert not [a for a in found if a.kind == "side" and ("Condor" in a.name or "Cna" in a.name or "CNA" in a.name)]


def test_a_named_brigade_with_a_patron_stays_the_patrons(nlp):
    found = actors(nlp, "Fighters loyal to Ivo Marek attacked the depot. Chilean troops repelled them.")
    assert "Fighters loyal to Ivo Marek" not in labels(side(found, "Chile"))


def test_generic_nouns_are_labels_only_through_coreference(nlp):
    found = actors(nlp, "The Norwegian Defence Ministry said its troops held the port. The ministry added that "
                        "Chilean forces had fired first. Forces were seen near the bridge.")
    norway = side(found, "Norway")
    assert "Forces" not in {lab.text for a in found if a.kind == "side" for lab in a.labels}
    assert "Chilean forces" in labels(side(found, "Chile"))
    assert "Norwegian Defence Ministry" in labels(norway)


def test_the_ministry_takes_the_last_named_ministrys_side(nlp):
    found = actors(nlp, "The Norwegian Defence Ministry accused Chilean troops of the strike. Chile's forces "
                        "fired from the hills, the ministry said.")
    ministry = [a for a in found if a.kind == "side" and any(lab.text == "ministry" for lab in a.labels)]
    assert all("Norway" in a.name for a in ministry)


def test_a_dateline_and_a_caption_give_no_label(nlp):
    found = actors(nlp, "BREKKA, Norway (Wire) — Norwegian troops shelled the port on Monday.\n\n"
                        "Smoke over the port. (Wire Photo/Ana Lind)\n\nChilean officials said nine people died.")
    all_labels = {lab.text for a in found for lab in a.labels}
    assert "Norway" not in labels(side(found, "Norway"))
    assert not any("Photo" in t or "Lind" in t for t in all_labels)


def test_a_side_of_an_event_without_a_place_is_never_named_by_a_report_id(nlp):
    found = actors(nlp, "Gunmen attacked the market and the army said it had killed three of them.")
    for a in found:
        if a.kind == "side":
            assert not any(ch.isdigit() for ch in a.name), a.name


def test_neutral_words_are_never_loaded_and_every_list_cites_its_sources():
    from rashomon import lang
    from rashomon.align.framing import loaded_terms

    terms, pattern = loaded_terms()
    for neutral in ("security forces", "government", "authorities", "police", "army", "officials"):
        assert neutral not in terms and not pattern.fullmatch(neutral), neutral
    raw = lang.read("loaded_terms")
    assert {k for k in raw if not k.startswith("_")} == set(raw["_sources"])
    assert terms["invader"] == "exonym" and terms["terrorist"] == "delegitimising"


def test_framing_matrix_cells_link_to_the_words(examples_dossier):
    from rashomon.model import Dossier, from_json
    from rashomon.render import views
    from rashomon.render.html import render_html

    dossier = from_json(Dossier, examples_dossier)
    matrix = views.framing_matrix(dossier)
    names = views.outlet_names(dossier)
    sides = {a.id: a for a in dossier.actors if a.kind == "side"}
    assert matrix.sides and set(matrix.outlets) == set(names.values())
    for (side_id, outlet), cell in matrix.cells.items():
        labels = sides[side_id].labels
        for lab in cell:
            # the anchor is the actor highlight of one of this side's labels, in a report of this outlet
            i = int(lab.anchor.rsplit("-", 1)[1]) - 1
            assert labels[i].text == lab.text and names[labels[i].span.doc_id] == outlet
    assert set(matrix.hedged) == set(matrix.outlets)
    html = render_html(dossier)
    assert 'id="framing-matrix"' in html
    first = next(iter(matrix.cells.values()))[0]
    assert f'href="#{first.anchor}"' in html and f'id="{first.anchor}"' in html


def test_remnants_of_a_thing_are_no_group(nlp):
    for sentence in ("Remnants of a rocket lay near the station.", "Remnants of a Kestrel-9 rocket were found."):
        assert not [m for m in mentions_of(nlp, sentence) if m.kind != "civilians"], sentence
    old_order = mentions_of(nlp, "They blamed remnants of the old order.")
    assert any(m.text == "remnants of the old order" for m in old_order)
    ms = mentions_of(nlp, "Remnants of the old regime attacked the station.")
    assert any(m.text == "Remnants of the old regime" for m in ms)


def test_all_military_forces_is_no_label_of_a_side(nlp):
    found = actors(nlp, "Chilean troops shelled the port. All military forces must spare civilians, the agency said.")
    assert "military forces" not in {lab.text for a in found if a.kind == "side" for lab in a.labels}


def test_a_national_service_is_its_states_and_a_charitys_service_is_not(nlp):
    found = actors(nlp, "Chilean troops shelled the port. The Security Service of Norway (NSS) said it had "
                        "arrested two Chilean officers. Norwegian police closed the roads.",
                   "The Harbour Relief Service said it fed 300 families after Chilean troops shelled the port.")
    assert "Security Service of Norway" in labels(side(found, "Norway"))
    assert not any("Harbour Relief" in lab.text for a in found if a.kind == "side" for lab in a.labels)


def test_a_paramilitary_organisation_is_its_states_unless_set_against_it(nlp):
    found = actors(nlp, "Chilean police and the paramilitary Condor Support Forces (CSF) broke up the sit-in. "
                        "Protesters said the CSF fired on them.",
                   "Members of the Condor Support Forces beat protesters, witnesses said. Chilean troops "
                   "guarded the ministry.")
    assert "Condor Support Forces" in labels(side(found, "Chile"))
    rebels = actors(nlp, "The Andes Liberation Front, a rebel group, attacked Chilean troops near the dam. "
                         "Chilean troops fought the Andes Liberation Front for a day.")
    assert "Andes Liberation Front" not in labels(side(rebels, "Chile"))


def test_former_rebels_who_took_power_are_the_state_not_the_old_regime(nlp):
    found = actors(nlp, "Chile's new authorities said on Monday that their forces had killed 20 loyalists of "
                        "ousted president Ivo Marek near the dam.",
                   "Chile's new government, led by former rebels, denied that its forces had executed prisoners. "
                   "Remnants of the Marek regime ambushed a convoy, the interior ministry said.")
    assert {"former rebels", "Chile's new authorities"} <= labels(side(found, "Chile"))
    old = side(found, "Marek")
    assert "Remnants of the Marek regime" in labels(old) and "former rebels" not in labels(old)


def test_a_day_before_a_group_is_not_part_of_its_label(nlp):
    assert [m.text for m in mentions_of(nlp, "On Monday Chile's new authorities said their forces had won.")][0] \
        == "Chile's new authorities"


def test_framing_matrix_keeps_the_outlets_with_most_labels(examples_dossier):
    from rashomon.model import Dossier, from_json
    from rashomon.render import views

    dossier = from_json(Dossier, examples_dossier)
    whole = views.framing_matrix(dossier)
    two = views.framing_matrix(dossier, max_outlets=2)
    assert len(two.outlets) == 2 and two.left_out == len(whole.outlets) - 2

    def used(o: str) -> int:
        return sum(lab.count for (_, outlet), labs in whole.cells.items() if outlet == o for lab in labs)

    assert min(used(o) for o in two.outlets) >= max(used(o) for o in whole.outlets if o not in two.outlets)


@pytest.mark.parametrize(("phrase", "parts"), [
    ("Rwandan and Ugandan forces", ["Rwandan forces", "Ugandan forces"]),
    ("government and rebel forces", ["government forces", "rebel forces"]),
    ("Sudria and Norland", ["Sudria", "Norland"]),
    ("soldiers and riot police", ["soldiers", "riot police"]),
    ("police, soldiers and militiamen", ["police", "soldiers", "militiamen"]),
    ("the army", ["the army"]),
])
def test_a_coordinated_phrase_names_each_doer_whole(phrase, parts):
    from rashomon.align.names import coordinated
    assert coordinated(phrase) == parts


def test_a_coordinated_label_frames_both_sides():
    """Case 25's kind: "X and Y forces" is the outlet's word for Y's side too, not only X's — the side whose
    own labels carry Y's distinctive word; a word two sides share places nothing."""
    from rashomon.align.framing import framing_table
    from rashomon.model import Label, Span
    docs = (report(1, "Vessan troops killed dozens of villagers."),
            report(2, "Survivors said Korvathi and Vessan forces shelled the town, and government troops fled."))
    c = Corpus(documents=docs)

    def label(doc: Document, text: str) -> Label:
        start = doc.text.index(text)
        return Label(Span(doc.id, start, start + len(text)), text)

    korvath = Actor("s1", "government of Korvath", "side", labels=(
        label(docs[1], "Korvathi and Vessan forces"), label(docs[1], "government troops")))
    vessa = Actor("s2", "government of Vessa", "side", labels=(label(docs[0], "Vessan troops"),))
    rows = {r.outlet: r for r in framing_table(c, (korvath, vessa), corpus_identity(c))}
    framed = {s.name: sorted(lab.text for lab in s.labels) for s in rows["Desk 2"].sides}
    assert framed == {"government of Korvath": ["Korvathi and Vessan forces", "government troops"],
                      "government of Vessa": ["Korvathi and Vessan forces"]}
    assert [s.name for s in rows["Desk 1"].sides] == ["government of Vessa"]
