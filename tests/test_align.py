"""Across documents: the nearest-neighbour index, stored vectors, claim groups and figure bands."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest

from helpers import claim, corpus, disputes_of, doc, figure
from rashomon.align import neighbours
from rashomon.align.claims import GROUP_SIMILARITY, claim_groups
from rashomon.align.figures import figure_bands, source_tolls
from rashomon.align.identity import corpus_identity
from rashomon.align.neighbours import nearest, vectors_from_bytes
from rashomon.embed import encode, load_embedder
from rashomon.model import Claim, ClaimGroup, Figure, FigureBand


@pytest.fixture(scope="module")
def embedder() -> Any:
    return load_embedder()


def unit_rows(rows: list[list[float]]) -> np.ndarray:
    m = np.asarray(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def random_unit_vectors(n: int, dim: int = 384, seed: int = 11) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


# -- nearest ------------------------------------------------------------------------------------

def test_nearest_orders_by_similarity_and_excludes_self() -> None:
    v = unit_rows([[1, 0, 0], [0.9, 0.1, 0], [0.5, 0.5, 0], [0, 0, 1]])
    sims, idx = nearest(v, k=2)
    assert sims.shape == idx.shape == (4, 2)
    assert idx[0].tolist() == [1, 2]
    assert idx[1].tolist() == [0, 2]
    assert idx[2].tolist() == [1, 0]
    # row 3 is orthogonal to all others: still two neighbours, both at similarity 0
    assert set(idx[3].tolist()) <= {0, 1, 2}
    brute = v @ v.T
    for row in range(4):
        assert row not in idx[row].tolist()
        assert sims[row].tolist() == sorted(sims[row].tolist(), reverse=True)
        for s, j in zip(sims[row], idx[row], strict=True):
            assert s == pytest.approx(brute[row, j], abs=1e-6)


def test_nearest_pads_with_minus_one_when_k_exceeds_the_others() -> None:
    v = unit_rows([[1, 0], [0.8, 0.6], [0, 1]])
    sims, idx = nearest(v, k=5)
    assert idx.shape == (3, 5)
    for row in range(3):
        assert sorted(idx[row, :2].tolist()) == sorted({0, 1, 2} - {row})
        assert idx[row, 2:].tolist() == [-1, -1, -1]
        assert sims[row, 2:].tolist() == [-1.0, -1.0, -1.0]


def test_nearest_excludes_self_even_among_identical_rows() -> None:
    v = unit_rows([[1, 2, 3], [1, 2, 3], [3, 2, 1]])
    sims, idx = nearest(v, k=1)
    assert idx[:2, 0].tolist() == [1, 0]
    assert idx[2, 0] in (0, 1)  # a tie between the two identical rows
    assert sims[0, 0] == pytest.approx(1.0, abs=1e-6)
    assert sims[1, 0] == pytest.approx(1.0, abs=1e-6)


def test_nearest_single_and_empty_inputs() -> None:
    sims, idx = nearest(unit_rows([[1, 0]]), k=3)
    assert idx.tolist() == [[-1, -1, -1]]
    sims, idx = nearest(np.zeros((0, 8), dtype=np.float32), k=4)
    assert sims.shape == idx.shape == (0, 4)


def brute_force(v: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair's similarity, self left out, by similarity then lower index: the contract of nearest."""
    n = len(v)
    full = v.astype(np.float64) @ v.T.astype(np.float64)
    np.fill_diagonal(full, -np.inf)
    idx = np.array([np.lexsort((np.arange(n), -full[r]))[:k] for r in range(n)])
    return np.take_along_axis(full, idx, 1), idx


def ternary_vectors(n: int, dim: int, seed: int) -> np.ndarray:
    """Rows of -0.5, 0, 0.5: every inner product is exact in float32 whatever the summation order, so
    equal similarities are truly equal (ties), and many rows repeat."""
    rows = np.random.default_rng(seed).integers(-1, 2, (n, dim)).astype(np.float32) / 2
    return np.vstack([rows, rows[: n // 4]])  # a quarter of the rows twice: ties at 1.0 as well


def test_nearest_equals_brute_force_with_ties_to_the_lower_index() -> None:
    v = ternary_vectors(200, 6, seed=13)
    for k in (1, 5, 12):
        sims, idx = nearest(v, k=k)
        want_s, want_i = brute_force(v, k)
        np.testing.assert_array_equal(idx, want_i)
        np.testing.assert_array_equal(sims, want_s.astype(np.float32))


def test_nearest_searches_in_bounded_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    import faiss

    v = ternary_vectors(300, 8, seed=4)
    whole = nearest(v, k=6)
    queried: list[int] = []
    search = faiss.IndexFlatIP.search

    def spy(self: Any, x: np.ndarray, k: int, *args: Any, **kw: Any) -> Any:
        queried.append(len(x))
        return search(self, x, k, *args, **kw)

    monkeypatch.setattr(faiss.IndexFlatIP, "search", spy)
    distinct = len(np.unique(v, axis=0))
    assert distinct < len(v)  # rows repeated: each distinct one is searched once
    monkeypatch.setattr(neighbours, "BLOCK_BYTES", 4 * distinct * 16)  # 16 query rows of similarities
    blocked = nearest(v, k=6)
    assert max(queried) == 16 and sum(queried) == distinct  # never all rows against all at once
    np.testing.assert_array_equal(blocked[1], whole[1])
    np.testing.assert_array_equal(blocked[0], whole[0])
    assert neighbours.block_rows(50_000) * 50_000 * 4 <= 64 << 20


def test_nearest_random_unit_vectors_match_brute_force() -> None:
    v = random_unit_vectors(500, dim=24, seed=9)
    sims, idx = nearest(v, k=8)
    want_s, want_i = brute_force(v, 8)
    assert (idx == want_i).mean() > 0.999  # a float32 near-tie may order two neighbours either way
    np.testing.assert_allclose(sims, want_s, atol=1e-5)


def test_nearest_scales_to_twenty_thousand_claims() -> None:
    n = 20_000
    v = random_unit_vectors(n)
    started = time.perf_counter()
    sims, idx = nearest(v, k=10)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, f"nearest(k=10) over {n:,} vectors took {elapsed:.1f} s"
    assert idx.shape == (n, 10)
    assert not (idx == np.arange(n)[:, None]).any()
    assert (idx >= 0).all()
    assert (np.diff(sims, axis=1) <= 1e-6).all()
    # spot-check exactness on a few rows
    for row in (0, 4_321, n - 1):
        brute = v @ v[row]
        brute[row] = -np.inf
        assert idx[row, 0] == int(np.argmax(brute))


# -- stored vectors -----------------------------------------------------------------------------

def test_vectors_from_bytes_round_trips_float16() -> None:
    v = random_unit_vectors(5, dim=384, seed=2)
    blobs: list[bytes | None] = [row.astype(np.float16).tobytes() for row in v]
    blobs.insert(2, None)
    m = vectors_from_bytes(blobs)
    assert m.dtype == np.float32
    assert m.shape == (6, 384)
    assert not m[2].any()  # a missing vector is a zero row
    kept = np.delete(m, 2, axis=0)
    np.testing.assert_allclose(kept, v, atol=1e-3)
    np.testing.assert_array_equal(kept, v.astype(np.float16).astype(np.float32))


def test_vectors_from_bytes_other_dimension_and_empty() -> None:
    v = unit_rows([[3, 4], [1, 0]])
    m = vectors_from_bytes([r.astype(np.float16).tobytes() for r in v], dim=2)
    np.testing.assert_allclose(m, [[0.6, 0.8], [1.0, 0.0]], atol=1e-3)
    assert vectors_from_bytes([]).shape == (0, 384)


# -- claim groups -------------------------------------------------------------------------------

DOCS = [doc(d, d.title(), f"2031-03-1{n}") for n, d in enumerate(("gazette", "radio", "wire", "a", "b", "c"), 4)]


def groups_of(claims: list[Claim], v: np.ndarray, **given: Any) -> tuple[ClaimGroup, ...]:
    c = corpus(DOCS, claims=claims, vecs=v)
    return claim_groups(c, corpus_identity(c), **given)


def test_claim_groups_join_two_documents_with_their_stances() -> None:
    claims = [
        claim("c1", "gazette", "Soldiers fired on marchers in Velmora.", attributed_to=("witnesses",)),
        claim("c2", "radio", "The ministry denies that soldiers fired on marchers.", polarity="denied"),
        claim("c3", "wire", "Soldiers are said to have fired on the marchers.", hedged=True),
        claim("c4", "gazette", "Shops stayed shut on Saturday."),
    ]
    v = unit_rows([[1, 0.05, 0], [1, 0, 0.05], [1, 0.02, 0.02], [0, 1, 0]])
    (group,) = groups_of(claims, v)
    assert group.id == "g1"
    assert sorted(group.claims) == ["c1", "c2", "c3"]
    assert group.stance == {"gazette": "affirms", "radio": "denies", "wire": "hedges"}
    assert group.label == "Soldiers fired on marchers in Velmora."  # the shortest statement
    assert group.sources == ("witnesses",) and len(group.source_ids) == 1
    assert sorted(group.outlets) == ["Gazette", "Radio", "Wire"]
    assert group.independent_origins == 3 and not group.single_source


def test_claim_groups_ignore_pairs_within_one_document() -> None:
    claims = [claim("c1", "gazette", "Troops shelled Tarn."), claim("c2", "gazette", "Tarn was shelled by troops."),
              claim("c3", "wire", "The ferry left at noon.")]
    assert groups_of(claims, unit_rows([[1, 0], [1, 0.01], [0, 1]])) == ()


def test_claim_groups_respect_the_similarity_threshold() -> None:
    below = np.sqrt(1 - (GROUP_SIMILARITY - 0.05) ** 2)
    claims = [claim("c1", "a", "One."), claim("c2", "b", "Two.")]
    v = unit_rows([[1, 0], [GROUP_SIMILARITY - 0.05, below]])
    assert groups_of(claims, v) == ()
    assert groups_of(claims, v, threshold=GROUP_SIMILARITY - 0.1)[0].claims == ("c1", "c2")
    assert groups_of([], np.zeros((0, 384), dtype=np.float32)) == ()


def test_claim_groups_order_larger_groups_first() -> None:
    claims = [claim("c1", "a", "Pair one."), claim("c2", "b", "Pair one again."),
              claim("c3", "a", "Trio."), claim("c4", "b", "Trio too."), claim("c5", "c", "Trio three.")]
    groups = groups_of(claims, unit_rows([[1, 0], [1, 0], [0, 1], [0, 1], [0, 1]]))
    assert [g.id for g in groups] == ["g1", "g2"]
    assert sorted(groups[0].claims) == ["c3", "c4", "c5"]
    assert sorted(groups[1].claims) == ["c1", "c2"]


def test_claim_groups_a_report_that_affirms_and_denies_is_shown_denying() -> None:
    claims = [claim("c1", "radio", "Soldiers fired on marchers, a caller said."),
              claim("c2", "radio", "The ministry denies that soldiers fired on marchers.", polarity="denied"),
              claim("c3", "gazette", "Soldiers fired on marchers.")]
    groups = groups_of(claims, unit_rows([[1, 0], [1, 0], [1, 0]]))
    assert groups[0].stance == {"radio": "denies", "gazette": "affirms"}


def test_claim_groups_count_one_source_under_two_names_once() -> None:
    claims = [claim("c1", "a", "Forty died, the Vessan Observatory for Human Rights said.",
                    attributed_to=("the Vessan Observatory for Human Rights",)),
              claim("c2", "b", "Forty died, the VOHR said.", attributed_to=("VOHR",))]
    (group,) = groups_of(claims, unit_rows([[1, 0], [1, 0]]))
    assert group.independent_origins == 1 and group.single_source
    assert len(group.source_ids) == 1


def test_claim_groups_with_real_embeddings(embedder: Any) -> None:
    texts = [
        ("gazette", "Soldiers fired on the marchers in Velmora on Thursday."),
        ("wire", "On Thursday soldiers opened fire on marchers in Velmora."),
        ("wire", "The price of bread doubled in the capital last month."),
        ("radio", "A new bridge over the Drava river opened to traffic."),
    ]
    claims = [claim(f"c{n}", d, text) for n, (d, text) in enumerate(texts, 1)]
    groups = groups_of(claims, encode([t for _, t in texts], model=embedder))
    assert [sorted(g.claims) for g in groups] == [["c1", "c2"]]
    assert groups[0].stance == {"gazette": "affirms", "wire": "affirms"}


# -- figure bands -------------------------------------------------------------------------------

BAND_DOCS = [doc("a", "Coastline Gazette", "2031-03-14"), doc("b", "Meridian Wire", "2031-03-15"),
             doc("c", "Kest State Radio", "2031-03-16")]


def bands_of(figures: list[Figure]) -> tuple[FigureBand, ...]:
    c = corpus(BAND_DOCS, figures)
    identity = corpus_identity(c)
    updates = tuple(u for h in source_tolls(c, identity) if (u := h.update(c)) is not None)
    return figure_bands(c, identity, updates)


def test_figure_bands_low_and_high_per_event_and_category() -> None:
    figures = [
        figure("f1", "a", 25),
        figure("f2", "b", 10, attributed_to=("Harlow Monitor",)),
        figure("f3", "c", 30, low=30, high=40),
        figure("f4", "a", 300, category="civilians"),
        figure("f5", "b", 12, event="injured"),
        figure("f6", "c", 7, event="other"),  # not a casualty figure: no band
    ]
    bands = {(b.event, b.category): b for b in bands_of(figures)}
    assert set(bands) == {("killed", "people"), ("killed", "civilians"), ("injured", "people")}
    people = bands[("killed", "people")]
    assert (people.low, people.high) == (10, 40)
    assert (people.low_figure, people.high_figure) == ("f2", "f3")
    assert [r.figure_id for r in people.reports] == ["f1", "f2", "f3"]  # by publication date
    assert people.reports[1].outlet == "Meridian Wire"
    assert people.reports[1].attributed_to == ("Harlow Monitor",)
    assert (bands[("killed", "civilians")].low, bands[("killed", "civilians")].high) == (300, 300)
    assert bands[("injured", "people")].low_figure == "f5"


def test_figure_bands_vague_plurals_only_when_nothing_precise() -> None:
    figures = [
        figure("f1", "a", 200, qualifier="plural_of"),  # "hundreds of people"
        figure("f2", "b", 45),
        figure("f3", "c", 120),
        figure("f4", "c", 12, event="detained", qualifier="plural_of"),  # "dozens were detained"
    ]
    bands = {b.event: b for b in bands_of(figures)}
    assert (bands["killed"].low, bands["killed"].high) == (45, 120)
    assert "f1" in [r.figure_id for r in bands["killed"].reports]  # still listed, not used as a bound
    assert (bands["detained"].low, bands["detained"].high) == (12, 12)
    assert bands["detained"].low_figure == "f4"


def test_figure_bands_leave_out_additions_and_parts() -> None:
    figures = [
        figure("f1", "a", 50),
        figure("f2", "a", 8, part_of="f1"),  # "50 people, including 8 men from the mill": a part of f1
        figure("f3", "b", 3, addition=True),  # "three more bodies were found"
        figure("f4", "c", 900, addition=True),
        figure("f5", "c", 64),
    ]
    (band,) = bands_of(figures)
    assert (band.low, band.high) == (50, 64)
    assert (band.low_figure, band.high_figure) == ("f1", "f5")
    assert not {"f3", "f4"} & {r.figure_id for r in band.reports}
    assert bands_of([]) == ()


def test_a_rising_toll_from_one_source_is_an_update_of_its_band_not_a_dispute() -> None:
    figures = [figure("f1", "a", 40, attributed_to=("the Harlow Monitor",)),
               figure("f2", "b", 55, attributed_to=("Harlow Monitor",)),
               figure("f3", "c", 71, attributed_to=("the Harlow Monitor",))]
    (band,) = bands_of(figures)
    (update,) = band.updates
    assert [s.value for s in update.steps] == [40, 55, 71] and update.source_id is not None
    assert disputes_of(corpus(BAND_DOCS, figures)) == ()
    falling = [*figures[:2], figure("f3", "c", 30, attributed_to=("Harlow Monitor",))]
    assert bands_of(falling)[0].updates == ()
    assert [d.kind for d in disputes_of(corpus(BAND_DOCS, falling))] == ["numeric"]


def test_copies_of_real_valued_rows_tie_exactly_and_go_to_the_lower_index(monkeypatch: pytest.MonkeyPatch) -> None:
    # wire copies repeat a claim word for word: many identical float16 embeddings, whose float32 products
    # can differ in the last bit between two copies; a tie must still go to the lower index
    rng = np.random.default_rng(3)
    base = random_unit_vectors(40, dim=32, seed=3).astype(np.float16).astype(np.float32)
    v = base[rng.integers(0, 40, size=400)]
    sims, idx = nearest(v, k=7)
    want_s, want_i = brute_force(v, 7)
    np.testing.assert_array_equal(idx, want_i)
    np.testing.assert_allclose(sims, want_s, atol=1e-6)
    monkeypatch.setattr(neighbours, "COLUMN_ROWS", 64)  # the float64 product in slices of the corpus
    np.testing.assert_array_equal(nearest(v, k=7)[1], want_i)
