#!/usr/bin/env bash
# Linux packages of the built console folder (bash build/installer makes it):
#
#   bash build/package_linux.sh [DIST_FOLDER] [OUT_FOLDER]
#
# DIST_FOLDER defaults to build/out/dist/youyi-console, OUT_FOLDER to build/out.
# YOUYI_PACKAGE_FAST=1 compresses lightly (gzip -1; the test suite's build): the
# default (gzip -9 and xz) takes two minutes over the 600 MB folder.
# Makes, beside each other:
#   youyi-console-<version>-linux-<arch>.tar.gz  the folder, a .desktop file, the
#       icon and install.sh (for one user, no root: ~/.local/opt, ~/.local/bin and
#       the menu; install.sh --uninstall takes it away);
#   youyi-console_<version>_<debian arch>.deb    when dpkg-deb is there: /opt/youyi-console,
#       /usr/bin/youyi-console, the menu entry and the icon for every user.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(cd "${1:-build/out/dist/youyi-console}" && pwd)
out=${2:-build/out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -x "$dist/youyi-console" ] || { echo "package: no executable $dist/youyi-console" >&2; exit 2; }
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' console/__init__.py)
[ -n "$version" ] || { echo "package: no version in console/__init__.py" >&2; exit 2; }
arch=$(uname -m)
icon=resources/icons/youyi-console.svg

# The menu entry; Exec is the installed path, written by whoever installs.
desktop_entry() {
    cat << EOF
[Desktop Entry]
Type=Application
Version=1.5
Name=Youyi Operations Console
Name[zh_CN]=友谊路街道城运中心
GenericName=Operations centre console
GenericName[zh_CN]=城运中心操作台
Comment=Camera wall, alarms on the nine-grid map and work orders
Comment[zh_CN]=视频墙、九宫格地图告警与工单
Exec=$1
Icon=youyi-console
Terminal=false
Categories=Office;Monitor;
Keywords=城运;工单;告警;监控;
StartupWMClass=youyi-console
EOF
}

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# --- the tarball, for one user ---------------------------------------------------
name=youyi-console-$version-linux-$arch
top=$stage/$name
mkdir -p "$top"
cp -a "$dist" "$top/youyi-console"
cp "$icon" "$top/youyi-console.svg"
desktop_entry '@EXEC@' > "$top/youyi-console.desktop"
cat > "$top/install.sh" << 'EOF'
#!/bin/sh
# Install the console for this user (no root), or take it away with --uninstall.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
opt=$HOME/.local/opt/youyi-console
bin=$HOME/.local/bin
apps=${XDG_DATA_HOME:-$HOME/.local/share}/applications
icons=${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps
if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$opt" "$bin/youyi-console" "$apps/youyi-console.desktop" "$icons/youyi-console.svg"
    echo "removed youyi-console"
    exit 0
fi
mkdir -p "$(dirname "$opt")" "$bin" "$apps" "$icons"
rm -rf "$opt"  # an older version
cp -a "$here/youyi-console" "$opt"
ln -sf "$opt/youyi-console" "$bin/youyi-console"
sed "s|@EXEC@|$opt/youyi-console|" "$here/youyi-console.desktop" > "$apps/youyi-console.desktop"
cp "$here/youyi-console.svg" "$icons/youyi-console.svg"
echo "installed: $opt (command: $bin/youyi-console; menu: Youyi Operations Console)"
EOF
chmod 755 "$top/install.sh"
tarball=$out/$name.tar.gz
if [ "${YOUYI_PACKAGE_FAST:-}" = 1 ]; then gz="gzip -1"; deb_z=(-Zgzip -z1); else
    gz="gzip -9"; deb_z=(-Zxz); fi
tar -C "$stage" -I "$gz" -cf "$tarball" "$name"
echo "package: $tarball ($(du -h "$tarball" | cut -f1))"

# --- the .deb, for every user --------------------------------------------------
if ! command -v dpkg-deb > /dev/null; then
    echo "package: no dpkg-deb here, no .deb made"
    exit 0
fi
deb_arch=$(dpkg --print-architecture 2> /dev/null || echo amd64)
root=$stage/deb
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/scalable/apps"
cp -a "$dist" "$root/opt/youyi-console"
ln -s /opt/youyi-console/youyi-console "$root/usr/bin/youyi-console"
desktop_entry /opt/youyi-console/youyi-console > "$root/usr/share/applications/youyi-console.desktop"
cp "$icon" "$root/usr/share/icons/hicolor/scalable/apps/youyi-console.svg"
size=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" << EOF
Package: youyi-console
Version: $version
Architecture: $deb_arch
Maintainer: Youyi Road City Operations Center <ops@example.invalid>
Installed-Size: $size
Section: misc
Priority: optional
Depends: libxcb-cursor0, libxkbcommon-x11-0, libegl1, libfontconfig1, libdbus-1-3
Recommends: fonts-noto-cjk
Description: Operations-centre console of the Youyi Road sub-district
 Camera wall (libVLC bundled), alarms from elevators, arc-fault sensors and
 eagle-eye cameras on the nine-grid map, and work orders on a shared database.
EOF
deb=$out/youyi-console_${version}_$deb_arch.deb
dpkg-deb --root-owner-group "${deb_z[@]}" --build "$root" "$deb" > /dev/null
echo "package: $deb ($(du -h "$deb" | cut -f1))"
