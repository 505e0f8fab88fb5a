"""The ingest benchmark at tiny sizes, so that it cannot rot unnoticed: a real
broker, the real ingest service, PostgreSQL, every alert stored once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.bench.bench_ingest import main
from tests.support.servers import ThrowawayPostgres, machine_postgres_url


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    url = machine_postgres_url()
    if url:
        yield url
        return
    with ThrowawayPostgres() as server:
        yield server.url


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.parametrize("mix", ["realistic", "plain"])
def test_ingest_benchmark_stores_every_alert_once(
    mix: str, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    phases = "sustained,storm" if mix == "realistic" else "sustained"
    args = ["--alerts", "300", "--seconds", "1", "--rates", "60", "--mix", mix, "--pg", pg_url]
    result = main([*args, "--phases", phases])
    out = capsys.readouterr().out
    assert result.stored == 360  # 300 + 60, each once (main checks each phase too)
    assert result.bare > 0 and result.ours > 0
    (lat,) = result.latency
    assert lat.asked == 60 and lat.published > 30
    assert 0 < lat.p50 <= lat.p99 <= lat.max
    assert "ratio ours / bare" in out and "alerts in the database: 360" in out
    if mix == "realistic":  # the storm checks itself (counts, orders, audit, no warnings)
        assert result.storm is not None and result.storm.orders == result.storm.alarms > 1000
