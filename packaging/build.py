"""Builds the desktop app for this platform: `python packaging/build.py [--deb]`.

    dist/realtime-assistant/                              the one-folder bundle (PyInstaller)
    dist/realtime-assistant-VERSION-PLATFORM-ARCH.tar.gz  the archive users unpack (Linux)
    dist/realtime-assistant-VERSION-PLATFORM-ARCH.zip     (Windows; macOS: the .app inside)
    dist/realtime-assistant_VERSION_ARCH.deb              with --deb (Debian/Ubuntu, dpkg-deb)

On Linux the bundle also gets `install.sh` (per-user install) and `share/` (the .desktop
entry, hicolor icons, AppStream metainfo), so the archive and the .deb hold the same files.
Needs the `package` extra (PyInstaller). Prints the time each step took and the sizes.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
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
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"],  # noqa: S607  # dpkg-deb needs dpkg anyway
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    installed_kib = sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) // 1024
    (root / "DEBIAN").mkdir()
    control = appinfo.deb_control(version, architecture, installed_kib)
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
