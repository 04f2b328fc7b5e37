"""Charts for the dossier page, drawn by matplotlib (Agg, no display) and inlined as SVG text.

The SVG is made safe to paste into a page that holds several charts: no XML prolog, no
metadata, and every id prefixed so two charts never share one.

A value whose words give a range ("about 50", "between 30 and 40", "more than 100", "dozens") is drawn
as that range, a bar with caps, or an arrow up from its least when the words set no upper bound, never
as a point of its number.

>>> svg = toll_chart({"Monitor": [("2031-05-10", 312), ("2031-05-12", 480)]}, "killed", "chart-1")
>>> svg.startswith("<svg") and 'id="chart-1-' in svg
True
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Point:
    """A source's toll on one day: ``value`` its number; ``low``/``high`` the least and the most its words
    allow (``rashomon.align.counts.allowed``; ``high`` None: no upper bound, "more than 100", "dozens");
    ``label`` the words drawn beside it ("" : the number)."""

    day: str
    value: float
    low: float
    high: float | None
    label: str = ""

    @classmethod
    def exact(cls, day: str, value: float) -> Point:
        return cls(day, float(value), float(value), float(value))

    @property
    def is_range(self) -> bool:
        return not (self.low == self.value == self.high)


Series = dict[str, list[Point]]
#: the chart's size (inches) and the mean width of a character of its sans-serif font (inches per point)
FIGSIZE = (7.2, 2.9)
EM_INCHES = 0.55 / 72
#: how far up an open range ("more than 100") reaches, as a share of the chart's highest bounded value
OPEN_REACH = 0.18
# colour-blind-safe (Okabe-Ito), then matplotlib's own cycle for more sources
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
# C0 and C1 controls, DEL, and the line and paragraph separators
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def toll_chart(series: dict[str, list[Point]] | dict[str, list[tuple[str, float]]], ylabel: str, prefix: str) -> str:
    """An SVG line chart of each source's toll over publication dates; one line per source, a vague
    value drawn as its range.

    ``series`` maps a source to its :class:`Point` s (or (ISO date, value) pairs, exact values).
    ``prefix`` makes the SVG's ids unique in the page. Returns the ``<svg>`` element as text.
    """
    frozen = tuple((source, tuple(p if isinstance(p, Point) else Point.exact(*p) for p in points))
                   for source, points in series.items())
    return _draw(frozen, ylabel, prefix)


@lru_cache(maxsize=256)
def _draw(series: tuple[tuple[str, tuple[Point, ...]], ...], ylabel: str, prefix: str) -> str:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    rc = {"svg.fonttype": "none", "svg.hashsalt": prefix, "font.family": "sans-serif", "font.size": 9,
          "axes.spines.top": False, "axes.spines.right": False}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=FIGSIZE)
        ax = fig.add_subplot()
        all_days = sorted({date.fromisoformat(p.day) for _, points in series for p in points})
        bounded = max((p.high if p.high is not None else p.value for _, ps in series for p in ps), default=1)
        reach = bounded * OPEN_REACH
        place = _dodge(series, all_days)
        labels: list[tuple[str, float, float, str, str]] = []  # day, x, top of what is drawn, words, colour
        for n, (source, points) in enumerate(series):
            colour = PALETTE[n % len(PALETTE)]
            xs = [place(n, p.day) for p in points]
            ax.plot(xs, [p.value for p in points], marker=MARKERS[n % len(MARKERS)], color=colour,
                    linewidth=1.8, markersize=5, label=_short(_plain(source)))
            for x, p in zip(xs, points, strict=True):
                top = _draw_range(ax, x, p, reach, colour) if p.is_range else p.value
                labels.append((p.day, x, top, _plain(p.label) or f"{p.value:,.0f}", colour))
        ax.set_ylabel(_plain(ylabel), parse_math=False)
        tops = [p.high if p.high is not None else p.low + reach for _, ps in series for p in ps]
        ax.set_ylim(bottom=0, top=max(tops, default=1) * 1.22)
        _label(ax, labels, max(tops, default=1) * 0.075)
        # a tick a day for a week or two of reporting; longer spans let matplotlib choose; concise labels
        # (the month and year said once) so that they never overlap
        locator = mdates.DayLocator() if len(all_days) and (all_days[-1] - all_days[0]).days <= 14 \
            else mdates.AutoDateLocator(maxticks=7)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        if len(all_days) == 1:
            ax.set_xlim(mdates.date2num(all_days[0]) - 1, mdates.date2num(all_days[0]) + 1)
        else:
            pad = (mdates.date2num(all_days[-1]) - mdates.date2num(all_days[0])) * 0.08
            ax.set_xlim(mdates.date2num(all_days[0]) - pad, mdates.date2num(all_days[-1]) + pad)
        ax.grid(axis="y", color="#e3e6ea", linewidth=0.8)
        legend = ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
        _margins(fig, [_short(_plain(source)) for source, _ in series], max(tops, default=1) * 1.22)
        for text in legend.get_texts():
            text.set_parse_math(False)  # an outlet named "Cash $\evil$ Daily" is words, not TeX
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return _inline(buf.getvalue(), prefix)


def _margins(fig: Any, names: list[str], top: float) -> None:
    """Room around the axes for the y tick labels and label, the two-line dates, and the legend at the
    right, from the lengths of their words (matplotlib's constrained layout finds the same room by drawing
    the chart twice, which took half of a chart's time)."""
    width, height = FIGSIZE
    left = 0.45 + EM_INCHES * 9 * len(f"{top:,.0f}")
    right = 0.55 + EM_INCHES * 8 * max((len(n) for n in names), default=0)
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=0.55 / height, top=1 - 0.12 / height)


def _dodge(series: tuple[tuple[str, tuple[Point, ...]], ...], days: list[date]) -> Any:
    """Where each source's point of a day is drawn: on a day several sources give a value, side by side
    (a small share of the time axis apart), so that their ranges do not hide each other."""
    import matplotlib.dates as mdates

    given = [p.day for _, points in series for p in points]
    shared = {d for d in given if given.count(d) > 1}
    step = max((days[-1] - days[0]).days, 1) * 0.012 if days else 0
    middle = (len(series) - 1) / 2

    def place(n: int, day: str) -> float:
        x = float(mdates.date2num(date.fromisoformat(day)))
        return x + (n - middle) * step if day in shared else x
    return place


def _label(ax: Any, labels: list[tuple[str, float, float, str, str]], gap: float) -> None:
    """Each value's words above what is drawn for it; on one day, lifted clear of the words below."""
    placed: dict[str, float] = {}
    for day, x, top, words, colour in sorted(labels, key=lambda lab: (lab[0], lab[2], lab[1])):
        y = max(top, placed.get(day, float("-inf")) + gap)
        placed[day] = y
        ax.annotate(words, (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8,
                    color=colour, parse_math=False)


def _draw_range(ax: Any, day: float, p: Point, reach: float, colour: str) -> float:
    """A vague value as the range its words allow: a bar with caps from low to high, or an arrow up from
    its least when nothing bounds it; its marker hollow. Returns the top of what was drawn."""
    ax.plot([day], [p.value], marker="o", markersize=7, markerfacecolor="white", color=colour)
    if p.high is None:
        ax.annotate("", xy=(day, p.low + reach), xytext=(day, p.low),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.4, "shrinkA": 0, "shrinkB": 0})
        return p.low + reach
    ax.errorbar([day], [p.value], yerr=[[p.value - p.low], [p.high - p.value]], fmt="none",
                ecolor=colour, elinewidth=1.4, capsize=4)
    return p.high


def _plain(text: str) -> str:
    """Text as matplotlib may draw it: control characters shown as escapes (a label stays one line).

    >>> _plain("Cash\\x1b[2J Daily")
    'Cash\\\\x1b[2J Daily'
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _short(source: str, limit: int = 38) -> str:
    return source if len(source) <= limit else source[: limit - 1] + "…"


def _inline(svg: str, prefix: str) -> str:
    """Strip what a page does not need from matplotlib's SVG and prefix its ids."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # matplotlib's global "*{stroke-linejoin...}" would reach the whole page: scope it to this chart
    svg = svg.replace("*{", f"#{prefix} *{{")
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'((?:xlink:)?href)="#([^"]+)"', lambda m: f'{m.group(1)}="#{prefix}-{m.group(2)}"', svg)
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r'<svg \1', svg, count=1)
    return svg.replace("<svg ", f'<svg id="{prefix}" role="img" class="chart" ', 1).strip()
