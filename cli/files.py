"""Session files and outputs: refusing a target that cannot be written, reading, writing.

Every failure becomes a :class:`~cli.errors.CliError` naming the file and the reason.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

from cli.errors import CliError

if TYPE_CHECKING:
    from model.session import Session


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file: the same inode, or the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return os.path.abspath(a) == os.path.abspath(b)


def why_not_writable(path: Path, what: str) -> str | None:
    """Why ``path`` (a file or folder, named ``what`` in the reason) cannot be written.

    Without any write permission bit it counts as read-only even for an administrator,
    as in the PDF export; None when it can be written.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"{what} cannot be examined ({exc.strerror or exc})"
    if os.access(path, os.W_OK) and mode & 0o222:
        return None
    if _on_read_only_file_system(path):
        return f"{what} is on a read-only file system"
    if not mode & 0o222:
        return f"{what} is read-only"
    return f"permission denied: you may not change {what}"


def _on_read_only_file_system(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def check_target(path: Path, *, source: Path | None = None, force: bool | None = None) -> None:
    """Refuse an output that must not or cannot be written, before any work is done.

    ``source`` is the input, which is never overwritten; ``force`` (for session files)
    says whether an existing file may be replaced.
    """
    if source is not None and same_file(source, path):
        raise CliError(f"{path}: is the input file {source}; choose another output name")
    if path.is_dir():
        raise CliError(f"{path}: cannot write (it is a folder)")
    if force is False and (path.exists() or path.is_symlink()):
        raise CliError(f"{path}: already exists (add --force to replace it)")
    folder = path.parent
    if not folder.is_dir():
        raise CliError(f"{path}: cannot write (the folder {folder} does not exist)")
    problem = why_not_writable(folder, f"the folder {folder}")
    if problem is None and path.exists():
        problem = why_not_writable(path, "the file")
    if problem:
        raise CliError(f"{path}: cannot write ({problem})")


def _folder_name(path: Path) -> str:
    try:
        return os.path.dirname(os.path.abspath(path))
    except OSError:  # the working folder is gone
        return str(path.parent)


def cannot_write(path: Path, exc: OSError) -> CliError:
    """The one-line error for a failed write, the reason named plainly."""
    code = exc.errno
    plain = exc.strerror is None or code is None or exc.strerror == os.strerror(code)
    if code in (errno.ENOSPC, errno.EDQUOT):
        reason = f"disk full: no space left in {_folder_name(path)}"
    elif not plain:
        reason = str(exc.strerror)  # an explanation already (the PDF export's)
    elif code in (errno.EACCES, errno.EPERM):
        reason = f"permission denied in {_folder_name(path)}"
    elif code == errno.EROFS:
        reason = f"{_folder_name(path)} is on a read-only file system"
    elif code == errno.ENOENT:
        reason = f"the folder {path.parent} does not exist"
    elif code == errno.EISDIR:
        reason = "it is a folder"
    elif code == errno.ENAMETOOLONG:
        reason = "the name is too long"
    else:
        reason = exc.strerror or str(exc) or type(exc).__name__
    return CliError(f"{path}: cannot write ({reason})")


def cannot_read(path: Path, exc: OSError) -> CliError:
    """The one-line error for a failed read."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        reason = "permission denied"
    else:
        reason = exc.strerror or str(exc) or type(exc).__name__
    return CliError(f"{path}: cannot read ({reason})")


def read_session(path: Path) -> Session:
    """The session stored in ``path``; CliError when it cannot be read."""
    from storage.files import SessionFileError
    from storage.store import read_session

    try:
        return read_session(path)
    except SessionFileError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise cannot_read(path, exc) from None


def write_session(path: Path, session: object, force: bool) -> None:
    """Store ``session`` as the session file ``path``; CliError when it cannot be written."""
    import sqlite3

    from storage.files import SessionFileError
    from storage.store import write_session_file

    try:
        write_session_file(path, session, overwrite=force)  # type: ignore[arg-type]
    except SessionFileError as exc:  # e.g. the file is open in an app window
        raise CliError(str(exc)) from None
    except FileExistsError:
        raise CliError(f"{path}: already exists (add --force to replace it)") from None
    except OSError as exc:
        raise cannot_write(path, exc) from None
    except sqlite3.Error as exc:  # SQLite reports a full disk as "database or disk is full"
        code = errno.ENOSPC if "full" in str(exc).lower() else errno.EIO
        raise cannot_write(path, OSError(code, str(exc))) from None
