"""What an evidence file tells of itself: its kind by content, whether it
decodes, when and where it was taken, and with what.

**Kind** comes from the first bytes, never the name: JPEG, PNG, WebP, HEIC/HEIF,
MP4/MOV (any codec: H.264, H.265 …), M4A, AAC (ADTS), WAV, PDF; anything else
is ``other``, kept as it is and flagged.

**Decoding**: an image is opened and loaded with Pillow (HEIC through
pillow-heif; where it is missing the photo is flagged "cannot decode HEIC
here"); video and audio are probed with ``ffprobe`` when it is on the PATH,
else opened with PyAV and a first frame decoded; a PDF must start with
``%PDF-`` and end with ``%%EOF``.  A file that fails is still taken in, with
``decodes`` False and the reason in ``flag`` (naming the tool that said so).

**Embedded metadata**: EXIF capture time (DateTimeOriginal, with its
OffsetTimeOriginal; without one, the district's local time) and GPS position,
camera make and model; for MP4/MOV the ``creation_time`` and the ISO 6709
``location`` (©xyz) tags, and Apple's own.

What sidecar JSON files state about a file, and how it wins over what the
file itself tells: ``services.evidence.sidecar``.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from services.district.timezone import district_tz
from services.domain import EvidenceKind
from services.text_rules import shown

log = logging.getLogger(__name__)

HEAD_BYTES = 4096  # what ``sniff`` needs to see
PROBE_TIMEOUT_S = 120
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"}
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_QT_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
_EXIF_TIME = "%Y:%m:%d %H:%M:%S"


@dataclass(frozen=True, slots=True)
class Stated:
    """Facts about a file stated by a sidecar (or read from the file itself);
    None where nothing is said."""

    officer: str | None = None
    device: str | None = None
    captured_at: datetime | None = None
    position: tuple[float, float] | None = None  # lon, lat
    order: str | None = None

    def over(self, below: Stated) -> Stated:
        """These facts, and ``below``'s where these say nothing."""
        return Stated(
            *(
                mine if mine is not None else theirs
                for mine, theirs in zip(_values(self), _values(below), strict=True)
            )
        )


def _values(s: Stated) -> tuple[Any, ...]:
    return (s.officer, s.device, s.captured_at, s.position, s.order)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the file itself tells."""

    kind: EvidenceKind
    media_type: str
    decodes: bool
    flag: str | None = None  # why it is flagged
    embedded: Stated = Stated()


# --- kind by content -----------------------------------------------------------


def sniff(head: bytes) -> tuple[EvidenceKind, str]:
    """Kind and media type from a file's first bytes (``HEAD_BYTES`` of them)."""
    k = EvidenceKind
    if head.startswith(b"\xff\xd8\xff"):
        return k.IMAGE, "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return k.IMAGE, "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return k.IMAGE, "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return k.AUDIO, "audio/wav"
    if b"%PDF-" in head[:1024]:
        return k.DOCUMENT, "application/pdf"
    if head[4:8] == b"ftyp":
        return _iso_media(head)
    if head[4:8] in _QT_ATOMS:  # an old QuickTime movie without ftyp
        return k.VIDEO, "video/quicktime"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:  # ADTS sync, layer 0
        return k.AUDIO, "audio/aac"
    return k.OTHER, "application/octet-stream"


def _iso_media(head: bytes) -> tuple[EvidenceKind, str]:
    """An ISO base media file by its major brand, then its compatible brands."""
    box = min(int.from_bytes(head[:4], "big"), len(head))
    brands = [head[8:12]] + [head[i : i + 4] for i in range(16, max(box, 16), 4)]
    for brand in brands:
        if brand in _HEIF_BRANDS:
            mime = "image/avif" if brand == b"avif" else "image/heic"
            return EvidenceKind.IMAGE, mime
        if brand in _AUDIO_BRANDS:
            return EvidenceKind.AUDIO, "audio/mp4"
        if brand == b"qt  ":
            return EvidenceKind.VIDEO, "video/quicktime"
    return EvidenceKind.VIDEO, "video/mp4"


# --- what the file tells -------------------------------------------------------


def read_facts(path: Path, head: bytes | None = None) -> Facts:
    """Kind, decoding and embedded metadata of the (stored) file at ``path``."""
    if head is None:
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
    kind, mime = sniff(head)
    if not head:
        return Facts(kind, mime, False, "the file is empty")
    if kind is EvidenceKind.IMAGE:
        return _image(path, mime)
    if kind in (EvidenceKind.VIDEO, EvidenceKind.AUDIO):
        return _media(path, kind, mime)
    if kind is EvidenceKind.DOCUMENT:
        return _pdf(path, mime)
    known = "JPEG, PNG, HEIC, MP4/MOV, M4A/AAC, WAV or PDF"
    return Facts(kind, mime, False, f"not a kind the console reads ({known}): kept as it is")


def _image(path: Path, mime: str) -> Facts:
    from PIL import Image, UnidentifiedImageError

    if mime in ("image/heic", "image/avif") and not _heif_opener():
        flag = "cannot decode HEIC here (pillow-heif is not installed): kept as it is"
        return Facts(EvidenceKind.IMAGE, mime, False, flag)
    embedded = Stated()
    try:
        with Image.open(path) as img:
            embedded = _exif_facts(img)
            if img.format == "JPEG":
                img.draft("RGB", (1, 1))  # every byte decoded, the pixels at 1/8 scale
            img.load()
    except (
        OSError,
        UnidentifiedImageError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
    ) as exc:
        flag = f"does not decode as {mime} (Pillow: {_one_line(exc)})"
        return Facts(EvidenceKind.IMAGE, mime, False, flag, embedded)
    return Facts(EvidenceKind.IMAGE, mime, True, None, embedded)


def _heif_opener() -> bool:
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


def _exif_facts(img: Any) -> Stated:
    """Capture time, GPS position and camera from an image's EXIF."""
    try:
        exif = img.getexif()
        sub = exif.get_ifd(0x8769)  # Exif IFD
        gps = exif.get_ifd(0x8825)  # GPS IFD
    except Exception as exc:  # EXIF is the camera's word: a bad block costs only it
        log.info("EXIF unreadable: %s", exc)
        return Stated()
    taken = _exif_time(sub.get(0x9003) or exif.get(0x0132), sub.get(0x9011) or sub.get(0x9010))
    make, model = (str(exif.get(t) or "").strip("\x00 ") for t in (0x010F, 0x0110))
    device = " ".join(p for p in (make, model) if p) or None
    return Stated(device=_clean(device), captured_at=taken, position=_gps(gps))


def _exif_time(value: Any, offset: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        local = datetime.strptime(value.strip("\x00 ")[:19], _EXIF_TIME)
    except ValueError:
        return None
    if isinstance(offset, str) and re.fullmatch(r"[+-]\d\d:\d\d", offset.strip("\x00 ")):
        return datetime.fromisoformat(local.isoformat() + offset.strip("\x00 ")).astimezone(UTC)
    return local.replace(tzinfo=district_tz()).astimezone(UTC)


def _gps(gps: Any) -> tuple[float, float] | None:
    try:
        lat = _degrees(gps[2], gps.get(1, "N"), "S")
        lon = _degrees(gps[4], gps.get(3, "E"), "W")
    except (KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return None
    return _position(lon, lat)


def _degrees(dms: Any, ref: Any, negative: str) -> float:
    d, m, s = (float(v) for v in dms)
    value = d + m / 60 + s / 3600
    return -value if str(ref).strip("\x00 ").upper() == negative else value


def _position(lon: float, lat: float) -> tuple[float, float] | None:
    """A usable position (a GPS without a fix writes 0, 0)."""
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90) or (lon, lat) == (0.0, 0.0):
        return None
    return lon, lat


def _media(path: Path, kind: EvidenceKind, mime: str) -> Facts:
    """Probe a video or audio file with PyAV (in this process, a frame decoded),
    else with ffprobe (a process a file: some 60 ms each, most of an intake's
    time for a phone's clips; docs/benchmarks.md)."""
    ffprobe = shutil.which("ffprobe")
    try:
        if importlib.util.find_spec("av") is not None:
            streams, tags = _pyav(path, kind)
            tool = "PyAV"
        elif ffprobe:
            streams, tags = _ffprobe(ffprobe, path)
            tool = "ffprobe"
        else:
            raise ImportError("neither PyAV nor ffprobe")
    except ImportError:
        flag = "cannot check video or audio here (neither ffprobe nor PyAV): kept as it is"
        return Facts(kind, mime, False, flag)
    except _ProbeError as exc:
        return Facts(kind, mime, False, f"does not decode as {mime} ({exc})")
    wanted = "video" if kind is EvidenceKind.VIDEO else "audio"
    embedded = _media_tags(tags)
    if wanted not in streams:
        found = ", ".join(sorted(streams)) or "none"
        flag = f"no {wanted} stream in it ({tool}: streams {found})"
        return Facts(kind, mime, False, flag, embedded)
    return Facts(kind, mime, True, None, embedded)


class _ProbeError(Exception):
    pass


def _ffprobe(ffprobe: str, path: Path) -> tuple[set[str], dict[str, str]]:
    command = [ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams"]
    try:
        done = subprocess.run(
            [*command, "--", str(path)], capture_output=True, timeout=PROBE_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _ProbeError(f"ffprobe: {_one_line(exc)}") from exc
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").replace(f"{path}: ", "").splitlines()
        last = said[-1].strip() if said else f"exit {done.returncode}"
        raise _ProbeError(f"ffprobe: {_one_line(ValueError(last))}")
    try:
        found = json.loads(done.stdout)
    except ValueError as exc:
        raise _ProbeError("ffprobe: no answer it could read") from exc
    streams = {str(s.get("codec_type")) for s in found.get("streams", [])}
    tags = {str(k).lower(): str(v) for k, v in found.get("format", {}).get("tags", {}).items()}
    return streams, tags


def _pyav(path: Path, kind: EvidenceKind) -> tuple[set[str], dict[str, str]]:
    import av

    try:
        with av.open(str(path)) as container:
            streams = {str(s.type) for s in container.streams}
            tags = {str(k).lower(): str(v) for k, v in container.metadata.items()}
            wanted = container.streams.video if kind is EvidenceKind.VIDEO else None
            first = wanted[0] if wanted else next(iter(container.streams.audio), None)
            if first is not None:
                next(iter(container.decode(first)), None)  # one frame decodes
    except (av.FFmpegError, StopIteration, ValueError) as exc:
        said = getattr(exc, "strerror", None) or _one_line(exc)  # without the file's path
        raise _ProbeError(f"PyAV: {said}") from exc
    return streams, tags


def _media_tags(tags: dict[str, str]) -> Stated:
    """Capture time, position and device from a container's tags."""
    when = tags.get("com.apple.quicktime.creationdate") or tags.get("creation_time")
    where = tags.get("com.apple.quicktime.location.iso6709") or tags.get("location")
    make = tags.get("com.apple.quicktime.make", "")
    model = tags.get("com.apple.quicktime.model", "")
    device = " ".join(p for p in (make.strip(), model.strip()) if p) or None
    return Stated(device=_clean(device), captured_at=_tag_time(when), position=_iso6709(where))


def _tag_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if value.year < 1971:  # an unset mvhd time (1904 or 1970)
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


_ISO6709 = re.compile(
    r"([+-])(\d+(?:\.\d+)?)([+-])(\d+(?:\.\d+)?)(?:[+-]\d+(?:\.\d+)?)?(?:CRS\S*)?/?"
)


def _iso6709(text: str | None) -> tuple[float, float] | None:
    """``+31.4000+121.4900/`` (and the DDMM / DDMMSS forms) as lon, lat."""
    found = _ISO6709.fullmatch(text.strip()) if text else None
    if found is None:
        return None
    lat = _sexagesimal(found.group(2), 2) * (-1 if found.group(1) == "-" else 1)
    lon = _sexagesimal(found.group(4), 3) * (-1 if found.group(3) == "-" else 1)
    return _position(lon, lat)


def _sexagesimal(text: str, degree_digits: int) -> float:
    whole = text.partition(".")[0]
    extra = len(whole) - degree_digits  # 0: degrees, 2: DDMM, 4: DDMMSS
    if extra not in (0, 2, 4):
        return math.nan
    value = float(text) / math.pow(100, extra)
    degrees = int(value)
    if extra == 0:
        return value
    rest = (value - degrees) * 100
    if extra == 2:
        return degrees + rest / 60
    minutes = int(rest)
    return degrees + minutes / 60 + (rest - minutes) * 100 / 3600


def _pdf(path: Path, mime: str) -> Facts:
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 2048))
        tail = f.read()
    if b"%%EOF" not in tail:
        return Facts(
            EvidenceKind.DOCUMENT, mime, False, "PDF without %%EOF at its end (cut short?)"
        )
    return Facts(EvidenceKind.DOCUMENT, mime, True)


def _clean(value: str | None) -> str | None:
    """Text from inside a file, safe to keep and show (escaped, 128 at most)."""
    return shown(value)[:128] if value else None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return shown(text)[:200]
