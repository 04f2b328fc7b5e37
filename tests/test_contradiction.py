"""Contradiction scorers: the structural default and an NLI cross-encoder from a local folder
(a tiny, randomly initialised model the test builds itself: no download)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from helpers import act, context, corpus, doc
from helpers import claim as make_claim
from rashomon.align.contradiction import NLIScorer, StructuralScorer, load_scorer
from rashomon.align.disputes.polarity import polarity
from rashomon.errors import ModelError
from rashomon.model import Claim

WORDS = ("the a of to and in was were killed not no army said denied civilians operation over continue "
         "village soldiers fired on marchers").split()


def tiny_model(folder: Path, labels: dict[int, str]) -> Path:
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n")
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt")).save_pretrained(folder)
    config = BertConfig(vocab_size=len(WORDS) + 5, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64, num_labels=len(labels),
                        id2label=labels, label2id={v: k for k, v in labels.items()})
    BertForSequenceClassification(config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def nli_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_model(tmp_path_factory.mktemp("nli"), {0: "entailment", 1: "neutral", 2: "contradiction"})


def claim(text: str, stance: str = "affirmed") -> Claim:
    return make_claim("c", "d", text, stance)


def test_the_structural_scorer_opposes_polarities() -> None:
    scores = StructuralScorer().contradiction([(claim("a", "denied"), claim("b")), (claim("a"), claim("b"))])
    assert scores == [1.0, 0.0]
    assert isinstance(load_scorer(""), StructuralScorer)


def test_an_nli_model_from_a_local_folder_scores_pairs(nli_folder: Path) -> None:
    scorer = load_scorer(str(nli_folder))
    assert isinstance(scorer, NLIScorer) and scorer.index == 2  # the label named "contradiction"
    scores = scorer.contradiction([(claim("soldiers fired on marchers"), claim("no soldiers fired")),
                                   (claim("the army said"), claim("the village"))])
    assert len(scores) == 2 and all(0.0 <= s <= 1.0 for s in scores)
    assert scorer.contradiction([]) == []


def test_a_model_without_a_contradiction_label_is_refused(tmp_path: Path) -> None:
    folder = tiny_model(tmp_path / "sentiment", {0: "negative", 1: "positive"})
    with pytest.raises(ModelError, match="no 'contradiction' label"):
        NLIScorer(str(folder))


def test_a_missing_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot load the NLI model"):
        NLIScorer(str(tmp_path / "nowhere"))


class Oracle:
    """A scorer that calls a pair contradictory only when the second claim mentions 'village'."""

    name = "oracle"

    def contradiction(self, pairs: list[tuple[Claim, Claim]]) -> list[float]:
        return [0.9 if "village" in b.text else 0.1 for _, b in pairs]


def test_a_model_scorer_keeps_only_the_affirmations_it_finds_contradicted() -> None:
    texts = [("d", "The army denied that soldiers fired on marchers in the village.", "denied"),
             ("a", "Soldiers fired on marchers in the village, witnesses said.", "affirmed"),
             ("b", "Soldiers fired on marchers near the bridge, medics said.", "affirmed")]
    fired = (act("attack", "fire", "soldiers", "marchers"),)
    claims = [make_claim(f"c{n}", d, text, stance, ("soldier", "fire", "marcher"), attributed_to=("army",),
                         propositions=fired) for n, (d, text, stance) in enumerate(texts)]
    vectors = np.array([[1.0, 0.0], [0.96, 0.28], [0.96, -0.28]], dtype=np.float32)
    c = corpus([doc(d, d.upper()) for d in "dab"], claims=claims, vecs=vectors)
    plain = polarity(context(c))
    judged = polarity(context(c, scorer=Oracle()))
    assert {e.doc_id for e in plain[0].positions[1].evidence} == {"a", "b"}
    assert {e.doc_id for e in judged[0].positions[1].evidence} == {"a"}


def test_a_bad_nli_model_stops_the_run_before_any_analysis(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rashomon.cli import app

    report = tmp_path / "r.txt"
    report.write_text("outlet: Alder Post\n\nGunmen killed six villagers near Tesk on Monday.\n")
    result = CliRunner().invoke(app, ["analyze", str(report), "--out", str(tmp_path / "out"),
                                      "--nli-model", str(tmp_path / "nowhere"), "-q"])
    assert result.exit_code == 2
    assert "cannot load the NLI model" in result.output
    assert not (tmp_path / "out" / "dossier.json").exists()
