"""Contradiction scorers: how likely one claim contradicts another.

The default, :class:`StructuralScorer`, needs no model: two claims contradict when one denies what
the other affirms (the polarity found by the claim extractor) and they speak of the same thing
(their embeddings are close). :class:`NLIScorer` plugs in a natural-language-inference cross-encoder
from a local folder (``--nli-model PATH``); it is loaded when built, so a bad path fails at once.
"""

from __future__ import annotations

from typing import Protocol

from ..errors import ModelError
from ..model import Claim


class ContradictionScorer(Protocol):
    """Scores (premise, hypothesis) claim pairs: the probability that they contradict, in [0, 1]."""

    name: str

    def contradiction(self, pairs: list[tuple[Claim, Claim]]) -> list[float]: ...


class StructuralScorer:
    """Opposite polarity on the same subject: 1.0; the same polarity: 0.0 (no model needed)."""

    name = "structural"

    def contradiction(self, pairs: list[tuple[Claim, Claim]]) -> list[float]:
        return [1.0 if a.polarity != b.polarity else 0.0 for a, b in pairs]


class NLIScorer:
    """A sentence-pair NLI cross-encoder (for example a DeBERTa or MiniLM MNLI model) from a local folder.

    The label called "contradiction" in the model's config is read; its softmax probability is the score.
    """

    name = "nli"

    def __init__(self, path: str, batch_size: int = 32):
        import os

        os.environ["HF_HUB_OFFLINE"] = "1"
        try:
            from sentence_transformers import CrossEncoder

            self.model = CrossEncoder(path, device="cpu", local_files_only=True)
        except (OSError, ValueError, ImportError) as exc:
            raise ModelError(f"cannot load the NLI model from {path!r} ({exc}); give a local folder holding a "
                             "sequence-classification model with a 'contradiction' label") from exc
        labels = {str(v).lower(): int(k) for k, v in self.model.model.config.id2label.items()}
        if "contradiction" not in labels:
            raise ModelError(f"the model in {path!r} has no 'contradiction' label (it has {sorted(labels)}); "
                             "use an NLI model")
        self.index = labels["contradiction"]
        self.batch_size = batch_size

    def contradiction(self, pairs: list[tuple[Claim, Claim]]) -> list[float]:
        if not pairs:
            return []
        scores = self.model.predict([(a.text, b.text) for a, b in pairs], batch_size=self.batch_size,
                                    apply_softmax=True, show_progress_bar=False)
        return [float(row[self.index]) for row in scores]


def load_scorer(nli_model: str = "") -> ContradictionScorer:
    """The NLI scorer when a model folder is given, else the structural default."""
    return NLIScorer(nli_model) if nli_model else StructuralScorer()
