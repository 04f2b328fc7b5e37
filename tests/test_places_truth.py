"""Places only with real evidence: no person, no speaker, no common noun, no weapon named like a town, no
part of a town sent abroad, and no figure placed "in" a person. Every sentence here was written for
these tests; the names are invented unless the gazetteer must know them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Span
from typer.testing import CliRunner

from rashomon.align.places import resolve_places
from rashomon.analyze.pipeline import load_nlp
from rashomon.analyze.places import extract_places, people_names
from rashomon.cli import app

DATA = Path(__file__).parent / "data" / "places"


def analysed(text: str):
    return load_nlp()(text)


def place_texts(text: str) -> list[str]:
    return [p.text for p in analysed(text)._.places]


def figure_places(text: str) -> dict[str, str | None]:
    return {f.text: f.place for f in analysed(text)._.figures}


def run(tmp_path: Path, *inputs: Path) -> dict[str, Any]:
    out = tmp_path / "out"
    result = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["analyze", *map(str, inputs), "--out", str(out), "-q"],
                                                       prog_name="rashomon")
    assert result.exit_code == 0, result.output
    return json.loads((out / "dossier.json").read_text(encoding="utf-8"))


# -- case 28: a witness's surname is a village's name elsewhere -------------------------------------------


def test_case_28_the_witness_is_a_person_and_her_group_has_no_place(tmp_path: Path) -> None:
    dossier = run(tmp_path, DATA / "person_surname.txt")
    assert sorted(p["name"] for p in dossier["places"]) == ["Lviv", "Ukraine"]
    assert not [p for p in dossier["places"] if any("Berezina" in m["text"] for m in p["mentions"])]
    [others] = [f for f in dossier["figures"] if f["value"] == 30]
    assert others["place"] is None
    assert any("under the rubble" in c["text"] and "Berezina" in " ".join(c["attributed_to"])
               for c in dossier["claims"])


# -- people, on evidence stronger than one entity tag ----------------------------------------------------


def test_a_surname_after_the_full_name_is_a_person_and_places_nobody() -> None:
    text = ("Halyna Moroz hid in a cellar with her son. Moroz and about 12 neighbours waited there for two days. "
            "\u201cWe could hear the shelling,\u201d Moroz said.")
    assert "Moroz" not in place_texts(text)
    assert "moroz" in people_names(analysed(text))
    assert figure_places(text).get("about 12 neighbours") is None


def test_a_titled_person_is_a_person() -> None:
    text = "Governor Ostap Lenko said 9 people were killed. Lenko called for calm."
    assert "Lenko" not in place_texts(text)


def test_a_town_tagged_person_once_stays_a_town() -> None:
    """The small model may tag a lone town name PERSON; with no full name and no speech it is no person."""
    doc = analysed("Jableh was calm on Sunday. Shops reopened in Jableh.")
    assert "jableh" not in people_names(doc)
    assert "Jableh" in [p.text for p in doc._.places]


def test_a_village_named_like_a_surname_is_still_a_place_where_the_words_say_so(tmp_path: Path) -> None:
    """Kovel is a town in Ukraine and a surname: "in Kovel" is the town, "Kovel said" the woman."""
    report = tmp_path / "kovel.txt"
    report.write_text("outlet: Test Desk\ndate: 2024-02-02\n\nAnna Kovel said the sirens went on all night. "
                      "Ten people died in Kovel, Ukraine, on Thursday, officials said. Kovel said she hid in a "
                      "basement.", encoding="utf-8")
    dossier = run(tmp_path, report)
    [kovel] = [p for p in dossier["places"] if p["name"] == "Kovel"]
    assert kovel["country"] == "UA" and kovel["resolved"]
    text = next(d["text"] for d in dossier["documents"])
    assert [text[m["span"][0] - 3:m["span"][1]] for m in kovel["mentions"]] == ["in Kovel"]
    assert [f["place"] for f in dossier["figures"] if f["value"] == 10] == ["Kovel"]


def test_a_place_noun_keeps_a_surname_a_place() -> None:
    text = "Mayor Ivan Petrenko arrived on Friday. Petrenko said ten people were killed in the village of Petrenko."
    assert place_texts(text) == ["Petrenko"]
    assert figure_places(text)["ten people"] == "Petrenko"


def test_a_country_is_never_a_person() -> None:
    assert "Ukraine" in place_texts("Ukraine said 14 people were killed. Officials in Ukraine said more died.")


# -- names that are not places ----------------------------------------------------------------------------


def _tagged(text: str, word: str, label: str = "GPE") -> list[dict[str, Any]]:
    """The places found when the model tags every ``word`` of ``text`` as ``label`` (forced: the test is
    about what rashomon does with a wrong tag, not about the model)."""
    doc = analysed(text)
    doc.ents = [Span(doc, t.i, t.i + 1, label=label) for t in doc if t.text == word]
    return extract_places(doc)


def test_a_common_noun_that_starts_a_sentence_is_not_a_place() -> None:
    assert _tagged("Eyewitnesses said the soldiers fired at the crowd.", "Eyewitnesses") == []
    assert _tagged("Paramedics counted the wounded outside the clinic.", "Paramedics") == []


def test_a_name_that_starts_a_sentence_is_still_a_place() -> None:
    assert [p.text for p in _tagged("Kherson was shelled on Tuesday.", "Kherson")] == ["Kherson"]


def test_a_weapon_named_like_a_place_is_kept_only_if_the_gazetteer_knows_it() -> None:
    found = _tagged("Debris of a Varsha missile lay near the tracks. Officials said Varsha missiles were fired.",
                    "Varsha")
    assert {p.text for p in found} == {"Varsha"}
    assert {e for p in found for e in p.evidence} == {"modifier"}
    assert resolve_places(found) == ()


def test_a_person_after_a_place_is_not_part_of_its_name() -> None:
    text = "Governor of the Kherson region of Ukraine Oleh Marchenko said that 12 people were killed."
    found = {p.text: p for p in analysed(text)._.places}
    assert set(found) == {"Kherson", "Ukraine"}
    assert found["Kherson"].kind == "region"


@pytest.mark.parametrize("sentence", [
    "Troops cleared a nearby area called Panama, where traders gather.",
    "Troops cleared the Panama area, where traders gather.",
])
def test_a_part_of_a_town_is_never_a_country_or_a_town_abroad(tmp_path: Path, sentence: str) -> None:
    report = tmp_path / "r.txt"
    report.write_text(f"outlet: Test Desk\n\nProtesters camped in Khartoum, Sudan, for weeks. {sentence} "
                      "Khartoum was quiet on Friday.", encoding="utf-8")
    dossier = run(tmp_path, report)
    [panama] = [p for p in dossier["places"] if p["name"] == "Panama"]
    assert panama["kind"] != "country" and panama["resolved"] is False and panama["latitude"] is None
