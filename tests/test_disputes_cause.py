"""Cause disputes: what killed or destroyed one target (sentences written for the tests)."""

from __future__ import annotations

import pytest

from helpers import act, claim, context, corpus, doc, vectors
from rashomon.align.disputes.cause import cause, mechanism, weapon, weapon_models

DOCS = [doc("radio", "Radio Ostra"), doc("gazette", "Gazette of Lumen"), doc("wire", "Wire Service")]


def test_mechanism_names_one_class_or_none() -> None:
    assert mechanism("A drone strike brought down the Vell bridge.") == "a bombardment"
    assert mechanism("Soldiers opened fire on the marchers.") == "gunfire"
    assert mechanism("Engineers said a charge was detonated under the span.") == "a planted explosive"
    assert mechanism("The rocket misfired and fell short.") is None  # a rocket and a misfire: two classes
    assert mechanism("The interceptor malfunctioned over the suburb.") == "an accident"
    assert mechanism("Dozens died in a stampede at the gate.") == "a crush"
    assert mechanism("The council met on Tuesday.") is None


def test_a_strike_against_a_planted_explosive_for_one_bridge_is_a_cause_dispute() -> None:
    claims = [
        claim("c1", "radio", "A drone strike destroyed the Vell bridge, the governor said.",
              attributed_to=("governor",),
              propositions=(act("destroy", "destroy", "A drone strike", "the Vell bridge"),)),
        claim("c2", "gazette", "Retreating sappers destroyed the Vell bridge with a planted explosive, the army said.",
              attributed_to=("army",),
              propositions=(act("destroy", "destroy", "Retreating sappers", "the Vell bridge"),)),
        claim("c3", "wire", "An airstrike destroyed the bridge, residents said.", attributed_to=("residents",),
              propositions=(act("destroy", "destroy", "An airstrike", "the bridge"),)),
    ]
    ctx = context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1], [1, 1])))
    (found,) = cause(ctx)
    assert found.kind == "cause"
    assert found.question == "What destroyed the Vell bridge: a bombardment or a planted explosive?"
    assert [(p.label, [e.claim_id for e in p.evidence]) for p in found.positions] == [
        ("a bombardment", ["c1", "c3"]), ("a planted explosive", ["c2"])]


def test_no_cause_dispute_for_one_voice_other_targets_denials_or_agreeing_causes() -> None:
    strike = claim("c1", "radio", "A missile destroyed the Vell bridge.",
                   propositions=(act("destroy", "destroy", "A missile", "the Vell bridge"),))
    same_doc = claim("c2", "radio", "Sappers destroyed the Vell bridge with a planted explosive.",
                     propositions=(act("destroy", "destroy", "Sappers", "the Vell bridge"),))
    other_target = claim("c2", "gazette", "Sappers destroyed the Oster dam with a planted explosive.",
                         propositions=(act("destroy", "destroy", "Sappers", "the Oster dam"),))
    denial = claim("c2", "gazette", "The bridge was not destroyed by a planted explosive.", "denied",
                   propositions=(act("destroy", "destroy", None, "The bridge"),))
    agreeing = claim("c2", "gazette", "Artillery shells destroyed the Vell bridge.",
                     propositions=(act("destroy", "destroy", "Artillery shells", "the Vell bridge"),))
    for other in (same_doc, other_target, denial, agreeing):
        ctx = context(corpus(DOCS, claims=[strike, other], vecs=vectors([1, 0], [0, 1])))
        assert cause(ctx) == [], other.text


@pytest.mark.parametrize(("text", "models"), [
    ("A Vetra-2 short-range ballistic missile struck the bridge.", ["Vetra-2"]),
    ("The station was hit by a Kessel missile system, the governor said.", ["Kessel"]),
    ("Debris from a Vetra 2 missile was found.", ["Vetra 2"]),
    ("Remains of a Soviet-era Vetra-2 missile were found near the bridge.", ["Vetra-2"]),
    ("Two rockets hit the station.", []),                 # a number is no model
    ("An American missile hit the depot.", []),           # a demonym is no model
    ("The missile struck the bridge at dawn.", []),
])
def test_weapon_models(text: str, models: list[str]) -> None:
    assert weapon_models(text) == models


def test_two_weapon_models_for_one_target_from_two_voices_is_a_cause_dispute() -> None:
    hit = act("attack", "hit", None, "the bridge")
    claims = [
        claim("c1", "radio", "A Kessel missile hit the bridge.", propositions=(hit,)),
        claim("c2", "gazette", "A Vetra-2 missile hit the bridge.", propositions=(hit,)),
        claim("c3", "wire", "A Vetra 2 missile hit the bridge, not a Kessel one.", propositions=(hit,)),  # one model
        claim("c4", "wire", "The army denied that a Kessel missile hit the bridge.", "denied", propositions=(hit,)),
    ]
    (found,) = weapon(context(corpus(DOCS, claims=claims, vecs=vectors([1, 0], [0, 1], [0, 1], [1, 0]))))
    assert found.question == "Which weapon hit the bridge: a Vetra-2 or a Kessel?"
    assert [[e.claim_id for e in p.evidence] for p in found.positions] == [["c2", "c3"], ["c1"]]
    alone = [claims[0], claim("c2", "radio", claims[1].text, propositions=(hit,))]
    assert weapon(context(corpus(DOCS, claims=alone, vecs=vectors([1, 0], [0, 1])))) == []
