"""The onnxruntime embedding backend against sentence-transformers, on a tiny random BERT built here."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from rashomon import embed
from rashomon.config import Settings
from rashomon.errors import ModelError, RashomonError

pytest.importorskip("onnxruntime")

WORDS = "the a of and to in at by ferry river town people said were army police crowd killed wounded".split()
SENTENCES = [
    "the ferry",
    # longer than the model's 16 tokens: both backends must truncate it alike
    "people said the army killed 12 people in the town and the police were wounded by the crowd at the river",
    "x",
    "Police SAID the Crowd was at the river.",
    "  the river town  ",
    "zz9 qq",
]


def tiny_model(root: Path, pooling: str = "mean") -> Path:
    """A sentence-transformers folder: a 2-layer BERT of width 32 with seeded random weights, a WordPiece
    tokenizer over a few words and characters, ``pooling``, normalisation, 16 tokens at most."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.base.modules.normalize import Normalize
    from sentence_transformers.base.modules.transformer import Transformer
    from sentence_transformers.sentence_transformer.modules.pooling import Pooling
    from transformers import BertConfig, BertModel, BertTokenizerFast

    hf = root / "hf"
    hf.mkdir(parents=True)
    chars = "abcdefghijklmnopqrstuvwxyz0123456789"
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS, *chars, ".", ",", *(f"##{c}" for c in chars)]
    (hf / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    BertTokenizerFast(vocab_file=str(hf / "vocab.txt"), do_lower_case=True).save_pretrained(hf)
    torch.manual_seed(7)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64)
    BertModel(config).save_pretrained(hf)
    modules = [Transformer(str(hf), max_seq_length=16), Pooling(32, pooling), Normalize()]
    SentenceTransformer(modules=modules, device="cpu").save(str(root / "st"))
    return root / "st"


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_model(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="module")
def exported(model: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache folder after one real export of the tiny model."""
    cache = tmp_path_factory.mktemp("onnx-cache")
    embed._load.cache_clear()
    loaded = embed.load_embedder(str(model), "onnx", cache=str(cache))
    assert isinstance(loaded, embed.OnnxEmbedder)
    return cache


@pytest.fixture(autouse=True)
def fresh_loads() -> None:
    embed._load.cache_clear()  # each test loads anew (load_embedder keeps one model per process otherwise)


def test_onnx_vectors_match_torch(model: Path, exported: Path) -> None:
    onnx_model = embed.load_embedder(str(model), "onnx", cache=str(exported))
    torch_model = embed.load_embedder(str(model), "torch")
    assert isinstance(onnx_model, embed.OnnxEmbedder) and not isinstance(torch_model, embed.OnnxEmbedder)
    for batch_size in (2, 64):  # small batches pad sentences of unlike lengths together
        got = embed.encode(SENTENCES, batch_size=batch_size, model=onnx_model)
        want = embed.encode(SENTENCES, batch_size=batch_size, model=torch_model)
        assert got.dtype == np.float32 and got.shape == (len(SENTENCES), 32)
        assert np.abs(got - want).max() < 1e-5
        assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert embed.encode([], model=onnx_model).shape == (0, 32)
    # the second sentence is over 16 tokens: the equal vectors above say both backends cut it alike
    assert onnx_model.recipe.max_seq_length == 16


def test_the_session_keeps_no_memory_arena_and_threads_sleep(model: Path, exported: Path) -> None:
    loaded = embed.load_embedder(str(model), "onnx", cache=str(exported), threads=1)
    assert isinstance(loaded, embed.OnnxEmbedder)
    options = loaded.session.get_session_options()
    assert options.enable_cpu_mem_arena is False and options.intra_op_num_threads == 1
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_export_is_cached_and_reused(model: Path, exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(p.relative_to(exported) for p in exported.rglob("*") if p.is_file())
    assert [f.name for f in files] == ["model.onnx"]  # no temporary file left beside it
    assert files[0].parent.name == embed.export_key(str(model))

    def no_export(*args: object) -> None:
        raise AssertionError("exported again although the cache holds the model")

    monkeypatch.setattr(embed, "export", no_export)
    assert isinstance(embed.load_embedder(str(model), "onnx", cache=str(exported)), embed.OnnxEmbedder)


def test_a_corrupt_cache_file_is_exported_again(model: Path, exported: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture) -> None:
    good = next(exported.rglob("model.onnx"))
    bad = tmp_path / good.parent.name / "model.onnx"
    bad.parent.mkdir()
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])  # half a file, as a crash mid-copy leaves
    calls: list[Path] = []

    def export_again(target: Path, *args: object) -> None:  # stands in for the real export
        calls.append(target)
        shutil.copyfile(good, target)

    monkeypatch.setattr(embed, "export", export_again)
    with caplog.at_level(logging.WARNING, logger="rashomon.embed"):
        loaded = embed.load_embedder(str(model), "onnx", cache=str(tmp_path))
    assert isinstance(loaded, embed.OnnxEmbedder) and calls == [bad]
    assert "unreadable" in caplog.text and "exporting it again" in caplog.text
    want = embed.encode(SENTENCES, model=embed.load_embedder(str(model), "torch"))
    assert np.abs(embed.encode(SENTENCES, model=loaded) - want).max() < 1e-5


def test_without_onnxruntime_auto_falls_back_to_torch(model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime now raises ImportError
    with caplog.at_level(logging.WARNING, logger="rashomon.embed"):
        loaded = embed.load_embedder(str(model), "auto", cache=str(tmp_path))
    assert not isinstance(loaded, embed.OnnxEmbedder)
    assert embed.encode(["the ferry"], model=loaded).shape == (1, 32)
    [record] = [r for r in caplog.records if r.name == "rashomon.embed"]
    assert "run on torch, not onnxruntime: onnxruntime is not installed" in record.getMessage()
    assert "\n" not in record.getMessage()
    assert not list(tmp_path.iterdir())


def test_a_failed_export_falls_back_to_torch_and_leaves_nothing(model: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    import torch

    def broken(*args: object, **kwargs: object) -> None:
        Path(args[2]).write_bytes(b"half")  # the exporter dies after writing part of its file
        raise RuntimeError("unsupported operator\nand a long trace")

    monkeypatch.setattr(torch.onnx, "export", broken)
    with caplog.at_level(logging.WARNING, logger="rashomon.embed"):
        loaded = embed.load_embedder(str(model), "onnx", cache=str(tmp_path))
    assert not isinstance(loaded, embed.OnnxEmbedder)
    assert "the ONNX export of" in caplog.text and "RuntimeError: unsupported operator)" in caplog.text
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_model_the_onnx_backend_does_not_reproduce_goes_to_torch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    folder = tiny_model(tmp_path, pooling="weightedmean")
    with caplog.at_level(logging.WARNING, logger="rashomon.embed"):
        loaded = embed.load_embedder(str(folder), "onnx", cache=str(tmp_path / "cache"))
    assert not isinstance(loaded, embed.OnnxEmbedder)
    assert "pooling weightedmean" in caplog.text
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("mode", ["cls", "max", "mean", "mean_sqrt_len_tokens"])
def test_pooling_is_sentence_transformers_pooling(mode: str) -> None:
    import torch
    from sentence_transformers.sentence_transformer.modules.pooling import Pooling

    rng = np.random.default_rng(3)
    tokens = rng.normal(size=(3, 5, 8)).astype(np.float32)
    mask = np.array([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0], [1, 0, 0, 0, 0]])
    features = {"token_embeddings": torch.from_numpy(tokens), "attention_mask": torch.from_numpy(mask)}
    want = torch.nn.functional.normalize(Pooling(8, mode)(features)["sentence_embedding"], dim=1).numpy()
    assert np.abs(embed.pool(tokens, mask, mode) - want).max() < 1e-6


def test_unknown_backends_are_refused() -> None:
    with pytest.raises(ModelError, match="not one of auto, torch, onnx"):
        embed.load_embedder("", "gpu")
    with pytest.raises(RashomonError, match="embedding backend 'gpu'"):
        Settings.load(embedding_backend="gpu")
    assert Settings.load(embedding_backend="torch", embedding_threads=2).embedding_threads == 2


def test_settings_choose_the_backend_and_the_cache_folder(model: Path, exported: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    good = next(exported.rglob("model.onnx"))
    kept = tmp_path / "rashomon" / "onnx" / good.parent.name / "model.onnx"
    kept.parent.mkdir(parents=True)
    shutil.copyfile(good, kept)
    monkeypatch.setenv("RASHOMON_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(embed, "export", None)  # the copy in RASHOMON_CACHE_DIR must be the one read
    loaded = embed.embedder_for(Settings.load(embedding_model=str(model), embedding_threads=1))
    assert isinstance(loaded, embed.OnnxEmbedder) and loaded.path == kept  # auto, the default: onnx
    as_torch = embed.embedder_for(Settings.load(embedding_model=str(model), embedding_backend="torch"))
    assert not isinstance(as_torch, embed.OnnxEmbedder)
