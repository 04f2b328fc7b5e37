"""The engines of the per-report analysis (issue 16): ``--engine ray`` gives the local engine's dossier, and a
report the analysis cannot take fails alone, in one line naming it, under either engine.

The Ray tests start one local Ray instance for the module (a fixture), so they take tens of seconds.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, cli_runner
from rashomon import engine as engine_module
from rashomon.analyze import DocAnalysis, analyse_batch, load_nlp
from rashomon.cli import app
from rashomon.config import Settings
from rashomon.embed import load_embedder
from rashomon.engine import (
    MAX_DEATHS_IN_A_ROW,
    MIN_BATCHES_PER_WORKER,
    LocalEngine,
    RayEngine,
    _WorkerPool,
    local_workers,
    ray_instance,
)
from rashomon.errors import ModelError, RashomonError
from rashomon.models import Document, InputFailure

#: the dossier's fields that say when it was made, not what it found: the only ones the engines may differ in
RUN_FIELDS = ("generated_at",)


def _invented(n: int) -> Document:
    return Document(source=f"invented-{n}.txt", outlet=f"The Invented Courier {n}", published="2031-03-0" + str(n),
                    text=f"Officials in Varnholt said {n + 3} civilians were killed when shells hit the market on "
                         f"Tuesday. The Lowland Army denied firing on the town.\n")


def _too_long() -> Document:
    """A report spaCy refuses as a whole: longer than the parser's limit (ingest would refuse it; the store
    may still hold one written by another program)."""
    return Document(source="far-too-long.txt", text="word " * 200_001)


@pytest.fixture(scope="module")
def ray_folder() -> Iterator[str | None]:
    """One local Ray instance for the module's tests (each engine starts and stops its own workers on it)."""
    pytest.importorskip("ray", reason="the ray extra is not installed (pip install -e '.[ray]')")
    with ray_instance(Settings(engine="ray")) as folder:
        yield folder
    assert folder is None or not os.path.exists(folder)


def _without_run_fields(dossier: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in dossier.items() if k not in RUN_FIELDS}


def test_ray_engine_writes_the_local_dossier(examples_dossier: dict[str, Any], ray_folder: str | None,
                                            tmp_path: Path) -> None:
    out = tmp_path / "ray"
    # two workers, one report per batch: batches finish out of order, the store must still get them in order
    result = cli_runner().invoke(app, ["analyze", str(EXAMPLES), "--out", str(out), "--quiet", "--engine", "ray",
                                       "--ray-workers", "2", "--batch-size", "1"], prog_name="rashomon")
    assert result.exit_code == 0, result.output
    ray_dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert examples_dossier["figures"] and examples_dossier["disputes"] and examples_dossier["actors"]
    for section in ("figures", "claims", "disputes", "actors", "counts", "sources", "timeline"):
        assert ray_dossier[section] == examples_dossier[section], section
    assert _without_run_fields(ray_dossier) == _without_run_fields(examples_dossier)


def test_ray_runs_on_loopback_in_a_temporary_folder(ray_folder: str | None) -> None:
    from ray._private.services import get_node_ip_address

    assert get_node_ip_address() == "127.0.0.1"  # every Ray server of the run listens there only
    assert ray_folder and Path(ray_folder).parent == Path(tempfile.gettempdir())
    assert os.path.isdir(ray_folder)


def test_a_report_spacy_refuses_fails_alone_under_both_engines(ray_folder: str | None) -> None:
    documents = [_invented(1), _too_long(), _invented(2)]
    local = list(LocalEngine(Settings(batch_size=3)).analyse(documents))
    assert [type(r) for r in local] == [DocAnalysis, InputFailure, DocAnalysis]
    failure = local[1]
    assert failure.source == "far-too-long.txt" and failure.reason.startswith("not analysed (ValueError: ")
    assert "\n" not in str(failure)
    assert local[0].figures and local[2].figures  # the neighbours of the bad report were analysed all the same
    with RayEngine(Settings(engine="ray", ray_workers=3, batch_size=1)) as engine:  # more workers than CPUs
        assert list(engine.analyse(documents)) == local


def test_analyse_batch_is_the_same_batched_or_alone() -> None:
    nlp, embedder = load_nlp(), load_embedder()
    documents = [_invented(n) for n in range(1, 5)]
    together = analyse_batch(documents, nlp, embedder, batch_size=4)
    alone = [r for d in documents for r in analyse_batch([d], nlp, embedder, batch_size=1)]
    assert together == alone
    assert all(isinstance(r, DocAnalysis) and r.claim_vectors is not None for r in together)


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(RashomonError, match="not one of local, ray"):
        Settings.load(engine="spark")


# -- worker processes of the local engine -------------------------------------------------------------------


def test_how_many_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "_cpus", lambda: 2)
    auto = Settings(batch_size=10)
    assert local_workers(auto, pending=None) == 1  # unknown size: this process
    assert local_workers(auto, pending=5) == 1  # a handful of reports: starting workers costs more
    assert local_workers(auto, pending=10 * (MIN_BATCHES_PER_WORKER * 2 - 1)) == 1  # one batch short of two workers
    assert local_workers(auto, pending=10 * MIN_BATCHES_PER_WORKER * 2) == 2
    assert local_workers(auto, pending=100_000) == 2  # never more than the cores
    assert local_workers(Settings(batch_size=10, workers=3), pending=25) == 3  # asked for: as many as batches
    assert local_workers(Settings(batch_size=10, workers=3), pending=15) == 2
    assert local_workers(Settings(batch_size=10, workers=1), pending=100_000) == 1
    with pytest.raises(RashomonError, match="workers=-1 is negative"):
        Settings.load(workers=-1)


def test_worker_processes_write_the_in_process_dossier(examples_dossier: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "workers"
    # two workers, one report per batch: batches finish out of order, the store must still get them in order
    result = cli_runner().invoke(app, ["analyze", str(EXAMPLES), "--out", str(out), "--quiet", "--workers", "2",
                                       "--batch-size", "1"], prog_name="rashomon")
    assert result.exit_code == 0, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert examples_dossier["figures"] and examples_dossier["disputes"]
    assert _without_run_fields(dossier) == _without_run_fields(examples_dossier)


def _no_models() -> None:
    """A worker's start for the tests below: nothing to load."""


def _dies_on_poison(documents: list[Document], batch_size: int) -> list[DocAnalysis | InputFailure]:
    """Stands in for the analysis: a worker given a report containing "poison" dies at once (as one killed
    for its memory would); the others come back as failures naming them, which is easy to compare."""
    if any("poison" in d.text for d in documents):
        os._exit(9)
    return [InputFailure(d.source, f"seen in a batch of {len(documents)}") for d in documents]


def _report(name: str, text: str = "calm") -> Document:
    return Document(source=name, text=text)


def test_a_report_that_kills_its_worker_fails_alone_and_the_rest_go_on() -> None:
    documents = [_report(f"r{n}.txt") for n in range(7)]
    documents[3] = _report("r3.txt", "poison")
    pool = _WorkerPool(2, (), task=_dies_on_poison, initializer=_no_models)
    try:
        results = list(pool.analyse(documents, batch_size=2))
    finally:
        pool.close()
    assert [r.source for r in results] == [d.source for d in documents]  # in order, none lost
    assert "worker process died" in results[3].reason and "\n" not in results[3].reason
    assert results[2].reason == "seen in a batch of 1"  # r3's batch-mate, tried again alone
    assert results[6].reason == "seen in a batch of 1"  # the last batch, a single report
    assert results[0].reason == "seen in a batch of 2"


def test_workers_that_die_on_every_report_stop_the_run() -> None:
    documents = [_report(f"p{n}.txt", "poison") for n in range(MAX_DEATHS_IN_A_ROW + 2)]
    pool = _WorkerPool(1, (), task=_dies_on_poison, initializer=_no_models)
    try:
        with pytest.raises(RashomonError, match=f"died on {MAX_DEATHS_IN_A_ROW} reports in a row"):
            list(pool.analyse(documents, batch_size=len(documents)))
    finally:
        pool.close()


def test_a_model_the_workers_cannot_load_is_said_in_one_line(tmp_path: Path) -> None:
    settings = Settings(workers=2, batch_size=1, spacy_model=str(tmp_path / "no-such-model"))
    with LocalEngine(settings, pending=2) as engine, pytest.raises(ModelError, match="could not load the models"):
        list(engine.analyse([_invented(1), _invented(2)]))
