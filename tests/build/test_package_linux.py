"""build/package_linux.sh on a stand-in of the built folder (the real one is 520
MB and built by build/installer): the tarball's layout, its install.sh for one
user (and --uninstall), the menu entry, and the .deb's control and files."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from console import __version__

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    folder = tmp_path / "dist" / "youyi-console"
    (folder / "_internal" / "resources").mkdir(parents=True)
    exe = folder / "youyi-console"
    exe.write_text('#!/bin/sh\necho youyi-console stand-in "$@"\n')
    exe.chmod(0o755)
    return folder


def _package(dist: Path, out: Path) -> str:
    done = subprocess.run(
        ["bash", str(ROOT / "build" / "package_linux.sh"), str(dist), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_tarball_installs_for_one_user_and_uninstalls(dist: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    said = _package(dist, out)
    tarball = next(out.glob(f"youyi-console-{__version__}-linux-*.tar.gz"))
    assert str(tarball) in said
    with tarfile.open(tarball) as tar:
        names = set(tar.getnames())
        top = tar.getnames()[0].split("/")[0]
        tar.extractall(tmp_path / "unpacked", filter="tar")
    for part in ("youyi-console/youyi-console", "install.sh", "youyi-console.desktop",
                 "youyi-console.svg"):  # fmt: skip
        assert f"{top}/{part}" in names
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    installer = tmp_path / "unpacked" / top / "install.sh"
    subprocess.run(["sh", str(installer)], env=env, check=True, capture_output=True, timeout=60)
    entry = (home / ".local/share/applications/youyi-console.desktop").read_text()
    exe = home / ".local/opt/youyi-console/youyi-console"
    assert f"Exec={exe}\n" in entry and "Name[zh_CN]=友谊路街道城运中心" in entry
    assert (home / ".local/share/icons/hicolor/scalable/apps/youyi-console.svg").is_file()
    ran = subprocess.run([str(home / ".local/bin/youyi-console"), "--self-test"],
                         capture_output=True, text=True, check=True, timeout=30)  # fmt: skip
    assert "stand-in --self-test" in ran.stdout
    subprocess.run(["sh", str(installer), "--uninstall"], env=env, check=True,
                   capture_output=True, timeout=60)  # fmt: skip
    assert not exe.exists() and not (home / ".local/bin/youyi-console").exists()


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="no dpkg-deb on this machine")
def test_the_deb_puts_the_folder_in_opt_with_a_command_and_a_menu_entry(
    dist: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _package(dist, out)
    deb = next(out.glob(f"youyi-console_{__version__}_*.deb"))
    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "Package: youyi-console" in info and f"Version: {__version__}" in info
    assert "Depends: libxcb-cursor0" in info
    files = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    for path in ("./opt/youyi-console/youyi-console", "./usr/bin/youyi-console -> "
                 "/opt/youyi-console/youyi-console",
                 "./usr/share/applications/youyi-console.desktop",
                 "./usr/share/icons/hicolor/scalable/apps/youyi-console.svg"):  # fmt: skip
        assert path in files
    assert "root/root" in files  # owned by root whoever built it


def test_a_folder_without_the_executable_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        ["bash", str(ROOT / "build" / "package_linux.sh"), str(tmp_path), str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "no executable" in done.stderr
