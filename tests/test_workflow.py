"""The library's front door: an extractor failing on one report does not stop the others."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import rashomon
from rashomon.analyze import claims as claims_module
from rashomon.analyze import components


def test_an_extractor_failing_on_one_report_is_reported_and_the_rest_analysed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("outlet: Alder Post\n\nGunmen killed six villagers near Tesk on Monday.\n")
    (reports / "b.txt").write_text("outlet: Birch Daily\n\nPOISON. Police said 12 people were detained in Tesk.\n")
    real = claims_module.extract_claims

    def brittle(doc: Any, *args: Any) -> list[dict[str, Any]]:
        if "POISON" in doc.text:
            raise ValueError("an input this extractor cannot handle")
        return real(doc, *args)

    monkeypatch.setattr(components, "extract_claims", brittle)
    summary = rashomon.analyze([str(reports)], tmp_path / "out", rashomon.Settings(db=str(tmp_path / "t.db")))
    assert summary.exit_code == 1
    [failure] = summary.failures
    assert failure.source.endswith("b.txt")
    assert "claims failed" in failure.reason and "cannot handle" in failure.reason
    import json

    dossier = json.loads(summary.paths["json"].read_text())
    assert len(dossier["documents"]) == 2
    by_doc = {d["source"].rsplit("/", 1)[-1]: d["id"] for d in dossier["documents"]}
    assert any(c["doc_id"] == by_doc["a.txt"] for c in dossier["claims"])
    assert not any(c["doc_id"] == by_doc["b.txt"] for c in dossier["claims"])
    # the other extractors still ran on the report the claims extractor failed on
    assert any(f["doc_id"] == by_doc["b.txt"] and f["value"] == 12 for f in dossier["figures"])
    assert dossier["failures"] == [{"source": "b.txt", "reason": failure.reason}]
