#!/usr/bin/env python3
"""Generate the demo district's camera clips (DEMO DATA, made up) with ffmpeg.

One pair per camera of resources/demo/cameras.csv: a sub stream (320x180, 10 fps) that
the wall's tiles play and a main stream (1280x720, 15 fps) for a full-screen tile. Each
clip is a 6-second loop in the camera's own colour: the camera id, a clock (the clip's
running time) and a test card moving on a closed path, so the loop has no jump but the
clock. H.264 (yuv420p, keyframe every second or so) in MP4 with the index up front.

    python build/make_demo_video.py            # make what is missing in resources/demo/video
    python build/make_demo_video.py --force    # make all again
    python build/make_demo_video.py --out DIR --only sub

Also writes clips.csv (id, colour, sub, main) beside the clips: the tests read the colour
from it to check that a tile shows the right clip.
"""

from __future__ import annotations

import argparse
import colorsys
import csv
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CAMERAS = ROOT / "resources" / "demo" / "cameras.csv"
OUT = ROOT / "resources" / "demo" / "video"
SECONDS = 6
GOLDEN_ANGLE = 137.508


@dataclass(frozen=True)
class Profile:
    name: str
    width: int
    height: int
    fps: int
    crf: int
    gop: int


PROFILES = {
    "sub": Profile("sub", 320, 180, 10, 30, 10),
    "main": Profile("main", 1280, 720, 15, 32, 45),
}


def camera_ids(path: Path = CAMERAS) -> list[str]:
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [row["id"] for row in rows]


def colour(index: int) -> str:
    """A distinct, darkish colour per camera (hues a golden angle apart), as 0xRRGGBB."""
    hue = (index * GOLDEN_ANGLE) % 360 / 360
    r, g, b = colorsys.hsv_to_rgb(hue, 0.6, 0.5)
    return f"0x{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def font_option() -> str:
    """drawtext's font: a bold sans file when fontconfig finds one, else by name."""
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", "DejaVu Sans:style=Bold"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found and Path(found).is_file():
            return "fontfile=" + found.replace(":", r"\:")
    return "font=Sans"


def ffmpeg_command(camera: str, hexcolour: str, p: Profile, out: Path, font: str) -> list[str]:
    size = f"{p.width}x{p.height}"
    card = f"{p.width // 5}x{p.height // 5}"
    period = SECONDS
    scene = (
        f"[0][1]overlay=x='(W-w)/2+(W-w)/2*sin(2*PI*t/{period})'"
        f":y='(H-h)/2+(H-h)/2*cos(2*PI*t/{period / 2})'[v];"
        f"[v]drawtext={font}:text='{camera}':x=(w-tw)/2:y=h*0.08"
        f":fontsize={p.height // 6}:fontcolor=white:borderw=2,"
        f"drawtext={font}:text='%{{pts\\:hms}}':x=(w-tw)/2:y=h-th-h*0.06"
        f":fontsize={p.height // 9}:fontcolor=white:borderw=2"
    )
    return [
        "ffmpeg", "-v", "error", "-y",
        "-f", "lavfi", "-i", f"color=c={hexcolour}:size={size}:rate={p.fps}:duration={SECONDS}",
        "-f", "lavfi", "-i", f"testsrc=size={card}:rate={p.fps}:duration={SECONDS}",
        "-filter_complex", scene,
        "-c:v", "libx264", "-preset", "veryslow", "-crf", str(p.crf), "-g", str(p.gop),
        "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-an",
        "-metadata", f"title=DEMO DATA {camera} {p.name}",
        str(out),
    ]  # fmt: skip


def clip_name(camera: str, profile: str) -> str:
    return f"{camera}_{profile}.mp4"


def make(out_dir: Path, profiles: list[str], force: bool, jobs: int) -> int:
    if not shutil.which("ffmpeg"):
        print("make_demo_video: ffmpeg is missing (apt-get install ffmpeg)", file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    font = font_option()
    cameras = camera_ids()
    work = []
    for index, camera in enumerate(cameras):
        for name in profiles:
            target = out_dir / clip_name(camera, name)
            if force or not target.is_file():
                work.append((camera, colour(index), PROFILES[name], target))

    def run(item: tuple[str, str, Profile, Path]) -> str | None:
        camera, hexcolour, profile, target = item
        partial = target.with_suffix(".part.mp4")
        done = subprocess.run(ffmpeg_command(camera, hexcolour, profile, partial, font))
        if done.returncode != 0:
            partial.unlink(missing_ok=True)
            return f"{target.name}: ffmpeg exit {done.returncode}"
        partial.replace(target)
        return None

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        errors = [e for e in pool.map(run, work) if e]
    with (out_dir / "clips.csv").open("w", encoding="utf-8", newline="") as f:
        f.write("# DEMO DATA: made-up clips generated by build/make_demo_video.py\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["id", "colour", "sub", "main"])
        for index, camera in enumerate(cameras):
            writer.writerow(
                [
                    camera,
                    "#" + colour(index)[2:],
                    clip_name(camera, "sub"),
                    clip_name(camera, "main"),
                ]
            )
    for error in errors:
        print("make_demo_video:", error, file=sys.stderr)
    print(f"make_demo_video: {len(work) - len(errors)} clips made in {out_dir}")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the clips")
    parser.add_argument("--only", choices=sorted(PROFILES), help="one stream profile only")
    parser.add_argument("--force", action="store_true", help="make existing clips again")
    parser.add_argument("--jobs", type=int, default=2, help="ffmpeg processes at once")
    args = parser.parse_args(argv)
    profiles = [args.only] if args.only else list(PROFILES)
    return make(args.out, profiles, args.force, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
