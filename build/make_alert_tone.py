"""Writes resources/sounds/alert.wav: the alert queue's two-tone chime (~0.4 s).

Two bell-like notes (E6 then C6, each with a quick attack, an exponential decay
and a quieter octave partial), 22,050 Hz, 16-bit mono.  Run from the checkout:

    .venv/bin/python build/make_alert_tone.py
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050
NOTES = ((1318.5, 0.0, 0.24), (1046.5, 0.16, 0.40))  # Hz, start s, end s
PEAK = 0.55  # of full scale: audible in a control room, not startling
ATTACK_S = 0.006
DECAY_PER_S = 11.0
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "alert.wav"


def sample(t: float) -> float:
    value = 0.0
    for freq, start, end in NOTES:
        if start <= t < end:
            local = t - start
            envelope = min(1.0, local / ATTACK_S) * math.exp(-DECAY_PER_S * local)
            fade = min(1.0, (end - t) / 0.02)  # no click at the note's end
            tone = math.sin(2 * math.pi * freq * local)
            tone += 0.3 * math.sin(2 * math.pi * 2 * freq * local)
            value += envelope * fade * tone / 1.3
    return max(-1.0, min(1.0, value * PEAK))


def main(out: Path = OUT) -> Path:
    length = max(end for _f, _s, end in NOTES)
    frames = b"".join(
        struct.pack("<h", round(sample(i / RATE) * 32767)) for i in range(int(length * RATE))
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(frames)
    return out


if __name__ == "__main__":
    path = main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {path} ({path.stat().st_size} bytes)")
