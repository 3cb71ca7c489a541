"""Builds the desktop app for this platform: `python packaging/build.py [--deb]`.

    dist/realtime-assistant/                              the one-folder bundle (PyInstaller)
    dist/realtime-assistant-VERSION-PLATFORM-ARCH.tar.gz  the archive users unpack (Linux)
    dist/realtime-assistant-VERSION-PLATFORM-ARCH.zip     (Windows; macOS: the .app inside)
    dist/realtime-assistant_VERSION_ARCH.deb              with --deb (Debian/Ubuntu, dpkg-deb)

On Linux the bundle also gets `install.sh` (per-user install), `share/` (the .desktop
entry, hicolor icons, AppStream metainfo), `LICENSE` and `THIRD-PARTY-NOTICES.md`, so the
archive and the .deb hold the same files. The .deb's libc6 dependency is the newest glibc
symbol version any file of the bundle needs (readelf), and its Installed-Size counts each
file rounded up to a KiB and each symlink and folder as one, as dpkg-gencontrol does.
Needs the `package` extra (PyInstaller). Prints the time each step took and the sizes.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import appinfo

ROOT = appinfo.ROOT
HERE = Path(__file__).resolve().parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
LINUX = HERE / "linux"
ICON_PNGS = ROOT / "assistant" / "ui" / "icons"
ICON_SVG = ROOT / "resources" / "icons" / "realtime-assistant.svg"
METAINFO = f"{appinfo.BUNDLE_ID}.metainfo.xml"
DEB_PREFIX = Path("opt") / appinfo.NAME
LEGAL = ("LICENSE", "THIRD-PARTY-NOTICES.md")  # at the top of the bundle (install.sh knows them)
DOC = Path("usr") / "share" / "doc" / appinfo.NAME
GLIBC_FLOOR = "2.17"  # when no file names a version (nothing dynamically linked)
_GLIBC = re.compile(r"\bName: GLIBC_(\d+(?:\.\d+)+)\b")


@contextmanager
def step(name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    print(f"== {name}: {time.perf_counter() - started:.1f} s", flush=True)


def pyinstaller() -> Path:
    """Run PyInstaller on the spec; the bundle folder."""
    spec = HERE / "realtime-assistant.spec"
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(WORK), str(spec)]
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603  # our own interpreter
    return DIST / appinfo.NAME


def strip_python(bundle: Path) -> None:
    """Drop the debug sections of the Python runtime (18 MB in libpython of a pyenv build).

    Only Python's own libraries: stripping the wheels' libraries (patched by auditwheel)
    breaks them (numpy's OpenBLAS: "ELF load command address/offset not page-aligned").
    """
    strip = shutil.which("strip")
    if strip is None:
        print("strip (binutils) not found: the Python runtime keeps its debug symbols")
        return
    internal = bundle / "_internal"
    files = [*internal.glob("libpython3*.so*"), *internal.glob("python3*/lib-dynload/*.so")]
    files = [f for f in files if f.is_file() and not f.is_symlink()]
    subprocess.run([strip, "--strip-debug", *map(str, files)], check=True)  # noqa: S603


def stage_linux(bundle: Path) -> None:
    """The desktop integration files, inside the bundle (for install.sh and the .deb)."""
    share = bundle / "share"
    shutil.rmtree(share, ignore_errors=True)
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    shutil.copy2(LINUX / f"{appinfo.NAME}.desktop", share / "applications")
    shutil.copy2(LINUX / METAINFO, share / "metainfo")
    for png in sorted(ICON_PNGS.glob(f"{appinfo.NAME}-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(png, folder / f"{appinfo.NAME}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(ICON_SVG, scalable / f"{appinfo.NAME}.svg")
    shutil.copy2(LINUX / "install.sh", bundle / "install.sh")
    for name in LEGAL:
        shutil.copy2(ROOT / name, bundle / name)


def glibc_versions(readelf_output: str) -> set[tuple[int, ...]]:
    """The GLIBC_x.y versions named in the "Version needs" sections of `readelf -V` output
    (what the files require; their own version definitions do not count)."""
    needed: set[tuple[int, ...]] = set()
    in_needs = False
    for line in readelf_output.splitlines():
        if line.startswith(("Version needs section", "Version definition section", "Version sym")):
            in_needs = line.startswith("Version needs section")
        elif line.startswith("File: "):
            in_needs = False  # the next file's header (readelf with several files)
        elif in_needs and (found := _GLIBC.search(line)):
            needed.add(tuple(int(part) for part in found.group(1).split(".")))
    return needed


def glibc_minimum(files: Iterable[Path]) -> str:
    """The oldest glibc the ELF files among `files` can run on, as "2.36"."""
    elves = [f for f in files if f.is_file() and not f.is_symlink() and _is_elf(f)]
    readelf = shutil.which("readelf")
    if readelf is None:
        raise RuntimeError("readelf (binutils) is needed to find the glibc the bundle needs")
    versions: set[tuple[int, ...]] = set()
    for start in range(0, len(elves), 200):
        done = subprocess.run(  # noqa: S603  # binutils on our own build output
            [readelf, "-V", "--wide", *map(str, elves[start : start + 200])],
            check=False, capture_output=True, text=True, errors="replace",
        )  # fmt: skip
        versions |= glibc_versions(done.stdout)
    if not versions:
        return GLIBC_FLOOR
    return ".".join(map(str, max(versions)))


def _is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def installed_size_kib(root: Path) -> int:
    """Installed-Size as dpkg-gencontrol computes it: each regular file rounded up to a KiB,
    each symlink and folder one KiB (a symlink is never counted as the file it points to)."""
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink() or path.is_dir():
            total += 1
        elif path.is_file():
            total += max(1, math.ceil(path.stat().st_size / 1024))
    return total


def archive(bundle: Path, version: str) -> Path:
    """tar.gz on Linux, zip elsewhere; the folder inside is named like the bundle."""
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, "other")
    stem = f"{appinfo.NAME}-{version}-{system}-{platform.machine().lower()}"
    if sys.platform == "linux":
        path = DIST / f"{stem}.tar.gz"
        with tarfile.open(path, "w:gz", compresslevel=6) as tar:
            tar.add(bundle, arcname=bundle.name)
        return path
    path = DIST / f"{stem}.zip"
    if sys.platform == "darwin":  # ditto keeps the .app's symlinks and extended attributes
        app = DIST / f"{appinfo.TITLE}.app"
        command = ["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(app), str(path)]
        subprocess.run(command, check=True)  # noqa: S603
        return path
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zip_file:
        for file in sorted(bundle.rglob("*")):
            zip_file.write(file, file.relative_to(bundle.parent))
    return path


def deb(bundle: Path, version: str) -> Path:
    """A .deb: the bundle in /opt, a command in /usr/bin, desktop files in /usr/share."""
    root = WORK / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(bundle, root / DEB_PREFIX, symlinks=True)
    shutil.copytree(bundle / "share", root / "usr" / "share")
    shutil.rmtree(root / DEB_PREFIX / "share")
    (root / DEB_PREFIX / "install.sh").unlink()  # the package manager installs this one
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / appinfo.NAME).symlink_to(f"/{DEB_PREFIX}/{appinfo.NAME}")
    (root / DOC).mkdir(parents=True)
    shutil.copy2(ROOT / "LICENSE", root / DOC / "copyright")
    shutil.copy2(ROOT / "THIRD-PARTY-NOTICES.md", root / DOC / "THIRD-PARTY-NOTICES.md")
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"],  # noqa: S607  # dpkg-deb needs dpkg anyway
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    installed_kib = installed_size_kib(root)
    glibc = glibc_minimum(root.rglob("*"))
    (root / "DEBIAN").mkdir()
    control = appinfo.deb_control(version, architecture, installed_kib, glibc)
    (root / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    path = DIST / f"{appinfo.NAME}_{version}_{architecture}.deb"
    command = ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root), str(path)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    return path


def size(path: Path) -> str:
    total = path.stat().st_size
    if path.is_dir():
        total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    return f"{total / 2**20:.1f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the bundle, the archive and the .deb.")
    parser.add_argument("--deb", action="store_true", help="also build a .deb (Linux)")
    parser.add_argument(
        "--no-pyinstaller", action="store_true", help="reuse dist/realtime-assistant as it is"
    )
    args = parser.parse_args()
    version = appinfo.version()
    os.chdir(ROOT)
    with step("PyInstaller bundle"):
        bundle = DIST / appinfo.NAME if args.no_pyinstaller else pyinstaller()
    if sys.platform == "linux":
        strip_python(bundle)
        stage_linux(bundle)
    outputs = [bundle]
    with step("archive"):
        outputs.append(archive(bundle, version))
    if args.deb:
        with step(".deb"):
            outputs.append(deb(bundle, version))
    for output in outputs:
        print(f"{output.relative_to(ROOT)}: {size(output)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
