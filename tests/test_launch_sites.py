"""Where a weapon was fired from, named by who holds the ground, and the dispute when independent voices
place it on different sides' ground. Sentences are invented for these tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from helpers import claim, context, corpus, doc, vectors
from rashomon.align.actors import SideLookup
from rashomon.align.disputes import find_disputes
from rashomon.align.disputes.launch import launch_site
from rashomon.analyze import load_nlp
from rashomon.analyze.claims import extract_claims
from rashomon.model import Actor, Claim, Label, LaunchSite, Span


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def sites(nlp: Any, text: str) -> list[tuple[str, str, bool]]:
    return [(s.place, s.holder, s.negated) for c in extract_claims(nlp(text)) for s in c.launch_sites]


@pytest.mark.parametrize(("text", "place", "holder"), [
    # a participle with "by"
    ("Investigators said the rocket was launched from territory held by the Norland army, west of the town.",
     "territory", "the Norland army"),
    # a hyphenated participle before the place, a common noun or a name
    ("The drone was fired from the rebel-held village of Kast, the ministry said.",
     "the rebel-held village of Kast", "rebel"),
    ("Analysts said the rocket was allegedly launched from the Norland-occupied Dravsk in Kast province.",
     "the Norland-occupied Dravsk", "Norland"),
    ("According to the analysts, the shells came from Norlandic-controlled positions.",
     "Norlandic-controlled positions", "Norlandic"),
    # a relative clause, and a "from" the parse hangs on the launcher
    ("The council said a missile was launched by a Vetra launcher from the territory in Kast province which "
     "has been occupied by Norland since 2014.", "the territory", "Norland"),
    ("Officials said the missile had been launched from an area which has been controlled by Veshan forces "
     "since 2019.", "an area", "Veshan forces"),
    # "under the control of X", "under X control"
    ("The shell was fired from positions under the control of the militia, the mayor said.", "positions",
     "the militia"),
    ("The rocket was fired from positions under Norland control, the ministry said.", "positions", "Norland"),
    # "from the direction of" looks through to the place
    ("The shells came from the direction of rebel-held Kast, residents said.", "rebel-held Kast", "rebel"),
])
def test_launch_site_and_its_holder(nlp: Any, text: str, place: str, holder: str) -> None:
    assert sites(nlp, text) == [(place, holder, False)]


@pytest.mark.parametrize("text", [
    "Residents fled from the rebel-held village on Monday, the agency said.",  # not a verb of firing
    "Aid convoys were sent from government-held areas, the agency said.",
    "The rocket was launched from the town of Kast, the ministry said.",  # who holds Kast is not said
    "Civilians from army-held districts were shelled on Monday, the mayor said.",  # the victims' home
    "It is unclear whether the rocket was launched from army-held ground, the monitor said.",  # asserts nothing
    "The army said it captured the ridge held by the rebels.",  # no "from"
    # what is sent is not a weapon or an attack
    "Refugees who came from rebel-held areas said the shelling lasted all night.",
    "The aid convoy was launched from army-held towns on Monday, officials said.",
    "The militia, which came from territory held by the army, stormed the village, residents said.",
    "Smoke could be seen coming from the army-held ridge after the blast, a witness said.",
    # the holding is denied or past
    "The missile was fired from an area not held by the army, the governor said.",
    "The rocket was fired from territory formerly held by the rebels, the army said.",
    "The shells came from a once rebel-held village that the army retook in May, a monitor said.",
])
def test_no_launch_site(nlp: Any, text: str) -> None:
    assert sites(nlp, text) == []


def test_a_negated_firing_keeps_its_negation(nlp: Any) -> None:
    assert sites(nlp, "The missile was not fired from rebel-held territory, the army said.") == [
        ("rebel-held territory", "rebel", True)]


def test_a_weapon_sent_keeps_its_site(nlp: Any) -> None:
    assert sites(nlp, "The offensive was launched from army-held towns on Monday, officials said.") == [
        ("army-held towns", "army", False)]
    assert sites(nlp, "The drone came from the direction of the rebel-held hills, the governor said.") == [
        ("the rebel-held hills", "rebel", False)]


def test_a_negated_from_phrase_is_negated(nlp: Any) -> None:
    assert sites(nlp, "The missiles were fired from positions that the army had abandoned, not from rebel-held "
                 "ground, the monitor said.") == [("rebel-held ground", "rebel", True)]


# -- the dispute ----------------------------------------------------------------------------------------

DOCS = [doc("radio", "Radio Ostra"), doc("gazette", "Gazette of Lumen"), doc("wire", "Wire Service")]
ARMY = Actor("s1", "the army of Norland", "side",
             labels=(Label(Span("radio", 900, 914), "Norland's army"),
                     Label(Span("wire", 900, 914), "Norlandic troops")))
REBELS = Actor("s2", "the Kast rebels", "side", labels=(Label(Span("gazette", 900, 910), "the rebels"),))
LOOKUP = SideLookup([ARMY, REBELS])


def said(cid: str, doc_id: str, text: str, holder: str, speaker: str = "officials", negated: bool = False,
         polarity: str = "affirmed") -> Claim:
    at = text.index(holder)
    site = LaunchSite(place=holder, span=(at, at + len(holder)), holder=holder,
                      holder_span=(at, at + len(holder)), negated=negated)
    return replace(claim(cid, doc_id, text, polarity, attributed_to=(speaker,)), launch_sites=(site,))


ON_REBEL_GROUND = said("c1", "radio", "Officials said the rocket was fired from rebel-held ground.", "rebel")
ON_ARMY_GROUND = said("c2", "gazette", "Analysts said the rocket came from Norland-controlled positions.",
                      "Norland", speaker="analysts")


def test_two_voices_placing_the_launch_on_two_sides_ground_is_a_dispute() -> None:
    third = said("c3", "wire", "Investigators said the rocket was launched from territory held by Norlandic "
                 "troops.", "Norlandic", speaker="investigators")
    ctx = context(corpus(DOCS, claims=[ON_REBEL_GROUND, ON_ARMY_GROUND, third], vecs=vectors([1, 0], [0, 1], [1, 1])),
                  side_of=LOOKUP)
    (found,) = launch_site(ctx)
    assert found.kind == "perpetrator"
    assert found.question == ("Where was it fired from: ground held by the army of Norland or ground held by "
                              "the Kast rebels?")
    assert [(p.label, [e.claim_id for e in p.evidence]) for p in found.positions] == [
        ("ground held by the army of Norland", ["c2", "c3"]), ("ground held by the Kast rebels", ["c1"])]
    assert any(d.question == found.question for d in find_disputes(ctx))


@pytest.mark.parametrize("other", [
    said("c2", "radio", "Officials added the rocket came from Norland-controlled positions.", "Norland"),  # one report
    said("c2", "gazette", "Analysts said the rocket came from rebel-held positions.", "rebel",
         speaker="analysts"),  # the same side's ground
    said("c2", "gazette", "Analysts said the rocket did not come from Norland-held ground.", "Norland",
         speaker="analysts", negated=True),  # where it did not come from
    said("c2", "gazette", "Analysts denied the rocket came from Norland-held ground.", "Norland",
         speaker="analysts", polarity="denied"),
    said("c2", "gazette", "Analysts said the rocket came from Tarnish-held ground.", "Tarnish",
         speaker="analysts"),  # a holder on no side
    replace(ON_ARMY_GROUND, attributed_to=()),  # no voice: a news report's own aside
])
def test_no_launch_dispute(other: Claim) -> None:
    ctx = context(corpus(DOCS, claims=[ON_REBEL_GROUND, other], vecs=vectors([1, 0], [0, 1])), side_of=LOOKUP)
    assert launch_site(ctx) == [], other.text


def test_no_launch_dispute_without_sides() -> None:
    ctx = context(corpus(DOCS, claims=[ON_REBEL_GROUND, ON_ARMY_GROUND], vecs=vectors([1, 0], [0, 1])))
    assert launch_site(ctx) == []
