"""Pack the built bundle into the file a facilitator downloads.

    python3 packaging/archive.py               # pack dist/ for this system
    python3 packaging/archive.py --print-name  # only print the archive's path

* Linux:   ``dist/opmodel-studio-VERSION-linux-x86_64.tar.gz`` (one ``opmodel-studio/``
  folder; links and permissions kept)
* Windows: ``dist/opmodel-studio-VERSION-windows-x86_64.zip``
* macOS:   ``dist/opmodel-studio-VERSION-macos-arm64.dmg`` (``OpModel Studio.app``, made by
  ``hdiutil``)

The version comes from ``resources/about.py``. Standard library only.
"""

from __future__ import annotations

import argparse
import platform
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
FOLDER = "opmodel-studio"
APP = "OpModel Studio.app"


def version() -> str:
    """The app's version, from resources/about.py."""
    text = (ROOT / "resources" / "about.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("resources/about.py: no __version__")
    return match.group(1)


def system_name() -> tuple[str, str]:
    """(operating system, machine) as they appear in archive names."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return system, machine


def archive_path() -> Path:
    """Where the archive for this system goes."""
    system, machine = system_name()
    suffix = {"linux": ".tar.gz", "windows": ".zip", "macos": ".dmg"}[system]
    return DIST / f"{FOLDER}-{version()}-{system}-{machine}{suffix}"


def pack_tar(folder: Path, target: Path) -> None:
    """``folder`` as one top-level folder of a gzip tar file (symbolic links kept)."""
    partial = target.with_name(target.name + ".part")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=FOLDER)
    partial.replace(target)


def pack_zip(folder: Path, target: Path) -> None:
    """``folder`` as one top-level folder of a zip file."""
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, Path(FOLDER) / path.relative_to(folder))
    partial.replace(target)


def pack_dmg(app: Path, target: Path) -> None:
    """``app`` on a compressed disk image (macOS ``hdiutil``)."""
    target.unlink(missing_ok=True)
    command = ["hdiutil", "create", "-volname", "OpModel Studio", "-srcfolder", str(app)]
    subprocess.run([*command, "-ov", "-format", "UDZO", str(target)], check=True)


def main(argv: list[str] | None = None) -> int:
    """Pack the bundle of this system (or print where its archive goes)."""
    parser = argparse.ArgumentParser(description="Pack the built bundle for download.")
    parser.add_argument("--print-name", action="store_true", help="print the path only")
    options = parser.parse_args(argv)
    target = archive_path()
    if options.print_name:
        print(target)
        return 0
    system, _ = system_name()
    source = DIST / (APP if system == "macos" else FOLDER)
    if not source.exists():
        print(f"archive: {source} not found (build the bundle first)", file=sys.stderr)
        return 2
    {"linux": pack_tar, "windows": pack_zip, "macos": pack_dmg}[system](source, target)
    print(f"{target} ({target.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
