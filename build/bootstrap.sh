#!/usr/bin/env bash
# Install what the console needs and is missing, idempotently; fast when all is there.
#   - Debian packages: libVLC, Mosquitto, PostgreSQL, Xvfb, CJK fonts, Qt's X11 libraries
#   - .venv with the project and its dev tools (re-installed when pyproject.toml changes)
# Sourced by build/demo, build/test and build/installer; may also be run alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

DEBIAN_PACKAGES=(
    libvlc5 vlc-plugin-base vlc-plugin-video-output
    mosquitto mosquitto-clients
    postgresql postgresql-client
    xvfb xauth fonts-noto-cjk
    libxcb-icccm4 libxcb-cursor0 libxkbcommon-x11-0 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
    libegl1 libgl1 libfontconfig1 libdbus-1-3
    sqlite3
)

install_debian_packages() {
    if ! command -v dpkg-query > /dev/null || ! command -v apt-get > /dev/null; then
        echo "bootstrap: not a Debian system; install by hand: ${DEBIAN_PACKAGES[*]}" >&2
        return 0
    fi
    local missing=()
    for pkg in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2> /dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "bootstrap: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
}

make_venv() {
    local py=""
    for candidate in python3.11 python3.12 python3.13 python3; do
        if command -v "$candidate" > /dev/null \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
            py="$candidate"
            break
        fi
    done
    if [ -z "$py" ]; then
        echo "bootstrap: Python 3.11 or newer is needed" >&2
        return 1
    fi
    if [ ! -x "$ROOT/.venv/bin/python" ]; then
        echo "bootstrap: creating .venv with $py"
        "$py" -m venv "$ROOT/.venv" || {
            install_debian_packages_named python3-venv
            "$py" -m venv "$ROOT/.venv"
        }
    fi
    local stamp="$ROOT/.venv/.installed"
    if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
        echo "bootstrap: installing Python packages into .venv"
        "$ROOT/.venv/bin/python" -m pip install -q --upgrade pip
        "$ROOT/.venv/bin/python" -m pip install -q -e "$ROOT[dev]"
        touch "$stamp"
    fi
}

install_debian_packages_named() {
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

install_debian_packages
make_venv
