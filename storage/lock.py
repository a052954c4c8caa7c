"""One writer per session file: an advisory lock beside the file.

The writer holds an exclusive ``flock`` on ``.NAME.opmodel.lock`` in the session's folder
and writes who it is (host, process, since when) into it. The kernel drops the lock when
the process ends in any way, SIGKILL and power cut included, so a lock never outlives its
writer and nothing has to be deleted by hand: a lock file left behind by a killed writer
is simply taken over by the next one. Readers (``opmodel check``, ``export``, a window in
read-only mode) take no lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from storage.files import SessionFileError

if sys.platform == "win32":  # pragma: no cover - exercised by the Windows bundle build
    import msvcrt

    def _try_lock(handle: IO[Any]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[Any]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

    def _probe_free(handle: IO[Any]) -> bool:
        if not _try_lock(handle):
            return False
        _unlock(handle)
        return True

else:
    import fcntl

    def _try_lock(handle: IO[Any]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[Any]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _probe_free(handle: IO[Any]) -> bool:
        """True when nobody holds the lock (a shared probe never blocks a writer long)."""
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return True


def _host_name() -> str:
    """This computer's name, as the lock file records it (no socket module needed)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")


@dataclass(frozen=True)
class LockHolder:
    """Who holds a session file open for writing."""

    host: str = ""
    pid: int = 0
    since: str = ""  # local time, ISO format

    def describe(self) -> str:
        """``"open in another window on HOST since 14:02"`` (with what is known)."""
        text = "open in another window"
        if self.host:
            text += f" on {self.host}"
        if self.since:
            with contextlib.suppress(ValueError):
                text += f" since {datetime.fromisoformat(self.since):%H:%M}"
        return text


class SessionLockedError(SessionFileError):
    """The session file is held open for writing by another window or process."""

    def __init__(self, path: Path | str, holder: LockHolder) -> None:
        self.holder = holder
        super().__init__(path, f"is {holder.describe()}")


def lock_path(path: Path | str) -> Path:
    """The lock file of the session at ``path`` (hidden, beside it)."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


class WriterLock:
    """The exclusive right to write one session file. Release it with :meth:`release`."""

    def __init__(self, path: Path, handle: IO[Any]) -> None:
        self.path = path
        self._handle: IO[Any] | None = handle

    @classmethod
    def acquire(cls, session_path: Path | str) -> WriterLock:
        """Take the lock, or raise :class:`SessionLockedError` naming the holder.

        Raises :class:`OSError` when the lock file cannot be made (a read-only folder or
        medium): such a session can only be opened read-only.
        """
        path = lock_path(session_path)
        for _ in range(20):  # the holder may remove the file between our open and lock
            handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while held
            if not _try_lock(handle):
                holder = _read_holder(handle)
                handle.close()
                raise SessionLockedError(session_path, holder)
            if _same_file(handle, path):
                _write_holder(handle)
                return cls(path, handle)
            _unlock(handle)
            handle.close()
        raise OSError(f"{path}: the lock file keeps changing")

    @property
    def held(self) -> bool:
        """True until :meth:`release`."""
        return self._handle is not None

    def release(self) -> None:
        """Give the lock up and remove the lock file (safe to call twice)."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        with contextlib.suppress(OSError):  # removed while held: nobody can be mid-take
            self.path.unlink(missing_ok=True)
        try:
            _unlock(handle)
        finally:
            handle.close()


def lock_holder(session_path: Path | str) -> LockHolder | None:
    """Who holds the session at ``session_path`` for writing, or None when nobody does."""
    path = lock_path(session_path)
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115
    except OSError:
        return None
    try:
        if _probe_free(handle):
            return None
        return _read_holder(handle)
    finally:
        handle.close()


def _same_file(handle: IO[Any], path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    mine = os.fstat(handle.fileno())
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


def _write_holder(handle: IO[Any]) -> None:
    info = {
        "host": _host_name(),
        "pid": os.getpid(),
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(info))
        handle.flush()
    except OSError:
        pass  # the lock holds without the note; readers then say "another window"


def _read_holder(handle: IO[Any]) -> LockHolder:
    try:
        handle.seek(0)
        info = json.loads(handle.read(4096) or "{}")
    except (OSError, ValueError):
        return LockHolder()
    if not isinstance(info, dict):
        return LockHolder()
    host, pid, since = info.get("host"), info.get("pid"), info.get("since")
    return LockHolder(
        host=host[:100] if isinstance(host, str) else "",
        pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else 0,
        since=since[:40] if isinstance(since, str) else "",
    )
