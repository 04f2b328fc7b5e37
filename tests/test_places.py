"""Places: names found in a report, resolved offline to GeoNames, or kept as named with the region
the text gives. The reports in ``tests/data/places/`` were written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rashomon.align.places import gazetteer, name_key, resolve_places
from rashomon.analyze.pipeline import load_nlp
from rashomon.analyze.places import extract_places
from rashomon.cli import app
from rashomon.dossier import validate_dossier
from rashomon.model import PlaceMention, Span

DATA = Path(__file__).parent / "data" / "places"
REPORTS = [DATA / "coast_wire.txt", DATA / "hill_post.txt"]


def places_in(text: str) -> dict[str, PlaceMention]:
    return {p.text: p for p in extract_places(load_nlp()(text))}


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("places") / "out"
    result = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["analyze", *map(str, REPORTS), "--out", str(out)],
                                                       prog_name="rashomon")
    assert result.exit_code == 0, result.output
    return json.loads((out / "dossier.json").read_text(encoding="utf-8"))


def by_alias(dossier: dict[str, Any], alias: str) -> list[dict[str, Any]]:
    return [p for p in dossier["places"] if alias in p["aliases"]]


# -- finding names in a report -------------------------------------------------------------------------


def test_place_noun_and_the_region_the_text_gives() -> None:
    found = places_in("The shelling reached the port of Baniyas, which sits in Syria's Tartus governorate.")
    assert found["Baniyas"].kind == "city"
    assert found["Baniyas"].region == "Tartus"
    assert found["Baniyas"].context == "in Syria's Tartus governorate"
    assert found["Tartus"].kind == "region"
    assert found["Syria"].kind == "country"


def test_a_list_of_villages_shares_its_region() -> None:
    text = "Gunmen stormed the hamlets of Al-Qabu and Deir Hanna in Latakia's countryside."
    found = places_in(text)
    for name in ("Al-Qabu", "Deir Hanna"):
        assert found[name].kind == "village"
        assert found[name].region == "Latakia"
        assert found[name].context == "in Latakia's countryside"
        start, end = found[name].span.offsets
        assert text[start:end] == name


def test_a_list_after_in_is_not_one_place_inside_another() -> None:
    found = places_in("Protests were reported in Homs, in Hama and in Idlib.")
    assert found["Homs"].region is None


def test_people_and_communities_are_not_places() -> None:
    found = places_in("President Assad's officers met Sunni clerics and Alawite elders; the Alawites in Syria "
                      "said nothing had changed.")
    assert not {"Assad", "Sunni", "Alawite", "Alawites"} & set(found)
    assert "Syria" in found


def test_transliterations_compare_equal() -> None:
    assert name_key("Jableh") == name_key("Jablah") == name_key("Jabla")
    assert name_key("Tartous") == name_key("Ţarţūs") == "tartus"
    assert name_key("Ain al-Arus") == name_key("Ain el Arus")


# -- resolving across reports --------------------------------------------------------------------------


def test_jableh_resolves_to_jablah_in_latakia(dossier: dict[str, Any]) -> None:
    (jablah,) = by_alias(dossier, "Jableh")
    assert jablah["name"] == "Jablah"
    assert jablah["country"] == "SY" and jablah["country_name"] == "Syria"
    assert jablah["admin1"] == "Latakia"
    assert jablah["geonameid"] == 169304
    assert jablah["latitude"] == pytest.approx(35.36, abs=0.05)
    assert jablah["longitude"] == pytest.approx(35.93, abs=0.05)
    # "Jabla" in the other report is the same place
    assert "Jabla" in jablah["aliases"]
    assert {m["doc_id"] for m in jablah["mentions"]} == {d["id"] for d in dossier["documents"]}


@pytest.mark.parametrize(
    ("alias", "name", "admin1"),
    [("Baniyas", "Baniyas", "Tartus"), ("Tartous", "Tartus", "Tartus"), ("Homs", "Homs", "Homs")],
)
def test_towns_resolve_with_their_governorate(dossier: dict[str, Any], alias: str, name: str, admin1: str) -> None:
    (place,) = [p for p in by_alias(dossier, alias) if p["kind"] != "region"]
    assert (place["name"], place["country"], place["admin1"]) == (name, "SY", admin1)
    assert place["geonameid"] and place["latitude"] is not None


def test_a_region_mention_resolves_to_the_governorate(dossier: dict[str, Any]) -> None:
    (region,) = [p for p in by_alias(dossier, "Latakia") if p["kind"] == "region"]
    assert region["admin1"] == "Latakia" and region["geonameid"] is None
    assert region["latitude"] is not None


def test_a_country_named_in_passing_still_gets_its_big_city(dossier: dict[str, Any]) -> None:
    (london,) = by_alias(dossier, "London")
    assert (london["country"], london["admin1"]) == ("GB", "England")


def test_villages_the_gazetteer_lacks_are_kept_with_the_region_the_text_gives(dossier: dict[str, Any]) -> None:
    (latakia,) = [p for p in by_alias(dossier, "Latakia") if p["kind"] == "region"]
    for alias in ("Al-Qabu", "Deir Hanna"):
        (village,) = by_alias(dossier, alias)
        assert village["resolved"] is False and village["geonameid"] is None
        assert village["latitude"] is None and village["longitude"] is None
        assert village["kind"] == "village"
        assert village["region_from_text"] == "Latakia"
        assert (village["country"], village["admin1"]) == ("SY", "Latakia")
        assert village["within"] == latakia["id"]


def test_the_region_in_the_text_wins_over_the_gazetteer(dossier: dict[str, Any]) -> None:
    """The gazetteer has a Suran in Hama governorate and one in Aleppo, none in Latakia."""
    suran = {p["region_from_text"]: p for p in by_alias(dossier, "Suran")}
    assert suran["Hama"]["admin1"] == "Hama" and suran["Hama"]["geonameid"]
    assert suran["Latakia"]["geonameid"] is None and suran["Latakia"]["admin1"] == "Latakia"


def test_no_person_or_community_becomes_a_place(dossier: dict[str, Any]) -> None:
    aliases = {a for p in dossier["places"] for a in p["aliases"]}
    assert not {"Assad", "Sunni", "Alawite", "Alawites"} & aliases


def test_place_mentions_point_at_their_words(dossier: dict[str, Any]) -> None:
    validate_dossier(dossier)
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    for place in dossier["places"]:
        for m in place["mentions"]:
            start, end = m["span"]
            assert texts[m["doc_id"]][start:end] == m["text"]


def test_invented_places_never_land_on_a_real_map(examples_dossier: dict[str, Any]) -> None:
    places = {p["name"]: p for p in examples_dossier["places"]}
    assert {"Orsenia", "Korvany", "Ostrel", "Brannik", "Vel Hesk", "Tarn"} <= set(places)
    for place in places.values():
        assert place["resolved"] is False
        assert place["geonameid"] is None and place["latitude"] is None and place["country"] is None
    assert places["Ostrel"]["kind"] == "village"
    assert places["Dravena"]["kind"] == "region"


def test_weak_evidence_alone_keeps_nothing() -> None:
    """A capitalised word after "from" that no gazetteer knows is not made a place."""
    mention = PlaceMention(Span("d1", 0, 7), "Reuterz", "unknown", evidence=("prep",), label="ORG")
    assert resolve_places([mention]) == ()


def test_the_gazetteer_is_indexed_once_per_process() -> None:
    assert gazetteer() is gazetteer()
    assert gazetteer().places(name_key("Jablah"))[0].country == "SY"
