"""Across documents: origins, sources, actors and sides, claim groups, disputes, figure bands, framing,
places and the timeline.

:func:`align_corpus` reads the store once (:func:`~rashomon.align.corpus.read_corpus`), resolves every
source name once (:func:`~rashomon.align.identity.corpus_identity`), and hands both to each part; it
writes the results back as one :class:`~rashomon.model.Alignments`, rebuilt whole on every run (the
per-document analysis is what is incremental).
"""

from __future__ import annotations

from ..model import Alignments, Attribution
from ..outlets import OutletBook
from ..store import Store
from .actors import SideLookup, build_actors
from .claims import claim_groups
from .contradiction import ContradictionScorer
from .corpus import Corpus, read_corpus
from .counts import build_counts
from .disputes import Context, find_disputes, rebuttals
from .duplicates import link_near_duplicates
from .figures import figure_bands, source_tolls
from .framing import framing_table
from .identity import Identity, corpus_identity
from .places import resolve_places
from .timeline import build_timeline

__all__ = ["align", "align_corpus", "link_near_duplicates"]


def align(corpus: Corpus, scorer: ContradictionScorer | None = None) -> Alignments:
    """Every cross-document result of a corpus."""
    identity = corpus_identity(corpus)
    actors = build_actors([d.id for d in corpus.documents], corpus.mentions, identity,
                          {d.id: d.text for d in corpus.documents})
    histories = source_tolls(corpus, identity)
    counts = build_counts(corpus, identity)
    context = Context(corpus, identity, side_of=SideLookup(actors), **({"scorer": scorer} if scorer else {}))
    disputes = find_disputes(context, histories, counts)
    updates = tuple(u for h in histories if (u := h.update(corpus)) is not None)
    return Alignments(
        sources=identity.sources, actors=actors, disputes=disputes,
        claim_groups=claim_groups(corpus, identity, neighbours=context.neighbours),  # one search for both
        figure_bands=figure_bands(corpus, identity, updates), counts=counts,
        framing=framing_table(corpus, actors, identity),
        places=resolve_places(p for ps in corpus.places.values() for p in ps), timeline=build_timeline(corpus),
        rebuttals=rebuttals(disputes), attributions=attributions(corpus, identity),
    )


def attributions(corpus: Corpus, identity: Identity) -> dict[str, tuple[Attribution, ...]]:
    """Each figure's and claim's ``attributed_to`` resolved to sources, by figure or claim id."""
    return {item.id: identity.attributions(item.doc_id, item.attributed_to, item.span.start)
            for item in (*corpus.figures, *corpus.claims) if item.attributed_to}


def align_corpus(store: Store, near_duplicate_threshold: float = 0.5,
                 scorer: ContradictionScorer | None = None, outlets: OutletBook | None = None) -> Alignments:
    """Rebuild every cross-document result from the store, save it, and return it (``outlets``: a
    mirror's reports speak with the voice of the outlet they mirror)."""
    results = align(read_corpus(store, near_duplicate_threshold, outlets), scorer)
    store.save_alignments(results)
    return results
