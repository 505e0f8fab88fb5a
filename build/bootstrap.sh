#!/usr/bin/env bash
# Install what the console needs and is missing, idempotently; fast when all is there.
#   - Debian packages: libVLC, Mosquitto, PostgreSQL, Xvfb, CJK fonts, Qt's X11 libraries
#   - .venv with the project and its dev tools (re-installed when pyproject.toml changes)
# Sourced by build/demo and build/installer, run by build/test; may also be run alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

DEBIAN_PACKAGES=(
    python3-venv
    libvlc5 vlc-plugin-base vlc-plugin-video-output ffmpeg
    mosquitto mosquitto-clients
    postgresql postgresql-client sqlite3
    xvfb xauth fonts-noto-cjk
    libxcb-icccm4 libxcb-cursor0 libxkbcommon-x11-0 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
    libegl1 libgl1 libfontconfig1 libdbus-1-3
)

install_debian_packages() {
    if ! command -v dpkg-query > /dev/null || ! command -v apt-get > /dev/null; then
        echo "bootstrap: warning: no apt-get here; install by hand: ${DEBIAN_PACKAGES[*]}" >&2
        return 0
    fi
    # One dpkg-query for all: the installed ones, then the rest are missing.
    local installed missing=() pkg
    installed=" $(dpkg-query -W -f='${db:Status-Abbrev}${Package} ' "${DEBIAN_PACKAGES[@]}" \
        2> /dev/null | grep -o 'ii *[^ ]*' | awk '{printf "%s ", $2}' || true)"
    for pkg in "${DEBIAN_PACKAGES[@]}"; do
        [[ "$installed" == *" $pkg "* ]] || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    echo "bootstrap: apt-get update (missing: ${missing[*]})"
    "${sudo[@]}" apt-get update -qq
    # A package this release does not know is skipped with a warning, not fatal.
    local known=()
    for pkg in "${missing[@]}"; do
        if apt-cache show "$pkg" > /dev/null 2>&1; then
            known+=("$pkg")
        else
            echo "bootstrap: warning: no package $pkg here; skipped" >&2
        fi
    done
    [ ${#known[@]} -eq 0 ] && return 0
    echo "bootstrap: apt-get install ${known[*]}"
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${known[@]}" > /dev/null
}

make_venv() {
    local py="" candidate
    for candidate in python3.11 python3; do
        if command -v "$candidate" > /dev/null \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
            py="$candidate"
            break
        fi
    done
    if [ -z "$py" ]; then
        echo "bootstrap: Python 3.11 or newer is needed (python3.11 or python3)" >&2
        return 1
    fi
    if [ ! -x "$ROOT/.venv/bin/python" ]; then
        echo "bootstrap: creating .venv with $py ($("$py" --version))"
        "$py" -m venv "$ROOT/.venv"
    fi
    local stamp="$ROOT/.venv/.installed"
    if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
        echo "bootstrap: pip install -e '.[dev]' into .venv"
        "$ROOT/.venv/bin/python" -m pip install -q --upgrade pip
        "$ROOT/.venv/bin/python" -m pip install -q -e "$ROOT[dev]"
        # setuptools leaves its build metadata beside pyproject.toml; the installed
        # copy is in .venv (dist-info), so the top level keeps only the project's own.
        rm -rf "$ROOT"/*.egg-info
        touch "$stamp"
    fi
}

install_debian_packages
make_venv
