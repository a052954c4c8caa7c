#!/bin/sh
# Install OpModel Studio's desktop entry, icons and the .opmodel file type for this user
# (no administrator rights): double-clicking a session file then opens it in the app.
#
#   ./install.sh --user        install (again) for the current user
#   ./install.sh --uninstall   remove what --user installed
#
# The app itself stays in this folder; moving the folder means running --user again.
# Files go to $XDG_DATA_HOME (default ~/.local/share) and ~/.local/bin/opmodel (a link).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd -P)
DATA=${XDG_DATA_HOME:-"$HOME/.local/share"}
BIN_DIR="$HOME/.local/bin"
APP_ID=opmodel-studio
MIME_ICON=application-x-opmodel
SIZES="16 24 32 48 64 128 256"

usage() {
    echo "usage: $0 --user | --uninstall" >&2
    exit 2
}

refresh() {
    # Tell the desktop about the change; each tool is optional.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" >/dev/null 2>&1 || true
    fi
}

# The desktop entry, our MIME type, each icon and the command link, relative to $DATA.
installed_files() {
    echo "applications/$APP_ID.desktop"
    echo "mime/packages/$APP_ID.xml"
    echo "icons/hicolor/scalable/apps/$APP_ID.svg"
    echo "icons/hicolor/scalable/mimetypes/$MIME_ICON.svg"
    for size in $SIZES; do
        echo "icons/hicolor/${size}x${size}/apps/$APP_ID.png"
        echo "icons/hicolor/${size}x${size}/mimetypes/$MIME_ICON.png"
    done
}

install_user() {
    [ -x "$HERE/opmodel" ] || { echo "error: $HERE/opmodel not found: run install.sh from the unpacked bundle" >&2; exit 2; }
    for rel in $(installed_files); do
        src="$HERE/share/$rel"
        [ -f "$src" ] || { echo "error: $src missing: the bundle is incomplete" >&2; exit 2; }
    done
    for rel in $(installed_files); do
        mkdir -p "$(dirname "$DATA/$rel")"
        if [ "$rel" = "applications/$APP_ID.desktop" ]; then
            # Point the entry at this folder's binary (quoted: the path may have spaces).
            sed -e "s|^Exec=.*|Exec=\"$HERE/opmodel\" %f|" \
                -e "s|^TryExec=.*|TryExec=$HERE/opmodel|" \
                "$HERE/share/$rel" > "$DATA/$rel.tmp"
            mv "$DATA/$rel.tmp" "$DATA/$rel"
        else
            cp "$HERE/share/$rel" "$DATA/$rel"
        fi
    done
    mkdir -p "$BIN_DIR"
    ln -sfn "$HERE/opmodel" "$BIN_DIR/opmodel"
    # The app opens .opmodel files by default (the user's own choice list, if any, is kept).
    if command -v xdg-mime >/dev/null 2>&1; then
        xdg-mime default "$APP_ID.desktop" application/x-opmodel >/dev/null 2>&1 || true
    fi
    refresh
    echo "OpModel Studio installed for $(id -un): menu entry, icons and .opmodel files."
    echo "Command line: $BIN_DIR/opmodel (add $BIN_DIR to PATH if 'opmodel' is not found)."
}

uninstall_user() {
    for rel in $(installed_files); do
        rm -f "$DATA/$rel"
    done
    link="$BIN_DIR/opmodel"
    if [ -L "$link" ] && [ "$(readlink "$link")" = "$HERE/opmodel" ]; then
        rm -f "$link"
    fi
    refresh
    echo "OpModel Studio's desktop entry, icons and file type removed (the app folder stays)."
}

[ $# -eq 1 ] || usage
case "$1" in
    --user) install_user ;;
    --uninstall) uninstall_user ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) usage ;;
esac
