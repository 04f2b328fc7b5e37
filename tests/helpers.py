"""Builders of typed test inputs: documents, figures, claims and corpora made of invented words."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.align.corpus import Corpus
from rashomon.align.counts import build_counts
from rashomon.align.disputes import Context, find_disputes
from rashomon.align.figures import source_tolls
from rashomon.align.identity import corpus_identity
from rashomon.model import Characterisation, Claim, Dispute, Document, Figure, Harm, Proposition, Span, TimeWindow


def doc(doc_id: str, outlet: str | None = None, published: str | None = None, duplicate_of: str | None = None,
        text: str = "", source: str | None = None, title: str | None = None) -> Document:
    return Document(source=source or f"{doc_id}.txt", text=text or f"The report {doc_id}.", outlet=outlet,
                    published=published, id=doc_id, duplicate_of=duplicate_of, title=title)


def claim(cid: str, doc_id: str, text: str, polarity: str = "affirmed", terms: tuple[str, ...] = (),
          characterisations: tuple[tuple[str, bool], ...] = (), status: str | None = None,
          attributed_to: tuple[str, ...] = (), hedged: bool = False, harms: tuple[Harm, ...] = (),
          start: int = 0, propositions: tuple[Proposition, ...] = ()) -> Claim:
    return Claim(span=Span(doc_id, start, start + len(text)), text=text, id=cid, polarity=polarity,  # type: ignore
                 hedged=hedged, attributed_to=attributed_to, terms=terms, status=status, harms=harms,  # type: ignore
                 propositions=propositions,
                 characterisations=tuple(Characterisation(f, f, neg, (0, 1)) for f, neg in characterisations))


def act(predicate: str, verb: str, agent: str | None = None, patient: str | None = None,
        negated: bool = False) -> Proposition:
    """A proposition; the heads are the phrases' last words."""
    return Proposition(predicate, verb, negated=negated, agent=agent, patient=patient,
                       agent_head=agent.split()[-1].lower() if agent else None,
                       patient_head=patient.split()[-1].lower() if patient else None,
                       patient_plural=bool(patient and patient.endswith("s")))


def figure(fid: str, doc_id: str, value: float, event: str = "killed", category: str = "people", text: str = "",
           time: tuple[str, str] | None = None, **extra: Any) -> Figure:
    text = text or f"{value:g} {category}"
    return Figure(span=Span(doc_id, 10, 10 + len(text)), text=text, value=float(value), id=fid, event=event,  # type: ignore
                  category=category, time=TimeWindow(None, *time) if time else None, **extra)  # type: ignore


def vectors(*rows: list[float]) -> np.ndarray:
    m = np.asarray(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def corpus(docs: list[Document], figures: list[Figure] | tuple[Figure, ...] = (),
           claims: list[Claim] | tuple[Claim, ...] = (), vecs: np.ndarray | None = None) -> Corpus:
    if vecs is None:
        vecs = np.zeros((len(claims), 4), dtype=np.float32)
    return Corpus(documents=tuple(docs), figures=tuple(figures), claims=tuple(claims), vectors=vecs)


def context(c: Corpus, **given: Any) -> Context:
    return Context(c, corpus_identity(c), **given)


def disputes_of(c: Corpus, **given: Any) -> tuple[Dispute, ...]:
    ctx = context(c, **given)
    return find_disputes(ctx, source_tolls(c, ctx.identity), build_counts(c, ctx.identity))


def case_runner(folder: Path, factory: Any, pattern: str = "{case}*.txt",
                main_first: bool = True) -> Callable[[str], dict[str, Any]]:
    """A function giving the dossier (JSON) of case ``case``'s inputs in ``folder`` (the main input
    first, then its ``.b.`` input; in name order when not ``main_first``), analysed once per test module
    in a folder of ``factory``."""
    import rashomon

    made: dict[str, dict[str, Any]] = {}

    def run(case: str) -> dict[str, Any]:
        if case not in made:
            inputs = sorted((str(p) for p in folder.glob(pattern.format(case=case))),
                            key=lambda p: (main_first and ".b." in p, p))
            out = factory.mktemp(case)
            summary = rashomon.analyze(inputs, out)
            assert not summary.failures
            made[case] = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
        return made[case]

    return run


def text_only_word(dossier: Any) -> tuple[str, str]:
    """A word (and its report) that a report's text holds but no claim, dispute or figure does."""
    elsewhere = " ".join([c.text for c in dossier.claims] + [g.label for g in dossier.claim_groups]
                         + [d.question + " " + " ".join(e.text for p in d.positions for e in p.evidence)
                            for d in dossier.disputes] + [f.text for f in dossier.figures]).lower()
    for d in sorted(dossier.documents, key=lambda d: d.id):
        for word in sorted(set(re.findall(r"[a-z]{8,}", d.text.lower()))):
            if word not in elsewhere and sum(word in x.text.lower() for x in dossier.documents) == 1:
                return word, d.id
    raise AssertionError("no word only one report's text holds")


def figures_in(nlp: Any, text: str, published: str = "2031-03-14") -> list[Any]:
    """The casualty figures (event other left out) the pipeline finds in ``text``, a report of ``published``."""
    d = nlp.make_doc(text)
    d.user_data["rashomon.doc_id"] = "t"
    d.user_data["rashomon.published"] = published
    return [f for f in nlp(d)._.figures if f.event != "other"]


def only(figs: list[Any], value: float) -> Any:
    """The one figure of ``value`` (fails naming every figure found otherwise)."""
    hits = [f for f in figs if f.value == value]
    assert len(hits) == 1, [(f.text, f.value, f.event) for f in figs]
    return hits[0]

