"""Settings: a flag beats RASHOMON_* env, which beats rashomon.toml, which beats the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon import RashomonError, Settings

# conftest runs every test in its own empty tmp_path, so ./rashomon.toml is the test's own.


def write_toml(text: str, path: Path = Path("rashomon.toml")) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    settings = Settings.load()
    assert settings == Settings()
    assert (settings.batch_size, settings.max_bytes, settings.quiet, settings.db) == (32, 5_000_000, False, None)


def test_precedence_flag_over_env_over_file_over_default(monkeypatch: pytest.MonkeyPatch) -> None:
    write_toml("[rashomon]\nbatch_size = 4\nmax_bytes = 1000\nmax_chars = 900\n")
    monkeypatch.setenv("RASHOMON_BATCH_SIZE", "8")
    monkeypatch.setenv("RASHOMON_MAX_BYTES", "2000")

    settings = Settings.load(batch_size=16)
    assert settings.batch_size == 16  # flag
    assert settings.max_bytes == 2000  # env over file
    assert settings.max_chars == 900  # file over default
    assert settings.fetch_timeout == 20.0  # default

    monkeypatch.delenv("RASHOMON_BATCH_SIZE")
    assert Settings.load().batch_size == 4
    Path("rashomon.toml").unlink()
    assert Settings.load().batch_size == 32


def test_none_flags_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASHOMON_BATCH_SIZE", "8")
    assert Settings.load(batch_size=None, db=None).batch_size == 8


def test_env_values_are_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASHOMON_FETCH_TIMEOUT", "2.5")
    monkeypatch.setenv("RASHOMON_ALLOW_PRIVATE", "yes")
    monkeypatch.setenv("RASHOMON_QUIET", "0")
    monkeypatch.setenv("RASHOMON_DB", "sqlite:///case.db")
    settings = Settings.load()
    assert settings.fetch_timeout == 2.5
    assert settings.allow_private is True
    assert settings.quiet is False
    assert settings.db == "sqlite:///case.db"


def test_top_level_keys_and_an_explicit_config_file(tmp_path: Path) -> None:
    path = write_toml('near_duplicate_threshold = 0.8\nspacy_model = "en_core_web_md"\n', tmp_path / "case.toml")
    settings = Settings.load(path)
    assert (settings.near_duplicate_threshold, settings.spacy_model) == (0.8, "en_core_web_md")
    # ./rashomon.toml is not read when another file is named
    write_toml("[rashomon]\nbatch_size = 4\n")
    assert Settings.load(path).batch_size == 32
    assert Settings.load().batch_size == 4


def test_unknown_setting_in_the_file() -> None:
    write_toml("[rashomon]\nbatch_sise = 4\n")
    with pytest.raises(RashomonError, match="unknown setting.*batch_sise") as info:
        Settings.load()
    assert "batch_size" in str(info.value)  # the known names are listed


def test_unknown_flag() -> None:
    with pytest.raises(RashomonError, match="colour"):
        Settings.load(colour="red")


@pytest.mark.parametrize(("variable", "value"), [("RASHOMON_BATCH_SIZE", "lots"),
                                                 ("RASHOMON_MAX_BYTES", "5MB"),
                                                 ("RASHOMON_FETCH_TIMEOUT", "soon")])
def test_bad_number_in_env(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    name = variable.removeprefix("RASHOMON_").lower()
    with pytest.raises(RashomonError, match=f"{name}='{value}' is not a valid"):
        Settings.load()


def test_bad_int_in_the_file() -> None:
    write_toml('[rashomon]\nbatch_size = "many"\n')
    with pytest.raises(RashomonError, match="batch_size"):
        Settings.load()


def test_broken_settings_file() -> None:
    write_toml("[rashomon\nbatch_size = 4\n")
    with pytest.raises(RashomonError, match="rashomon.toml: cannot read the settings file"):
        Settings.load()
