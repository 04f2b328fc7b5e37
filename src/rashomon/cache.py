"""Where rashomon keeps what it builds once and reuses (the gazetteer index, the ONNX export of the embedder)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``<base>/rashomon``, the base being ``$RASHOMON_CACHE_DIR``, else ``$XDG_CACHE_HOME``, else ``~/.cache``
    (not created here)."""
    base = os.environ.get("RASHOMON_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rashomon"
