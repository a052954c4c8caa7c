"""Writing an output file all at once: a temporary file beside it, renamed into place.

The temporary file is hidden and names the process writing it:
``.NAME.pid1234.x8k2m0qz.part``. A writer killed mid-write (SIGKILL, a power cut) leaves
it behind; the next export into that folder removes every such file whose process is gone.

A file that is replaced keeps its permission bits (and, where allowed, its owner and
group); a new file gets ``0666 & ~umask`` like any file a program creates.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: A temporary file of :func:`atomic_output`: ``.NAME.pidPID.RANDOM.part`` (RANDOM is
#: the 8 characters ``tempfile.mkstemp`` adds).
PART_NAME = re.compile(r"^\..+\.pid(?P<pid>[0-9]{1,10})\.[a-z0-9_]{8}\.part$")
#: Longest part of the target's name kept in the temporary name (names have 255 bytes).
_NAME_KEPT = 150


@contextmanager
def atomic_output(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    If the body raises, the temporary file is removed and ``target`` is left as it was,
    so a failed export never leaves a partial file. A ``target`` that is a symbolic link
    stays one: the file it points to is replaced.
    """
    target = Path(target)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    folder = target.parent
    remove_stale_parts(folder)
    previous = _regular_file_stat(target)
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name[:_NAME_KEPT]}.pid{os.getpid()}.", suffix=".part", dir=folder
    )
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        _settle(temp, previous)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def write_atomically(target: Path | str, write: Callable[[Path], None]) -> None:
    """Call ``write(temp_path)`` and move the result to ``target`` only if it succeeds."""
    with atomic_output(target) as temp:
        write(temp)


def remove_stale_parts(folder: Path | str) -> list[Path]:
    """Remove the temporary files in ``folder`` left by writers that no longer run.

    Only names of the form :data:`PART_NAME` are considered, and only when the process
    they name is gone; returns the files removed. Does nothing outside POSIX systems,
    where a process cannot be probed safely.
    """
    removed: list[Path] = []
    if os.name != "posix":
        return removed
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = PART_NAME.match(entry.name)
        if match is None or _process_alive(int(match["pid"])):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists; unknown counts as alive (its file is kept)."""
    if pid <= 0 or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # PermissionError: it exists but belongs to another user
        return True
    return True


def _regular_file_stat(path: Path) -> os.stat_result | None:
    try:
        facts = path.stat()
    except OSError:
        return None
    return facts if stat.S_ISREG(facts.st_mode) else None


def _settle(temp: Path, previous: os.stat_result | None) -> None:
    """Flush ``temp`` and give it the permissions of the file it replaces (or a new file's)."""
    fd = os.open(temp, os.O_RDWR)
    try:
        os.fsync(fd)  # the data is on disk before the rename makes it the file
    finally:
        os.close(fd)
    if previous is None:
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        return
    if hasattr(os, "chown"):
        current = temp.stat()
        if (current.st_uid, current.st_gid) != (previous.st_uid, previous.st_gid):
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(temp, previous.st_uid, previous.st_gid)
    os.chmod(temp, stat.S_IMODE(previous.st_mode))  # after chown, which clears set-id bits


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
