"""Real media files made in the tests: JPEG with and without EXIF time and GPS
(Pillow), PNG, HEIC (pillow-heif), a short H.264 MP4 with a creation time and a
location (ffmpeg), WAV (the standard library), a minimal PDF, and a JPEG that
does not decode."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import wave
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

#: Inside G11 of the demo district (长滩一期, community C01).
C01 = (121.482038, 31.410216)


def _rational(value: float) -> tuple[Fraction, Fraction, Fraction]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = Fraction(round((value - degrees - minutes / 60) * 3600 * 10_000), 10_000)
    return Fraction(degrees), Fraction(minutes), seconds


def jpeg(
    path: Path,
    *,
    taken: str | None = None,
    offset: str | None = None,
    position: tuple[float, float] | None = None,
    camera: tuple[str, str] | None = None,
    colour: tuple[int, int, int] = (200, 40, 40),
    size: tuple[int, int] = (64, 48),
) -> Path:
    """A JPEG; ``taken`` "YYYY:MM:DD HH:MM:SS" (EXIF DateTimeOriginal), its
    ``offset`` "+08:00", ``position`` (lon, lat) as EXIF GPS, ``camera`` make
    and model."""
    from PIL import Image

    img = Image.new("RGB", size, colour)
    exif = Image.Exif()
    if camera:
        exif[0x010F], exif[0x0110] = camera
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
        if offset:
            exif.get_ifd(0x8769)[0x9011] = offset
    if position:
        lon, lat = position
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = ("N" if lat >= 0 else "S"), _rational(abs(lat))
        gps[3], gps[4] = ("E" if lon >= 0 else "W"), _rational(abs(lon))
    img.save(path, "JPEG", exif=exif.tobytes(), quality=90)
    return path


def png(path: Path, colour: tuple[int, int, int] = (20, 120, 200)) -> Path:
    from PIL import Image

    Image.new("RGB", (32, 24), colour).save(path, "PNG")
    return path


def heic(path: Path) -> Path:
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    Image.new("RGB", (32, 32), (10, 200, 10)).save(path, "HEIF")
    return path


def mp4(
    path: Path,
    *,
    creation_time: str = "2026-11-23T02:15:00Z",
    location: str = "+31.4102+121.4820/",
    seconds: float = 1.0,
) -> Path:
    """A short H.264 clip (with AAC sound) through ffmpeg, with QuickTime
    creation time and ©xyz location."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.skip("ffmpeg is not installed (build/bootstrap.sh installs it)")
    command = [
        ffmpeg, "-v", "error", "-y",
        "-f", "lavfi", "-i", f"testsrc=size=160x120:rate=15:duration={seconds}",
        "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        "-metadata", f"creation_time={creation_time}",
        "-metadata", f"location={location}",
        "-movflags", "+use_metadata_tags", "-f", "mp4",
        str(path),
    ]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    return path


def wav(path: Path, seconds: float = 0.2, rate: int = 8000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x10" * int(rate * seconds))
    return path


def pdf(path: Path) -> Path:
    """A minimal valid one-page PDF (with a correct cross-reference table)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def broken_jpeg(path: Path, size: int = 4096, seed: int = 7) -> Path:
    """Random bytes behind a JPEG header: sniffed as a JPEG, does not decode."""
    noise = random.Random(seed).randbytes(size)
    path.write_bytes(b"\xff\xd8\xff\xe0" + noise)
    return path


def sidecar(path: Path, **fields: Any) -> Path:
    """``NAME.json`` beside the file ``path``."""
    side = path.with_name(path.name + ".json")
    side.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    return side


def folder_sidecar(folder: Path, data: dict[str, Any]) -> Path:
    side = folder / "evidence.json"
    side.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return side


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text)
