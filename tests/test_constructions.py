"""One parametrised test over the sentence cases in ``tests/data/figures/constructions.json``.

Each case is a sentence composed for the tests (invented names) that holds one construction, or a
negative of it, and what the figure of one value must be: its event, category, qualifier, group,
source, hedge, zone, channel. A case marked ``absent`` wants no casualty figure of that value, one
marked ``none`` no figure at all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rashomon.analyze import load_nlp
from rashomon.analyze.figures import CASUALTY

DATA = Path(__file__).parent / "data" / "figures" / "constructions.json"
FIELDS = ("event", "category", "qualifier", "group", "hedged", "earlier", "zone", "channel", "voice")


def _cases() -> list:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    out = []
    for kind, cases in raw.items():
        if kind.startswith("_"):
            continue
        for k, case in enumerate(cases):
            out.append(pytest.param(case, id=f"{kind}-{k}"))
    return out


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def figures_of(nlp, text: str, published: str = "2024-05-04", title: str | None = None):
    doc = nlp.make_doc(text)
    doc.user_data["rashomon.doc_id"] = "t"
    doc.user_data["rashomon.published"] = published
    if title is not None:
        doc.user_data["rashomon.title"] = title
    doc = nlp(doc)
    assert not doc.user_data.get("rashomon.errors"), doc.user_data["rashomon.errors"]
    for f in doc._.figures:
        assert text[f.span[0] : f.span[1]] == f.text
    return doc._.figures


@pytest.mark.parametrize("case", _cases())
def test_construction(nlp, case):
    figs = figures_of(nlp, case["text"], title=case.get("title"))
    value = case["value"]
    same = [f for f in figs if f.value == value]
    seen = [(f.text, f.value, f.event, f.category, f.attributed_to) for f in figs]
    if case.get("none"):
        assert not same, f"no figure of {value} wanted, got {seen}"
        return
    if case.get("absent"):
        assert not [f for f in same if f.event in CASUALTY], f"no casualty figure of {value} wanted, got {seen}"
        return
    assert len(same) == 1, f"one figure of {value} wanted, got {seen}"
    f = same[0]
    for name in FIELDS:
        if name in case:
            assert getattr(f, name) == case[name], f"{name}: got {getattr(f, name)!r}, want {case[name]!r} ({seen})"
    if "source" in case:
        got = " | ".join(f.attributed_to)
        if case["source"] == "":
            assert got == "", f"no source wanted, got {got!r}"
        else:
            assert re.search(case["source"], got, re.I), f"source /{case['source']}/ wanted, got {got!r}"
