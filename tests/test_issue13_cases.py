"""The right answer of each dispute case of issue 13 (inputs in ``tests/data/cases13/``), checked on the dossier.

Cases 14-25 are the project's shared cases; 41-43 are variants with invented names that must behave the
same way, with their negatives (an accusation nobody denied is no evidence; an including position is no
opposing answer).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from helpers import case_runner

CASES = Path(__file__).parent / "data" / "cases13"


@pytest.fixture(scope="module")
def dossier_of(tmp_path_factory: pytest.TempPathFactory):
    return case_runner(CASES, tmp_path_factory, "{case}-*.txt")


def denials(dossier: dict[str, Any], text: str) -> list[dict[str, Any]]:
    return [c for c in dossier["claims"] if c["polarity"] == "denied" and re.search(text, c["text"])]


def evidence(dispute: dict[str, Any]) -> list[str]:
    return [e["text"] for p in dispute["positions"] for e in p["evidence"]]


def test_14_the_relaying_agency_is_the_channel(dossier_of) -> None:
    dossier = dossier_of("14")
    (claim,) = denials(dossier, "denied it had carried out")
    assert claim["attributed_to"][0] == "defence ministry" and claim["channel"] == "Tass-Nova"
    assert not [c for c in dossier["claims"] if c["polarity"] == "denied"
                and any(re.search("Tass|agency", s) for s in c["attributed_to"])]


def test_41_a_relayed_rejection_keeps_its_speaker_and_meets_its_affirmation(dossier_of) -> None:
    dossier = dossier_of("41")
    (claim,) = denials(dossier, "rejected reports")
    assert claim["attributed_to"][0] == "interior ministry" and claim["channel"] == "Pell-Info"
    (dispute,) = [d for d in dossier["disputes"] if d["kind"] == "polarity"]
    assert "clinic" in dispute["question"] and "“" not in dispute["question"]
    assert any("shelled the clinic" in t for t in evidence(dispute))
    assert all(v["source"] != "Pell-Info" for p in dispute["positions"] for v in p["voices"])


def test_20_the_subject_of_calling_and_of_a_relative_clause_denies(dossier_of) -> None:
    dossier = dossier_of("20")
    (called,) = denials(dossier, "called the group's report")
    assert called["attributed_to"] == ["Norland"]
    (relative,) = denials(dossier, "officially deny")
    assert relative["attributed_to"][:2] == ["Sudria", "Norland"]


def test_22_not_a_single_civilian_is_a_denial_by_the_speaker(dossier_of) -> None:
    (claim,) = denials(dossier_of("22"), "not a single civilian")
    assert "single" in claim["denial_cue"] and claim["attributed_to"] == ["Alem Tesfa"]
    assert [(h["verb"], h["negated"]) for h in claim["harms"]] == [("kill", True)]


@pytest.mark.parametrize(("case", "place", "unrelated"),
                         [("24", "station", "punish"), ("42", "bridge", "must be tried")])
def test_the_question_is_about_the_denied_act(dossier_of, case: str, place: str, unrelated: str) -> None:
    disputes = dossier_of(case)["disputes"]
    asked = [d for d in disputes if place in d["question"]]
    assert asked and re.search("attack|fire|strike|struck|rocket", asked[0]["question"])
    assert any(re.search("denied attacking", t) for t in evidence(asked[0]))
    assert any(re.search("fired (two|three) rockets", t) for t in evidence(asked[0]))
    # the accusation nobody denied is neither a question nor evidence
    assert not [d for d in disputes if unrelated in d["question"] or any(unrelated in t for t in evidence(d))]
    assert not [d for d in disputes if "Is this true" in d["question"]]


@pytest.mark.parametrize("case", ["25", "43"])
def test_coordinated_doers_are_one_position(dossier_of, case: str) -> None:
    assert not [d for d in dossier_of(case)["disputes"] if d["kind"] == "perpetrator"]
