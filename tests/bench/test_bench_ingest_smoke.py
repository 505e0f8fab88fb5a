"""The ingest benchmark runs (tiny sizes): it cannot rot unnoticed."""

from __future__ import annotations

import pytest

from tests.bench.bench_ingest import main


def test_ingest_benchmark_runs_and_stores_every_alert(capsys: pytest.CaptureFixture[str]) -> None:
    ratio = main(["--alerts", "300", "--seconds", "1", "--rates", "50"])
    out = capsys.readouterr().out
    assert ratio > 0
    assert "ours:" in out and "latency at 50/s" in out
    assert "alerts in the database: 350" in out  # 300 + 50, each once
