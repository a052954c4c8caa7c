"""The list of recently opened session files, kept in the user's settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "OpModel"
APPLICATION = "OpModel Studio"
#: Settings key holding the recent session paths, most recent first.
RECENT_KEY = "recent_sessions"


class RecentFiles:
    """Recently opened session files, most recent first, backed by :class:`QSettings`.

    Paths are stored resolved, so the same file reached two ways appears once. Files that no
    longer exist are left out of :meth:`paths` (they stay stored until the list is next
    changed, so a file on an unplugged drive comes back when the drive does).
    """

    def __init__(self, settings: QSettings | None = None, limit: int = 10) -> None:
        self._settings = settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)
        self._limit = max(1, limit)

    @property
    def settings(self) -> QSettings:
        """The user's settings this list is kept in (the theme is kept there too)."""
        return self._settings

    def paths(self) -> list[Path]:
        """Recent session files that still exist, most recent first."""
        return [path for path in self._stored() if path.is_file()]

    def add(self, path: Path) -> None:
        """Put ``path`` first in the list (once), dropping missing files and the oldest extra."""
        resolved = _resolve(path)
        others = [p for p in self.paths() if p != resolved]
        self._store([resolved, *others][: self._limit])

    def remove(self, path: Path) -> None:
        """Take ``path`` off the list (e.g. after it failed to open)."""
        resolved = _resolve(path)
        self._store([p for p in self._stored() if p != resolved])

    def clear(self) -> None:
        """Forget every recent file."""
        self._store([])

    def _stored(self) -> list[Path]:
        raw = self._settings.value(RECENT_KEY, [])
        if raw is None or raw == "":
            values: list[object] = []
        elif isinstance(raw, str):
            values = [raw]  # an INI file returns a one-item list as a plain string
        else:
            values = list(raw)
        seen: set[Path] = set()
        result = []
        for value in values:
            if not isinstance(value, str) or not value:
                continue
            path = Path(value)
            if path not in seen:
                seen.add(path)
                result.append(path)
        return result

    def _store(self, paths: list[Path]) -> None:
        self._settings.setValue(RECENT_KEY, [str(p) for p in paths])
        self._settings.sync()


def _resolve(path: Path) -> Path:
    return Path(path).expanduser().resolve()
