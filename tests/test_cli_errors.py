"""Bad input of any kind: the real `opmodel` script exits 2 with exactly one line on stderr.

Every case runs the installed console script as a subprocess and checks that stderr is one
line without a traceback and that every file in the folder is byte-identical afterwards, with
no new file. Permission cases run the script without the administrator's permission override
(CAP_DAC_OVERRIDE) when the tests run as root, so a read-only folder is really read-only;
the disk-full case mounts a tiny tmpfs, which needs root.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cli.display import display_problem
from cli.main import main
from cli.terminal_text import escape_controls, escape_json_text

ROOT = Path(__file__).resolve().parent.parent
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ON_LINUX = sys.platform.startswith("linux")
HOSTILE = "Lead\x1b[2J\x1b]0;pwned\x07arrives\x9bX\x7f"


def _script() -> list[str]:
    """The installed `opmodel` console script (or the module when it is not installed)."""
    candidate = Path(sys.prefix) / "bin" / "opmodel"
    if candidate.exists():
        return [str(candidate)]
    found = shutil.which("opmodel")
    return [found] if found else [sys.executable, "-m", "cli"]


def opmodel(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    display: bool = True,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    environ.pop("OPMODEL_DEBUG", None)
    if not display:
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            environ.pop(name, None)
    environ.update(env or {})
    return subprocess.run(
        [*_script(), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        cwd=cwd or ROOT,
        timeout=180,
        env=environ,
        preexec_fn=preexec,
    )


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every entry of ``folder`` (hidden ones too): its mode and bytes (a link's target)."""
    state: dict[str, tuple[int, bytes]] = {}
    for entry in sorted(folder.rglob("*")):
        info = entry.lstat()
        if entry.is_symlink():
            content = os.readlink(entry).encode()
        elif entry.is_file():
            content = entry.read_bytes()
        else:
            content = b""
        state[str(entry.relative_to(folder))] = (info.st_mode, content)
    return state


def assert_refused(
    result: subprocess.CompletedProcess[str],
    folder: Path,
    before: dict[str, tuple[int, bytes]],
    *expected: str,
) -> str:
    """Exit 2, exactly one stderr line naming the problem, nothing printed, nothing changed."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("opmodel: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, (text, result.stderr)
    assert snapshot(folder) == before
    return result.stderr


@pytest.fixture(scope="module")
def sales(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A session from the sales template, made by `opmodel new`."""
    path = tmp_path_factory.mktemp("sales") / "sales.opmodel"
    result = opmodel("new", path, "--template", "sales")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def folder(tmp_path: Path, sales: Path) -> Path:
    """A work folder with a session and its interchange JSON."""
    shutil.copy(sales, tmp_path / "f.opmodel")
    result = opmodel("export", tmp_path / "f.opmodel", "-o", tmp_path / "f.json")
    assert result.returncode == 0, result.stderr
    return tmp_path


# -- the command line itself ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("arrange", "f.opmodel"), "unknown command 'arrange' (commands: new, import, export"),
        (("f.opmodel", "extra"), "unexpected argument 'extra'"),
        (("missing.txt",), "missing.txt: no such file"),
        (("--bogus",), "unrecognized arguments: --bogus"),
        (("export", "f.opmodel", "-o", "x.json", "--bogus"), "unrecognized arguments: --bogus"),
        (("export", "f.opmodel"), "required: -o/--output"),
        (("check", "f.opmodel", "--format", "xml"), "invalid choice: 'xml'"),
        (("new",), "required: FILE.opmodel"),
        (("export", "f.opmodel", "-o", "x.docx"), "cannot export to '.docx'"),
        (("export", "nothere.opmodel", "-o", "x.json"), "nothere.opmodel: no such file"),
        (("check", "f.json"), "f.json: is not an OpModel session file"),
        (("import", "f.opmodel", "-o", "n.opmodel"), "f.opmodel: not UTF-8 text"),
        (("import", "f.json", "-o", "f.opmodel"), "already exists (add --force"),
        (("new", "f.opmodel"), "already exists (add --force"),
        (("new", "n.opmodel", "--template", "nope"), "no template named 'nope'"),
        (("export", "f.opmodel", "-o", "nowhere/x.json"), "the folder nowhere does not exist"),
        (("export", "f.opmodel", "-o", "."), "cannot export to 'no extension'"),
        (("import", ".", "-o", "n.opmodel"), ".: "),
    ],
)
def test_bad_command_lines_exit_2_with_one_line(
    folder: Path, args: tuple[str, ...], expected: str
) -> None:
    before = snapshot(folder)
    assert_refused(opmodel(*args, cwd=folder), folder, before, expected)


def test_help_is_unchanged(folder: Path) -> None:
    result = opmodel("--help", cwd=folder)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("usage: opmodel") and "templates" in result.stdout
    result = opmodel("export", "--help", cwd=folder)
    assert result.returncode == 0 and "--stakeholder" in result.stdout


def test_unexpected_exception_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import model.templates

    def broken() -> list[object]:
        raise RuntimeError("the shelf\nfell over")

    monkeypatch.setattr(model.templates, "list_templates", broken)
    monkeypatch.delenv("OPMODEL_DEBUG", raising=False)
    assert main(["templates"]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        "opmodel: error: unexpected error: RuntimeError: the shelf\\x0afell over (please report)\n"
    )


# -- no display -------------------------------------------------------------------------------
@pytest.mark.skipif(not ON_LINUX, reason="the display check applies to X11/Wayland systems")
@pytest.mark.parametrize(
    ("args", "platform"),
    [(("f.opmodel",), None), ((), None), (("f.opmodel",), "xcb"), (("f.opmodel",), "wayland")],
)
def test_no_display_is_one_line_not_an_abort(
    folder: Path, args: tuple[str, ...], platform: str | None
) -> None:
    before = snapshot(folder)
    env = {"QT_QPA_PLATFORM": platform} if platform else None
    result = opmodel(*args, cwd=folder, display=False, env=env)
    assert_refused(
        result,
        folder,
        before,
        "no display: start it in a desktop session, or use QT_QPA_PLATFORM=offscreen",
    )


@pytest.mark.skipif(not ON_LINUX, reason="the display check applies to X11/Wayland systems")
def test_image_export_needs_no_display(folder: Path) -> None:
    result = opmodel(
        "export",
        "f.opmodel",
        "-o",
        "f.svg",
        cwd=folder,
        display=False,
        env={"QT_QPA_PLATFORM": "xcb"},
    )
    assert result.returncode == 0, result.stderr
    assert (folder / "f.svg").read_bytes().lstrip().startswith(b"<?xml")


def test_display_problem_rules() -> None:
    linux = "linux"
    assert display_problem({}, linux) is not None
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, linux) is not None
    assert display_problem({"QT_QPA_PLATFORM": "wayland-egl"}, linux) is not None
    assert display_problem({"DISPLAY": ":0"}, linux) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, linux) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, linux) is None
    assert display_problem({"QT_QPA_PLATFORM": "wayland;offscreen"}, linux) is None
    assert display_problem({}, "darwin") is None
    assert display_problem({}, "win32") is None


# -- the output is the input ------------------------------------------------------------------
def test_import_onto_its_own_input_is_refused(folder: Path) -> None:
    (folder / "sub").mkdir()
    before = snapshot(folder)
    for output in ("f.json", "./f.json", "sub/../f.json", str(folder / "f.json")):
        result = opmodel("import", "f.json", "-o", output, "--force", cwd=folder)
        assert_refused(result, folder, before, "is the input file")


def test_export_onto_its_own_input_is_refused(folder: Path) -> None:
    # a session file may carry any name, even one an export would write
    shutil.copy(folder / "f.opmodel", folder / "s.json")
    (folder / "link.json").symlink_to("f.opmodel")
    before = snapshot(folder)
    for source, output in (
        ("s.json", "s.json"),
        ("s.json", "./s.json"),
        (str(folder / "s.json"), "s.json"),
        ("f.opmodel", "link.json"),  # a symbolic link to the input
    ):
        result = opmodel("export", source, "-o", output, cwd=folder)
        assert_refused(result, folder, before, "is the input file")
    result = opmodel("export", "f.opmodel", "-o", "f.opmodel", cwd=folder)
    assert_refused(result, folder, before, "cannot export to '.opmodel'")


def test_hard_link_to_the_input_is_refused(folder: Path) -> None:
    os.link(folder / "f.json", folder / "same.json")
    before = snapshot(folder)
    result = opmodel("import", "f.json", "-o", "same.json", "--force", cwd=folder)
    assert_refused(result, folder, before, "is the input file")


# -- permissions ------------------------------------------------------------------------------
def _without_admin_override() -> None:
    """In the child: drop root's power to ignore file permissions (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH) from the capability bounding set, so exec'd programs lack it."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for capability in (1, 2):
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            os._exit(97)


@pytest.fixture
def as_user(tmp_path: Path) -> Callable[[], None] | None:
    """A preexec function under which permissions apply (None when not root: they do)."""
    if not IS_ROOT:
        return None
    if not ON_LINUX:
        pytest.skip("running as root outside Linux: cannot drop the permission override")
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o555)
    try:
        result = subprocess.run(
            ["/bin/sh", "-c", f"touch '{probe}/x'"],
            preexec_fn=_without_admin_override,
            capture_output=True,
            check=False,
        )
    finally:
        probe.chmod(0o755)
        shutil.rmtree(probe)
    if result.returncode != 1:  # 97: prctl refused; 0: the write went through
        pytest.skip(
            "running as root and this container does not let the test drop "
            f"CAP_DAC_OVERRIDE (probe exit {result.returncode}), so permissions are not real"
        )
    return _without_admin_override


@contextlib.contextmanager
def chmodded(path: Path, mode: int) -> Iterator[None]:
    old = stat.S_IMODE(path.stat().st_mode)
    path.chmod(mode)
    try:
        yield
    finally:
        path.chmod(old)


@pytest.mark.parametrize(
    "args",
    [
        ("export", "../f.opmodel", "-o", "out.json"),
        ("export", "../f.opmodel", "-o", "out.pdf"),
        ("export", "../f.opmodel", "-o", "out.png"),
        ("import", "../f.json", "-o", "new.opmodel"),
        ("new", "new.opmodel", "--template", "finance"),
    ],
)
def test_read_only_folder(folder: Path, as_user: Callable[[], None] | None, args: tuple) -> None:
    locked = folder / "locked"
    locked.mkdir()
    (locked / "out.json").write_text("previous", encoding="utf-8")
    with chmodded(locked, 0o555):
        before = snapshot(folder)
        result = opmodel(*args, cwd=locked, preexec=as_user)
        assert_refused(result, folder, before, "cannot write (the folder . is read-only)")


def test_read_only_file_in_a_writable_folder(
    folder: Path, as_user: Callable[[], None] | None
) -> None:
    target = folder / "out.json"
    target.write_text("previous", encoding="utf-8")
    with chmodded(target, 0o444):
        before = snapshot(folder)
        for args in (
            ("export", "f.opmodel", "-o", "out.json"),
            ("import", "f.json", "-o", "out.json", "--force"),
        ):
            result = opmodel(*args, cwd=folder, preexec=as_user)
            assert_refused(result, folder, before, "out.json: cannot write (the file is read-only)")


def test_folder_of_another_user(folder: Path, as_user: Callable[[], None] | None) -> None:
    """Write bits present, but not for us: permission denied, as the system says."""
    if not IS_ROOT:
        pytest.skip("needs root to make a folder that belongs to another user")
    theirs = folder / "theirs"
    theirs.mkdir(mode=0o755)
    os.chown(theirs, 65534, 65534)
    before = snapshot(folder)
    result = opmodel("export", "../f.opmodel", "-o", "out.json", cwd=theirs, preexec=as_user)
    assert_refused(result, folder, before, "permission denied: you may not change the folder .")


def test_unreadable_input(folder: Path, as_user: Callable[[], None] | None) -> None:
    with chmodded(folder / "f.json", 0o000), chmodded(folder / "f.opmodel", 0o000):
        before = snapshot(folder)
        result = opmodel("import", "f.json", "-o", "n.opmodel", cwd=folder, preexec=as_user)
        assert_refused(result, folder, before, "f.json: Permission denied")
        for args in (("check", "f.opmodel"), ("export", "f.opmodel", "-o", "x.json")):
            result = opmodel(*args, cwd=folder, preexec=as_user)
            error = assert_refused(result, folder, before, "f.opmodel: ")
            assert "permission denied" in error.lower()


# -- a full disk, a read-only file system -----------------------------------------------------
@contextlib.contextmanager
def tmpfs(mountpoint: Path, options: str) -> Iterator[Path]:
    if not (IS_ROOT and ON_LINUX):
        pytest.skip(
            "not root: mounting a tiny tmpfs to fill the disk needs root, so the disk-full "
            "and read-only-file-system cases are not exercised here"
        )
    mountpoint.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mountpoint)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"root, but mount -t tmpfs was refused: {mounted.stderr.strip()}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)


@pytest.mark.parametrize("name", ["out.pdf", "out.json", "out.png", "out.svg", "out.opmodel"])
def test_disk_full(folder: Path, name: str) -> None:
    with tmpfs(folder / "small", "size=16k,mode=0755") as small:
        previous = small / name
        previous.write_bytes(b"the previous file")
        before = snapshot(small)
        if name.endswith(".opmodel"):
            args: tuple[str, ...] = ("import", "../f.json", "-o", name, "--force")
        else:
            args = ("export", "../f.opmodel", "-o", name)
        result = opmodel(*args, cwd=small)
        assert_refused(result, small, before, f"disk full: no space left in {small}")
        assert result.stderr.startswith(f"opmodel: error: {name}: cannot write (disk full")


def test_read_only_file_system(folder: Path) -> None:
    with tmpfs(folder / "ro", "size=1m,mode=0755") as ro:
        (ro / "out.json").write_text("previous", encoding="utf-8")
        subprocess.run(["mount", "-o", "remount,ro", str(ro)], check=True)
        before = snapshot(ro)
        result = opmodel("export", "../f.opmodel", "-o", "out.pdf", cwd=ro)
        assert_refused(result, ro, before, "the folder . is on a read-only file system")


# -- control characters from the session ------------------------------------------------------
@pytest.fixture
def hostile(folder: Path) -> Path:
    """A session whose title, workflow name and a label carry terminal control sequences;
    the label is named by a finding (in the text and the JSON report)."""
    data = json.loads((folder / "f.json").read_text(encoding="utf-8"))
    data["workshop"]["title"] = f"Title {HOSTILE}"
    workflow = data["workflows"][0]
    workflow["name"] = f"Flow {HOSTILE}"
    workflow["elements"][1]["label"] = HOSTILE  # then cut off from the trigger: a finding
    trigger = workflow["elements"][0]["id"]
    workflow["connections"] = [c for c in workflow["connections"] if c["source"] != trigger]
    (folder / "hostile.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = opmodel("import", "hostile.json", "-o", "hostile.opmodel", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "hostile.opmodel"


RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\x7f", "\r")


def test_check_text_escapes_control_characters(hostile: Path) -> None:
    result = opmodel("check", hostile)
    assert result.returncode in (0, 1), result.stderr
    for char in RAW_CONTROLS:
        assert char not in result.stdout, repr(char)
    visible = escape_controls(HOSTILE)
    assert visible == "Lead\\x1b[2J\\x1b]0;pwned\\x07arrives\\x9bX\\x7f"
    assert f"Title {visible}" in result.stdout  # the heading
    assert f"[Flow {visible}]" in result.stdout
    assert f"“{visible}” is not on a path" in result.stdout  # the finding names the label
    assert "\n  " in result.stdout  # the report's own layout is kept


def test_check_json_escapes_control_characters_and_stays_valid(hostile: Path) -> None:
    result = opmodel("check", hostile, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    for char in RAW_CONTROLS:
        assert char not in result.stdout, repr(char)
    data = json.loads(result.stdout)  # still valid JSON, with the text as it was
    assert any(HOSTILE in text for text in _strings(data))
    assert "\\u009b" in result.stdout and "\\u001b" in result.stdout


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


def test_error_messages_and_paths_are_escaped(folder: Path) -> None:
    before = snapshot(folder)
    result = opmodel("export", "f.opmodel", "-o", "no\x1b]0;x\x07where/x.json", cwd=folder)
    assert_refused(result, folder, before, "no\\x1b]0;x\\x07where/x.json: cannot write")
    result = opmodel("lay\x1b[2Jout", "f.opmodel", cwd=folder)
    assert_refused(result, folder, before, "unknown command 'lay\\x1b[2Jout'")
    result = opmodel("export", "f.opmodel", "-o", "a\x9bb.json", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "exported f.opmodel to a\\x9bb.json\n"


def test_escape_helpers() -> None:
    assert escape_controls("a\tb\nc", keep_layout=True) == "a\tb\nc"
    assert escape_controls("a\tb\nc") == "a\\x09b\\x0ac"
    assert escape_controls("caf\udce9") == "caf\\xe9"  # an undecodable byte of a file name
    assert escape_controls("Łódź — ok") == "Łódź — ok"
    assert escape_json_text('"\x9b\x7f"') == '"\\u009b\\u007f"'
    assert json.loads(escape_json_text(json.dumps("\x9b\u2028", ensure_ascii=False))) == (
        "\x9b\u2028"
    )


# -- what an export leaves behind -------------------------------------------------------------
@pytest.mark.parametrize("name", ["out.json", "out.pdf", "out.png", "out.csv", "out.xlsx"])
def test_replaced_export_keeps_its_permissions(folder: Path, name: str) -> None:
    target = folder / name
    target.write_bytes(b"previous")
    target.chmod(0o640)
    result = opmodel("export", "f.opmodel", "-o", name, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() != b"previous"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    # a new file gets 0666 & ~umask
    fresh = folder / f"fresh{target.suffix}"
    result = opmodel(
        "export", "f.opmodel", "-o", fresh.name, cwd=folder, preexec=lambda: os.umask(0o027)
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    fresh.unlink()
    result = opmodel(
        "export", "f.opmodel", "-o", fresh.name, cwd=folder, preexec=lambda: os.umask(0o022)
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]


def test_export_through_a_symlink_keeps_the_link(folder: Path) -> None:
    (folder / "real.json").write_text("previous", encoding="utf-8")
    (folder / "link.json").symlink_to("real.json")
    result = opmodel("export", "f.opmodel", "-o", "link.json", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "link.json").is_symlink()
    assert json.loads((folder / "real.json").read_text(encoding="utf-8"))["format"] == "opmodel"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temp_files_of_dead_writers_are_removed(folder: Path) -> None:
    dead = folder / f".out.json.pid{_dead_pid()}.k3j9x0ab.part"
    other_dead = folder / f".report.pdf.pid{_dead_pid()}.zz_9x0ab.part"
    live = folder / f".out.json.pid{os.getpid()}.m2n8q7cd.part"
    unrelated = [folder / ".notes.part", folder / f".x.pid{_dead_pid()}.short.part"]
    for path in (dead, other_dead, live, *unrelated):
        path.write_bytes(b"partial")
    result = opmodel("export", "f.opmodel", "-o", "out.json", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert not dead.exists() and not other_dead.exists()
    assert live.read_bytes() == b"partial"  # its writer still runs
    assert all(path.exists() for path in unrelated)  # not our naming scheme: kept
    assert json.loads((folder / "out.json").read_text(encoding="utf-8"))["format"] == "opmodel"
