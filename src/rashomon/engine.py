"""Engines run the per-report analysis (parse, figures, claims, actors, places, claim embeddings).

``local`` (the default) runs it on this machine: in this process, or, when there are enough reports to
share, in one worker process per core (``workers``), each loading the spaCy and embedding models once;
``ray`` spreads it over Ray actors, each loading the models once, on a local Ray instance started for the
run (or a cluster given by ``ray_address``). Both yield, in the order the reports came in, the same typed records:
:class:`~rashomon.analyze.DocAnalysis` for a report analysed, :class:`~rashomon.models.InputFailure` for one
that could not be analysed at all (one line naming it; the others go on). The caller writes them to the
store; the alignment across reports runs on the driver either way.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from typing import Any, Protocol

from .analyze import DocAnalysis, analyse_batch, load_nlp
from .config import Settings
from .errors import ModelError, RashomonError
from .models import Document, InputFailure

#: batches in flight per Ray actor or worker process: one running, one queued, so it never waits for the driver
IN_FLIGHT_PER_ACTOR = 2
#: worker processes start only when each would get at least this many batches: below that, starting them
#: (importing torch, loading both models: seconds each) costs more than sharing the work saves
MIN_BATCHES_PER_WORKER = 2
#: reports in a row on which a worker process dies before the workers, not the reports, are held at fault
MAX_DEATHS_IN_A_ROW = 3
#: the Ray object store's size for a local instance (bytes): documents and findings of a few batches
OBJECT_STORE_BYTES = 256 * 1024 * 1024

Analysed = DocAnalysis | InputFailure


class Engine(Protocol):
    def analyse(self, documents: Iterable[Document]) -> Iterator[Analysed]:
        """One record per document, in the documents' order."""
        ...


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items, streaming."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def local_workers(settings: Settings, pending: int | None = None) -> int:
    """How many processes the local engine analyses ``pending`` reports (None: unknown) in.

    ``settings.workers`` when given, but no more than there are batches; when 0 (the default), one per core
    this process may use, but only as many as get :data:`MIN_BATCHES_PER_WORKER` batches each, so a small
    corpus (or one of unknown size) is analysed in this process (1).

    >>> local_workers(Settings(workers=4, batch_size=32), pending=40)
    2
    """
    if pending is None:  # how much there is to share is not known: as many as asked for, else this one
        return max(1, settings.workers)
    batches = -(-pending // settings.batch_size)
    if settings.workers:
        return max(1, min(settings.workers, batches))
    return max(1, min(_cpus(), batches // MIN_BATCHES_PER_WORKER))


class LocalEngine:
    """The analysis on this machine, documents in batches of ``batch_size``: in this process (the models
    loaded once), or in ``workers`` processes (see :func:`local_workers`), each loading the models once and
    using its share of the cores. Results come back in the documents' order either way, and are the same.

    Use as a context manager: leaving stops the worker processes.
    """

    def __init__(self, settings: Settings, pending: int | None = None):
        self.batch_size = settings.batch_size
        self.workers = local_workers(settings, pending)
        self._pool: _WorkerPool | None = None
        if self.workers > 1:
            share = max(1, _cpus() // self.workers)  # each worker's threads: its share of the cores
            self._pool = _WorkerPool(self.workers, (settings, share))
            return
        from .embed import embedder_for

        self.nlp = load_nlp(settings.spacy_model)
        self.embedder = embedder_for(settings)

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool:
            self._pool.close()

    def analyse(self, documents: Iterable[Document]) -> Iterator[Analysed]:
        if self._pool:
            yield from self._pool.analyse(documents, self.batch_size)
            return
        for batch in batched(documents, self.batch_size):
            yield from analyse_batch(batch, self.nlp, self.embedder, self.batch_size)


class _Analyser:
    """A Ray actor's or a worker process's state: the models, loaded once when it starts."""

    def __init__(self, settings: Settings, threads: int):
        import torch

        from .embed import embedder_for

        threads = max(1, threads)  # the actor's share of the cores, not all of them
        torch.set_num_threads(threads)
        self.nlp = load_nlp(settings.spacy_model)
        self.embedder = embedder_for(replace(settings, embedding_threads=settings.embedding_threads or threads))

    def analyse(self, documents: list[Document], batch_size: int) -> list[Analysed]:
        return analyse_batch(documents, self.nlp, self.embedder, batch_size)


#: a worker process's models, loaded once when it starts (:func:`_load_worker`), or why they could not be
_worker_models: list[_Analyser | ModelError] = []


def _load_worker(settings: Settings, threads: int) -> None:
    try:
        _worker_models.append(_Analyser(settings, threads))
    except Exception as exc:  # noqa: BLE001  (said once, by the first batch, instead of a dead pool)
        _worker_models.append(ModelError(f"a worker process could not load the models ({_first_line(exc)})"))


def _analyse_in_worker(documents: list[Document], batch_size: int) -> list[Analysed]:
    models = _worker_models[0]
    if isinstance(models, ModelError):
        raise models
    return models.analyse(documents, batch_size)


Task = Callable[[list[Document], int], list[Analysed]]


class _WorkerPool:
    """Worker processes (started fresh, not forked: a fork of a process running torch's threads can hang)
    running ``task`` on batches, at most :data:`IN_FLIGHT_PER_ACTOR` per worker at once so memory stays
    bounded however many reports there are; results are yielded in the batches' order.

    A worker that dies (killed, out of memory) takes its batches with it: the pool is started again, the
    batch at the head is tried one document at a time, and a document that kills a worker again becomes
    an :class:`InputFailure`; when :data:`MAX_DEATHS_IN_A_ROW` documents do, in a row, the workers
    themselves are at fault and the run stops (RashomonError).
    """

    def __init__(self, workers: int, initargs: tuple[Any, ...], task: Task = _analyse_in_worker,
                 initializer: Callable[..., None] = _load_worker):
        self.workers = workers
        self._task, self._initializer, self._initargs = task, initializer, initargs
        self._deaths = 0
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=self._initializer, initargs=self._initargs)

    def _restart(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._start()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def analyse(self, documents: Iterable[Document], batch_size: int) -> Iterator[Analysed]:
        waiting: deque[tuple[list[Document], Future[list[Analysed]]]] = deque()
        for batch in batched(documents, batch_size):
            waiting.append((batch, self._executor.submit(self._task, batch, batch_size)))
            if len(waiting) >= IN_FLIGHT_PER_ACTOR * self.workers:
                yield from self._next(waiting, batch_size)
        while waiting:
            yield from self._next(waiting, batch_size)

    def _next(self, waiting: deque[tuple[list[Document], Future[list[Analysed]]]],
              batch_size: int) -> list[Analysed]:
        batch, future = waiting.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        self._restart()
        out = [self._alone(document) for document in batch]
        for k, (other, _) in enumerate(waiting):  # their worker is gone too: send them to the new one
            waiting[k] = (other, self._executor.submit(self._task, other, batch_size))
        return out

    def _alone(self, document: Document) -> Analysed:
        try:
            result = self._executor.submit(self._task, [document], 1).result()[0]
        except BrokenProcessPool as exc:
            self._deaths += 1
            if self._deaths >= MAX_DEATHS_IN_A_ROW:
                raise RashomonError(f"worker processes died on {self._deaths} reports in a row "
                                    f"({_first_line(exc)}); try --workers 1") from exc
            self._restart()
            return InputFailure(document.source or document.id,
                                f"not analysed: its worker process died ({_first_line(exc)})")
        self._deaths = 0
        return result


@contextmanager
def ray_instance(settings: Settings) -> Iterator[str | None]:
    """Ray, ready for actors: the one already running in this process, else the cluster at
    ``settings.ray_address``, else a local instance started here (one CPU per core this process may use, no
    dashboard, every server on 127.0.0.1, its files in a new temporary folder), shut down on leaving.
    Yields that folder (None when Ray was not started here)."""
    import logging

    ray = _import_ray(local=not settings.ray_address)
    if ray.is_initialized():
        yield None
        return
    options: dict[str, Any] = dict(include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR,
                                   configure_logging=False)
    # a short path: Ray's socket paths under it must stay within the OS limit (107 bytes)
    tmp = None if settings.ray_address else tempfile.mkdtemp(prefix="rashomon-ray-")
    try:
        if settings.ray_address:
            ray.init(address=settings.ray_address, **options)
        else:
            ray.init(num_cpus=_cpus(), object_store_memory=OBJECT_STORE_BYTES, _temp_dir=tmp, **options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        where = f"the Ray cluster at {settings.ray_address}" if settings.ray_address else "Ray"
        raise RashomonError(f"cannot start {where} ({_first_line(exc)}); use --engine local") from exc
    try:
        yield tmp
    finally:
        ray.shutdown()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


class RayEngine:
    """The analysis over ``settings.ray_workers`` Ray actors (0: one per CPU of the cluster); batches stream
    to them, results come back in order.

    Use as a context manager: entering starts Ray when it is not running (:func:`ray_instance`) and the
    actors, which share the cluster's CPUs between them; leaving stops the actors and what it started.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self.actors: list[Any] = []
        self._stack = ExitStack()

    def __enter__(self) -> RayEngine:
        self._stack.enter_context(ray_instance(self.settings))
        import ray

        cpus = max(1.0, ray.cluster_resources().get("CPU", 1.0))
        workers = self.settings.ray_workers or int(cpus)
        share = cpus / workers  # more workers than CPUs: each takes a part of one, so all of them can start
        actor = ray.remote(num_cpus=share, max_restarts=1)(_Analyser)
        self.actors = [actor.remote(self.settings, max(1, int(share)))
                       for _ in range(workers)]
        try:  # a model that cannot load fails now, in one line, before any report is sent
            ray.get([a.__ray_ready__.remote() for a in self.actors])
        except ray.exceptions.RayError as exc:
            self.__exit__(None, None, None)
            raise ModelError(f"the Ray workers could not load the models ({_first_line(exc)})") from exc
        return self

    def __exit__(self, *exc: object) -> None:
        import ray

        for actor in self.actors:
            ray.kill(actor)
        self.actors = []
        self._stack.close()

    def analyse(self, documents: Iterable[Document]) -> Iterator[Analysed]:
        """Batches go to the least busy actor, at most :data:`IN_FLIGHT_PER_ACTOR` per actor at once (so
        memory stays bounded however many reports there are); results are yielded in submission order."""
        from ray.util import ActorPool

        pool = ActorPool(self.actors)
        size = self.settings.batch_size
        waiting: deque[list[Document]] = deque()
        for batch in batched(documents, size):
            pool.submit(lambda actor, docs: actor.analyse.remote(docs, size), batch)
            waiting.append(batch)
            if len(waiting) >= IN_FLIGHT_PER_ACTOR * len(self.actors):
                yield from self._next(pool, waiting.popleft())
        while waiting:
            yield from self._next(pool, waiting.popleft())

    def _next(self, pool: Any, batch: list[Document]) -> list[Analysed]:
        """The next batch's records; when its actor died (killed, out of memory), each of its documents is
        tried again alone, and one that fails again becomes an :class:`InputFailure`."""
        import ray

        try:
            return pool.get_next()
        except ray.exceptions.RayActorError:
            pass
        out: list[Analysed] = []
        for document in batch:
            try:
                out += ray.get(self.actors[0].analyse.remote([document], 1))
            except ray.exceptions.RayError as exc:
                out.append(InputFailure(document.source or document.id,
                                        f"not analysed: the Ray worker failed ({_first_line(exc)})"))
        return out


@contextmanager
def open_engine(settings: Settings, pending: int | None = None) -> Iterator[Engine]:
    """The engine ``settings.engine`` names, ready to analyse ``pending`` reports (None: unknown); stopped
    (worker processes ended, Ray shut down) on leaving."""
    if settings.engine == "ray":
        with RayEngine(settings) as engine:
            yield engine
    else:
        with LocalEngine(settings, pending) as local:
            yield local


def _import_ray(local: bool) -> Any:
    """Ray, with its usage report off and, for a local instance, every listener on the loopback address."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline: no usage report is sent
    if local:
        # read when Ray is imported: the node's address is then 127.0.0.1, and Ray's servers listen there only
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    try:
        import ray
        from ray._private import ray_constants
    except ImportError as exc:
        raise RashomonError("--engine ray needs Ray: pip install 'rashomon[ray]' (or use --engine local)") from exc
    if local and os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] == "0":  # Ray imported earlier read it already
        ray_constants.ENABLE_RAY_CLUSTER = False
    return ray


def _cpus() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _first_line(exc: BaseException) -> str:
    from .ingest.names import one_line

    text = str(exc).strip().splitlines()
    return one_line(f"{type(exc).__name__}: {text[0] if text else ''}")[:300]
