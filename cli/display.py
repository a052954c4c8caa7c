"""Whether Qt can open a window here, checked before Qt is imported."""

from __future__ import annotations

import os
import sys

NO_DISPLAY = "no display: start it in a desktop session, or use QT_QPA_PLATFORM=offscreen"


def display_problem(
    environ: dict[str, str] | os._Environ[str] | None = None, platform: str | None = None
) -> str | None:
    """Why the desktop window cannot open here (no display), or None when it can.

    On Linux and other X11/Wayland systems Qt aborts the process (exit 134) when its
    platform plugin is xcb or wayland (the default) and there is no display to connect to.
    This is checked before Qt is imported. A display that is set but unreachable is not
    detected.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin", "cygwin") or platform.startswith("emscripten"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    requested = [
        part.split(":", 1)[0].strip().lower()
        for part in environ.get("QT_QPA_PLATFORM", "").split(";")
        if part.strip()
    ]
    if any(not name.startswith(("xcb", "wayland")) for name in requested):
        return None  # offscreen, minimal, eglfs, vnc…: Qt needs no display for these
    return NO_DISPLAY


def use_offscreen_qt() -> None:
    """Have Qt draw exports offscreen unless the user chose a platform that works here.

    An export needs no screen; offscreen also renders the same on every machine and does
    not abort when DISPLAY names a display that has gone away.
    """
    if "QT_QPA_PLATFORM" not in os.environ or display_problem() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
