"""The places map: inline SVG over Natural Earth outlines, nothing fetched, every name escaped."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from rashomon.model import Dossier, Evidence, Place, Span, from_json
from rashomon.render.html import render_html
from rashomon.render.map import country_outlines, place_map, view_of


def place(pid: str, name: str, lat: float | None, lon: float | None, kind: str = "city", mentions: int = 1,
          country: str | None = "SY") -> Place:
    return Place(pid, name, kind, tuple(Evidence(Span(f"d{k}", 0, 1), name) for k in range(mentions)),  # type: ignore
                 latitude=lat, longitude=lon, country=country)


COAST = [place("p1", "Jablah", 35.36, 35.93, mentions=4), place("p2", "Baniyas", 35.18, 35.94),
         place("p3", "Latakia", 35.6, 36.0, kind="region", mentions=2), place("p4", "Syria", 35.0, 38.0, "country"),
         place("p5", "Al-Qabu", None, None, "village")]


def test_the_map_draws_each_located_place_over_country_outlines() -> None:
    svg = place_map(COAST)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert len(re.findall(r"<circle ", svg)) == 3  # no point for the country or the place without coordinates
    assert 'class="pt region"' in svg
    assert 'href="#place-p1"' in svg
    assert "Jablah (city), named by 4 reports" in svg
    assert 'class="land named"' in svg  # Syria, which the reports name, is shaded
    assert re.search(r'<path class="land[^"]*" d="M[-\d.,LMZ]+"><title>Lebanon</title>', svg)


def test_the_map_makes_no_request() -> None:
    svg = place_map(COAST)
    assert not re.search(r'(?:href|src)="(?:https?:)?//', svg)
    assert "url(" not in svg


def test_names_are_escaped() -> None:
    svg = place_map([place("p1", '<script>alert("x")</script>', 35.36, 35.93)])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_a_far_place_is_listed_not_drawn() -> None:
    svg = place_map([*COAST, place("p9", "London", 51.5, -0.13, country="GB")])
    assert "Far off, not drawn: London" in svg
    assert len(re.findall(r"<circle ", svg)) == 3


def test_no_located_place_no_map() -> None:
    assert place_map([place("p1", "Ostrel", None, None), place("p2", "Syria", 35.0, 38.0, "country")]) is None


def test_the_view_keeps_a_readable_shape() -> None:
    tall = view_of([(37.5, 48.7), (37.6, 55.7)])  # Kramatorsk and Moscow: one above the other
    assert 0.5 <= tall.height / 720 <= 0.8 + 1e-9
    assert country_outlines(tall)  # Ukraine and Russia are in view


def test_the_dossier_page_holds_the_map(examples_dossier: dict[str, Any]) -> None:
    dossier = replace(from_json(Dossier, examples_dossier), places=tuple(COAST))
    html = render_html(dossier)
    assert '<svg class="place-map"' in html
    assert "Natural Earth" in html
