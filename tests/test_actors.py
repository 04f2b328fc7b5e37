"""Actors: mentions in one report (analyze.mentions), actors and sides across reports (align.actors), framing.

The reports under tests/data/actors/ are invented: Kestria, where two rebel organisations fight the army
as one side, and Ostravia, where the forces of a new government fight loyalists of an ousted president.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from helpers import figure
from rashomon.align.actors import build_actors
from rashomon.align.corpus import Corpus
from rashomon.align.framing import framing_table
from rashomon.align.identity import corpus_identity
from rashomon.analyze import load_nlp
from rashomon.analyze.mentions import extract_mentions
from rashomon.ingest.text import document_from_text
from rashomon.model import Actor, Document, Mention, to_json

DATA = Path(__file__).parent / "data" / "actors"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def parse(nlp, doc: Document):
    parsed = nlp.make_doc(doc.text)
    parsed.user_data["rashomon.doc_id"] = doc.id
    return nlp(parsed)


def mentions_of(nlp, text: str) -> list[Mention]:
    return extract_mentions(nlp(text))


def texts(mentions: list[Mention], kind: str | None = None) -> list[str]:
    return [m.text for m in mentions if kind is None or m.kind == kind]


def find(mentions: list[Mention], text: str) -> Mention:
    return next(m for m in mentions if m.text == text)


def linked(mentions: list[Mention], mention_id: str | None) -> Mention:
    return next(m for m in mentions if m.id == mention_id)


def actors_of(docs: list[Document], mentions: dict[str, tuple[Mention, ...]],
              aliases: dict[str, list[str]] | None = None) -> tuple[Actor, ...]:
    c = Corpus(documents=tuple(docs), mentions=mentions)
    return build_actors([d.id for d in docs], mentions, corpus_identity(c), {d.id: d.text for d in docs}, aliases)


def corpus(nlp, folder: Path) -> tuple[list[Document], dict[str, tuple[Mention, ...]], tuple[Actor, ...]]:
    docs = [document_from_text(p.read_text(encoding="utf-8"), str(p)) for p in sorted(folder.glob("*.txt"))]
    mentions = {d.id: tuple(extract_mentions(parse(nlp, d))) for d in docs}
    return docs, mentions, actors_of(docs, mentions)


def side_with(actors: tuple[Actor, ...], label: str) -> Actor:
    return next(a for a in actors if a.kind == "side" and any(lab.text == label for lab in a.labels))


def labels(actor: Actor) -> set[str]:
    return {lab.text for lab in actor.labels}


# -- one report ------------------------------------------------------------------------------------------
def test_every_mention_points_at_its_own_words(nlp):
    text = (DATA / "ostravia" / "01_wire.txt").read_text(encoding="utf-8")
    doc = document_from_text(text, "01_wire.txt")
    ms = extract_mentions(parse(nlp, doc))
    assert ms
    for m in ms:
        assert m.span.doc_id == doc.id and m.span.quote(doc.text) == m.text
        s, e = m.sentence
        assert s <= m.span.start < m.span.end <= e
    assert len({m.id for m in ms}) == len(ms)
    json.dumps(to_json(ms))  # through the codec, ready for the store


@pytest.mark.parametrize(("sentence", "label", "anchor"), [
    ("Pro-Vollen militiamen ambushed a patrol near the border.", "Pro-Vollen militiamen", "Vollen"),
    ("Fighters loyal to Marek Vollen held the bridge.", "Fighters loyal to Marek Vollen", "Marek Vollen"),
    ("Police said Vollen loyalists had fled into the hills.", "Vollen loyalists", "Vollen"),
    ("Witnesses blamed remnants of the Vollen regime for the fire.", "remnants of the Vollen regime", "Vollen"),
    ("Supporters of Dara Okoth marched through the capital.", "Supporters of Dara Okoth", "Dara Okoth"),
    ("Okoth's forces withdrew from the airport on Sunday.", "Okoth's forces", "Okoth"),
])
def test_affiliation_anchors(nlp, sentence, label, anchor):
    m = find(mentions_of(nlp, sentence), label)
    assert m.anchor == anchor
    assert m.kind in {"armed_group", "state_forces"}


def test_former_and_new_regime_are_told_apart(nlp):
    ms = mentions_of(nlp, "Security forces aligned with the new regime clashed with remnants of the old regime "
                          "outside the port. The previous regime's officers had already fled.")
    assert find(ms, "Security forces aligned with the new regime").anchor_tense == "current"
    old = find(ms, "remnants of the old regime")
    assert old.tense == "former" and old.anchor == "regime"
    assert find(ms, "previous regime's officers").anchor_tense == "former"


def test_coordinated_groups_are_split(nlp):
    ms = mentions_of(nlp, "At least 40 people died in clashes between interim government forces and fighters "
                          "loyal to the ousted president. Dozens of government troops and rebel fighters were "
                          "wounded. The national army and Interior Ministry units sealed the valley.")
    found = texts(ms)
    for label in ("interim government forces", "fighters loyal to the ousted president", "government troops",
                  "rebel fighters", "national army", "Interior Ministry units"):
        assert label in found
    assert not any(" and " in m.text for m in ms if m.kind in {"armed_group", "state_forces"})
    forces = find(ms, "interim government forces")
    assert forces.opposed_to == (find(ms, "fighters loyal to the ousted president").id,)


def test_role_hints(nlp):
    ms = mentions_of(nlp, "Vollen loyalists ambushed a police convoy. Nine soldiers were killed. "
                          "The Ostravian Casualty Monitor said the toll would rise. "
                          "According to the monitor, militiamen executed four farmers.")
    assert find(ms, "Vollen loyalists").role_hint == "agent"
    assert find(ms, "soldiers").role_hint == "patient"  # the number is the figure's, not the label's
    assert find(ms, "Ostravian Casualty Monitor").role_hint == "source"
    assert find(ms, "monitor").role_hint == "source"
    assert find(ms, "militiamen").role_hint == "agent"
    assert find(ms, "farmers").role_hint == "patient"


def test_the_organisation_and_the_monitor_refer_to_the_last_named_organisation(nlp):
    ms = mentions_of(nlp, "The Harbour Rights Centre counted 30 dead. The Red Lantern Society opened two "
                          "shelters. The organisation said it needed blankets. The monitor later raised its toll.")
    org = find(ms, "organisation")
    assert linked(ms, org.antecedent).text == "Red Lantern Society"
    # a "monitor" is the organisation whose own name says it monitors, when there is one
    ms = mentions_of(nlp, "The Dorn Casualty Monitor counted 30 dead. The Red Lantern Society opened two "
                          "shelters. The monitor later raised its toll.")
    assert linked(ms, find(ms, "monitor").antecedent).text == "Dorn Casualty Monitor"


def test_aliases_stated_in_a_report(nlp):
    ms = mentions_of(nlp, "The Valley Human Rights Observatory (VHRO) said 14 died. Commander Yusuf Ormani, "
                          "also known as Abu Karim, denied it. The Eastern Shield Movement, a longtime ally of the "
                          "rebels, said nothing.")
    assert linked(ms, find(ms, "VHRO").alias_of).text == "Valley Human Rights Observatory"
    assert linked(ms, find(ms, "Abu Karim").alias_of).name == "Yusuf Ormani"
    assert linked(ms, find(ms, "longtime ally of the rebels").alias_of).text == "Eastern Shield Movement"


def test_demonstratives_take_their_antecedent(nlp):
    ms = mentions_of(nlp, "Remnants of the Vollen regime hid in the caves above Bresk. "
                          "These fighters came down at night.")
    assert linked(ms, find(ms, "These fighters").antecedent).text == "Remnants of the Vollen regime"


def test_extraction_is_cheap_next_to_parsing(nlp):
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*/*.txt"))) * 3
    start = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - start
    start = time.perf_counter()
    extract_mentions(doc)
    assert time.perf_counter() - start < 0.25 * parse  # about 3% on the examples; loose for slow machines


# -- across reports --------------------------------------------------------------------------------------
def test_a_side_of_several_organisations_gathers_their_labels(nlp):
    _, _, actors = corpus(nlp, DATA / "kestria")
    rebels = side_with(actors, "Harrow Brigades militants")
    assert {"Free Valley Front (FVF) fighters", "Harrow Brigades militants", "terrorist gangs",
            "Resistance fighters of the Harrow Brigades", "so-called Free Valley Front"} <= labels(rebels)
    ids = {a.id: a for a in actors}
    member_names = {ids[m].name for m in rebels.members}
    assert {"Free Valley Front", "Harrow Brigades"} <= member_names
    army = side_with(actors, "Government troops")
    assert {"heroic Kestrian army", "junta's soldiers", "Ministry of Defence"} <= labels(army)
    assert army.id != rebels.id


def test_the_two_sides_are_never_merged(nlp):
    for folder in ("kestria", "ostravia"):
        _, _, actors = corpus(nlp, DATA / folder)
        sides = [a for a in actors if a.kind == "side"]
        state = next(a for a in sides if a.id.startswith("side-state"))
        for other in sides:
            if other is state:
                continue
            shared = {(lab.span.doc_id, lab.text) for lab in state.labels} & {
                (lab.span.doc_id, lab.text) for lab in other.labels}
            assert not shared
        assert not any(re.search(r"loyal|remnant|rebel|Vollen|FVF|Brigades", lab.text) for lab in state.labels)


def test_former_regime_remnants_join_the_ousted_rulers_side(nlp):
    _, _, actors = corpus(nlp, DATA / "ostravia")
    loyalists = side_with(actors, "pro-Vollen militiamen")
    assert {"fighters loyal to the ousted president Marek Vollen", "remnants of the old regime",
            "remnants of the Vollen regime", "Supporters of former president Marek Vollen"} <= labels(loyalists)
    government = side_with(actors, "interim government forces")
    assert {"police of the new government", "new regime's militias", "Government forces"} <= labels(government)
    assert loyalists.role == "perpetrator"


def test_acronym_and_full_name_are_one_organisation(nlp):
    _, _, actors = corpus(nlp, DATA / "kestria")
    observatory = next(a for a in actors if a.name == "Valley Human Rights Observatory")
    assert {"VHRO", "observatory", "organisation"} <= labels(observatory)
    assert observatory.role == "source"


def test_transliterations_are_one_person(nlp):
    _, _, actors = corpus(nlp, DATA / "kestria")
    ormani = [a for a in actors if a.kind == "person" and "Ormani" in a.name]
    assert len(ormani) == 1
    assert {"FVF commander Yusuf Ormani", "Commander Youssef Ormani", "ringleader of the gangs"} <= labels(ormani[0])


def test_alias_file_and_user_aliases(nlp):
    texts_ = ["Human Rights Watch said the shelling was indiscriminate.",
              "HRW urged an inquiry. Sheikh Tamar Odeh spoke to the crowd.",
              "Abu Layth, the preacher, blessed the fighters."]
    docs = [Document(source=f"d{i}.txt", text=t, id=f"d{i}") for i, t in enumerate(texts_)]
    mentions = {d.id: tuple(extract_mentions(parse(nlp, d))) for d in docs}
    actors = actors_of(docs, mentions, aliases={"Tamar Odeh": ["Abu Layth"]})
    hrw = [a for a in actors if a.name == "Human Rights Watch"]
    assert len(hrw) == 1 and "HRW" in labels(hrw[0])  # listed in lang/en/aliases.json
    odeh = [a for a in actors if a.kind == "person" and "Odeh" in a.name]
    assert len(odeh) == 1 and "Abu Layth" in labels(odeh[0])


def test_example_corpus_sides_cover_the_gold_labels(nlp):
    """The scorer's rule: a gold label is found when the side has it, or a label containing it, in that report."""
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
    docs, _, actors = corpus(nlp, EXAMPLES / "reports")
    by_name = {Path(d.source).name: d.id for d in docs}

    def match(g: str, s: str) -> bool:
        g, s = g.lower().replace("’", "'"), s.lower().replace("’", "'")
        return min(len(g), len(s)) >= 4 and (g in s or s in g)

    best = {}
    for group, per_doc in gold["actor_groups"].items():
        scores = []
        for a in actors:
            hits = sum(any(match(g, lab.text) for lab in a.labels if lab.span.doc_id == by_name[name])
                       for name, golds in per_doc.items() for g in golds)
            scores.append((hits, a.id))
        hits, best[group] = max(scores)
        total = sum(len(v) for v in per_doc.values())
        assert hits / total >= 0.9, group
    assert len(set(best.values())) == len(best)


# -- framing ---------------------------------------------------------------------------------------------
def test_framing_table_per_outlet(nlp):
    docs, mentions, actors = corpus(nlp, DATA / "kestria")
    by_outlet = {d.outlet: d.id for d in docs}
    figures = [
        figure("f1", by_outlet["Lowland Wire"], 4, hedged=False, attributed_to=("Valley Human Rights Observatory",)),
        figure("f2", by_outlet["Lowland Wire"], 5, hedged=True),
        figure("f3", by_outlet["Free Valley Voice"], 6, hedged=True, attributed_to=("VHRO",)),
    ]
    c = Corpus(documents=tuple(docs), figures=tuple(figures), mentions=mentions)
    identity = corpus_identity(c)
    rows = {r.outlet: r for r in framing_table(c, actors, identity)}
    # one source under its two names: both outlets rely on it
    vhro = identity.source_id(by_outlet["Free Valley Voice"], "VHRO")
    assert [(u.source_id, u.count) for u in rows["Free Valley Voice"].upstream] == [(vhro, 1)]
    assert [(u.source_id, u.count) for u in rows["Lowland Wire"].upstream] == [(vhro, 1)]
    assert list(rows) == ["Lowland Wire", "Kestrian State Radio", "Free Valley Voice"]
    assert rows["Lowland Wire"].hedging_rate == 0.5 and rows["Lowland Wire"].attribution_rate == 0.5
    assert rows["Free Valley Voice"].hedging_rate == 1.0
    assert rows["Kestrian State Radio"].hedging_rate is None  # no figures, no rate
    rebels = side_with(actors, "Harrow Brigades militants").id
    state_terms = {t.term: t for t in rows["Kestrian State Radio"].loaded_terms}
    assert state_terms["terrorist"].count == 2 and state_terms["terrorist"].sides == {rebels: 2}
    assert {"gang", "extremist", "outlaw", "so-called"} <= state_terms.keys()
    exile_terms = {t.term: t for t in rows["Free Valley Voice"].loaded_terms}
    assert {"junta", "resistance"} <= exile_terms.keys()
    assert "terrorist" not in exile_terms
    state_sides = {s.side: [lab.text for lab in s.labels] for s in rows["Kestrian State Radio"].sides}
    assert "terrorist gangs" in state_sides[rebels]


def test_reports_on_two_events_keep_their_own_sides(nlp):
    docs, mentions = [], {}
    for folder in ("kestria", "ostravia"):
        d, m, _ = corpus(nlp, DATA / folder)
        docs += d
        mentions.update(m)
    actors = actors_of(docs, mentions)
    kestria = {d.id for d in docs if "kestria" in d.source}
    for side in (a for a in actors if a.kind == "side"):
        in_kestria = {lab.span.doc_id in kestria for lab in side.labels}
        assert len(in_kestria) == 1, side.name  # no side spans both conflicts
    assert side_with(actors, "pro-Vollen militiamen").id != side_with(actors, "terrorist gangs").id


# -- protests and crackdowns -------------------------------------------------------------------------------
def build(nlp, texts: list[str]) -> tuple[Actor, ...]:
    docs = [Document(source=f"d{i}.txt", text=t, id=f"d{i}") for i, t in enumerate(texts)]
    return actors_of(docs, {d.id: tuple(extract_mentions(parse(nlp, d))) for d in docs})


def sides(actors: tuple[Actor, ...]) -> list[Actor]:
    return [a for a in actors if a.kind == "side"]


PROTEST = [
    "VELMORA (GNA) — Riot police fired tear gas at thousands of protesters in Velmora on Saturday, and the "
    "government blamed foreign-funded agitators. The march was called by the Unity Bloc, an opposition coalition "
    "that includes the Green Dawn Party and the Azure Youth movement. The Iron Guard, a volunteer militia loyal to "
    "President Tomas Herrin, attacked the marchers alongside the police.",
    "Law enforcement detained 200 rioters, and the security services raided the offices of the opposition. "
    "\"Our police acted with restraint,\" the interior minister said. Members of the Iron Guard beat "
    "demonstrators, witnesses said. President Tomas Herrin praised the government.",
    "Hundreds of our comrades have been arrested, the opposition said. Police shot five protesters in Velmora.",
]


def test_protesters_and_what_their_opponents_call_them_are_challengers(nlp):
    ms = mentions_of(nlp, "Police fired on protesters and unarmed demonstrators, but the ministry blamed rioters "
                          "and saboteurs sent by the opposition.")
    for text in ("protesters", "unarmed demonstrators", "rioters", "saboteurs", "opposition"):
        assert find(ms, text).kind == "movement"
    assert find(ms, "Police").kind == "state_forces"


def test_organisations_the_report_places_in_the_opposition(nlp):
    ms = mentions_of(nlp, PROTEST[0])
    assert find(ms, "Green Dawn Party").camp == "challenger"  # "a coalition that includes X"
    assert find(ms, "opposition coalition").kind == "movement"
    assert find(ms, "Azure Youth movement").kind == "movement"


def test_a_dateline_is_not_an_actor(nlp):
    ms = mentions_of(nlp, PROTEST[0])
    assert not {"VELMORA", "GNA"} & set(texts(ms))
    ms = mentions_of(nlp, "HARLOW, Estmark (Tide News) — Troops shelled the port on Monday.")
    assert not {"HARLOW", "Estmark", "Tide News"} & set(texts(ms))
    assert texts(ms, "state_forces") == ["Troops"]


def test_kinds_of_police_and_our_police_are_no_loyalty(nlp):
    assert find(mentions_of(nlp, "Riot police cleared the square before dawn."), "Riot police").anchor is None
    ms = mentions_of(nlp, "\"Our police acted with restraint,\" the minister said.")
    assert find(ms, "Our police").anchor is None


def test_security_services_and_law_enforcement_are_state_forces(nlp):
    ms = mentions_of(nlp, "Law enforcement detained 200 people and the security services raided the offices, "
                          "while plain-clothes agents watched.")
    for text in ("Law enforcement", "security services", "plain-clothes agents"):
        assert find(ms, text).kind == "state_forces"
    ms = mentions_of(nlp, "Witnesses said government aircraft bombed the camp while regime artillery shelled it.")
    assert {"government aircraft", "regime artillery"} <= set(texts(ms, "state_forces"))


def test_a_crackdown_has_two_sides(nlp):
    actors = build(nlp, PROTEST)
    challengers = side_with(actors, "rioters")
    state = side_with(actors, "security services")
    assert challengers.id != state.id
    assert {"protesters", "foreign-funded agitators", "marchers", "demonstrators", "opposition",
            "opposition coalition", "Green Dawn Party", "our comrades"} <= labels(challengers)
    assert {"Unity Bloc", "Azure Youth"} & labels(challengers)  # a named coalition and movement
    # the militia loyal to the sitting president, its name in any report, the police of every kind
    assert {"volunteer militia loyal to President Tomas Herrin", "Iron Guard", "Law enforcement", "Our police",
            "Riot police", "police"} <= labels(state)
    assert not labels(state) & {"protesters", "rioters", "opposition"}
    assert not any(a.name.startswith("loyalists of") for a in sides(actors))


def test_a_militia_loyal_to_an_ousted_ruler_stays_apart_from_the_sitting_presidents(nlp):
    actors = build(nlp, [
        "The Iron Guard, a militia loyal to President Tomas Herrin, clashed with fighters loyal to the ousted "
        "president Anton Crail near the port. Troops backed the Iron Guard.",
        "Remnants of the Crail regime ambushed the army, while President Tomas Herrin visited the port.",
    ])
    state = side_with(actors, "Troops")
    assert "militia loyal to President Tomas Herrin" in labels(state)
    assert not any("Crail" in lab for lab in labels(state))


def test_our_forces_and_a_name_word_join_the_armed_organisation(nlp):
    actors = build(nlp, [
        "Fighters of the Dravik Liberation Front shelled a town in Velaria on Monday. The Velarian army said its "
        "forces repelled the attack.",
        "The Dravik terrorist militia attacked army positions, the Velarian army said. The terrorists fled.",
        "Our forces repelled the Velmora regime, a spokesman for the Dravik Liberation Front said.",
    ])
    front = side_with(actors, "Dravik Liberation Front")
    assert {"Dravik terrorist militia", "terrorists", "Our forces"} <= labels(front)
    assert "Velmora regime" not in labels(front)
    regime = side_with(actors, "Velmora regime")
    assert regime.name.startswith(("the government", "government of"))
