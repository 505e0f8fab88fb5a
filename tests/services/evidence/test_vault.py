"""The evidence store: files kept by their SHA-256, streamed in, once, read-only,
re-checked on demand."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from pathlib import Path

import pytest

from services.errors import ValidationError
from services.evidence import vault as vault_module
from services.evidence.vault import ENV, TooLargeError, Vault, default_root, size_text
from tests.support.media import fifo


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_a_file_is_kept_under_its_hash_read_only(tmp_path: Path) -> None:
    source = tmp_path / "IMG_0001.JPG"
    source.write_bytes(b"\xff\xd8\xff" + b"evidence" * 1000)
    vault = Vault(tmp_path / "store")
    sha, size = vault.put(source)
    assert sha == hashlib.sha256(source.read_bytes()).hexdigest()
    assert size == source.stat().st_size
    kept = tmp_path / "store" / sha[:2] / sha
    assert vault.path_of(sha) == kept and kept.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o444
    assert vault.has(sha) and vault.check(sha)


def test_the_same_content_twice_is_kept_once(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "store")
    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    a.write_bytes(b"same bytes")
    b.write_bytes(b"same bytes")
    assert vault.put(a) == vault.put(b)
    assert len(_files(vault.root)) == 1  # no second copy, no temporary file left


class _Reads(io.BytesIO):
    """A stream that remembers how much each read asked for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        self.asked.append(-1 if size is None else size)
        return super().read(size)


def test_storing_streams_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault_module, "CHUNK", 1000)
    data = os.urandom(10_500)
    stream, told = _Reads(data), []
    sha, size = Vault(tmp_path).put_stream(stream, on_bytes=told.append)
    assert (sha, size) == (hashlib.sha256(data).hexdigest(), len(data))
    assert stream.asked and set(stream.asked) == {1000}  # never the whole file at once
    assert told == [*range(1000, 10_001, 1000), 10_500]


def test_over_the_limit_nothing_is_kept(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "store")
    with pytest.raises(TooLargeError, match="more than 1 KiB"):
        vault.put_stream(io.BytesIO(b"x" * 1025), max_bytes=1024)
    assert _files(vault.root) == []
    assert vault.put_stream(io.BytesIO(b"x" * 1024), max_bytes=1024)[1] == 1024


def test_check_finds_a_changed_or_missing_file(tmp_path: Path) -> None:
    vault = Vault(tmp_path)
    sha, _ = vault.put_stream(io.BytesIO(b"original bytes"))
    kept = vault.path_of(sha)
    os.chmod(kept, 0o644)
    kept.write_bytes(b"original bytez")
    assert not vault.check(sha)
    kept.unlink()
    assert not vault.check(sha) and not vault.has(sha)


def test_a_link_or_a_pipe_is_not_stored(tmp_path: Path) -> None:
    target = tmp_path / "secret.txt"
    target.write_bytes(b"not evidence")
    (tmp_path / "link.jpg").symlink_to(target)
    vault = Vault(tmp_path / "store")
    with pytest.raises(ValidationError, match="cannot be read"):
        vault.put(tmp_path / "link.jpg")
    with pytest.raises(ValidationError, match="not a regular file"):
        vault.put(fifo(tmp_path / "pipe.mp4"))
    assert _files(vault.root) == []


def test_where_the_store_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    assert default_root() == Path(os.environ["XDG_DATA_HOME"]) / "youyi-console" / "evidence"
    monkeypatch.setenv(ENV, str(tmp_path / "shared"))
    assert default_root() == tmp_path / "shared" and Vault().root == tmp_path / "shared"
    with pytest.raises(ValidationError, match="not a SHA-256"):
        Vault(tmp_path).path_of("../../etc/passwd")


def test_sizes_read_as_people_read_them() -> None:
    assert [size_text(n) for n in (12, 1536, 4 << 30)] == ["12 bytes", "1.5 KiB", "4 GiB"]
