"""The .deb's computed fields: the glibc the bundle needs, Installed-Size, the legal files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.helpers import ROOT, load

build = load("build")

READELF = """
File: /b/_internal/libfoo.so

Version symbols section '.gnu.version' contains 9 entries:
 000:   0 (*local*)       2 (GLIBC_2.2.5)   3 (GLIBC_2.36)

Version definition section '.gnu.version_d' contains 2 entries:
  000000: Rev: 1  Flags: BASE  Index: 1  Cnt: 1  Name: libfoo.so
  0x001c: Rev: 1  Flags: none  Index: 2  Cnt: 1  Name: GLIBC_9.99

Version needs section '.gnu.version_r' contains 2 entries:
 Addr: 0x0000000000000be0  Offset: 0x00000be0  Link: 7 (.dynstr)
  000000: Version: 1  File: libc.so.6  Cnt: 3
  0x0010:   Name: GLIBC_2.2.5  Flags: none  Version: 2
  0x0020:   Name: GLIBC_2.36  Flags: none  Version: 3
  0x0030:   Name: GLIBC_PRIVATE  Flags: none  Version: 4
  0x0040: Version: 1  File: libstdc++.so.6  Cnt: 1
  0x0050:   Name: GLIBCXX_3.4.30  Flags: none  Version: 5

File: /b/_internal/libbar.so

Version needs section '.gnu.version_r' contains 1 entry:
  000000: Version: 1  File: libm.so.6  Cnt: 1
  0x0010:   Name: GLIBC_2.29  Flags: none  Version: 2
"""


def test_only_the_versions_a_file_needs_count() -> None:
    assert build.glibc_versions(READELF) == {(2, 2, 5), (2, 36), (2, 29)}


@pytest.mark.skipif(not shutil.which("cc") or not shutil.which("readelf"), reason="no toolchain")
def test_the_minimum_is_the_newest_version_a_bundled_library_needs(tmp_path: Path) -> None:
    source = tmp_path / "needs.c"
    # reallocarray and getrandom came with glibc 2.26 and 2.25; the library needs the newer.
    source.write_text(
        "#include <stdlib.h>\n#include <sys/random.h>\n"
        "void *grow(void *p) { return reallocarray(p, 2, 8); }\n"
        "long seed(void *b) { return getrandom(b, 8, 0); }\n"
    )
    library = tmp_path / "bundle" / "_internal" / "libneeds.so"
    library.parent.mkdir(parents=True)
    subprocess.run(  # noqa: S603
        ["cc", "-shared", "-fPIC", "-o", str(library), str(source)],  # noqa: S607
        check=True,
    )
    (tmp_path / "bundle" / "README").write_text("not an ELF file")
    (tmp_path / "bundle" / "link.so").symlink_to(library)
    found = build.glibc_minimum((tmp_path / "bundle").rglob("*"))
    assert tuple(map(int, found.split("."))) >= (2, 26)
    system = os.confstr("CS_GNU_LIBC_VERSION")
    assert system is not None
    assert tuple(map(int, found.split("."))) <= tuple(map(int, system.split()[1].split(".")))
    assert build.glibc_minimum([tmp_path / "bundle" / "README"]) == build.GLIBC_FLOOR


def test_installed_size_counts_a_symlink_once_not_as_its_target(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "lib").mkdir(parents=True)
    (root / "lib" / "libbig.so.6.1").write_bytes(bytes(10 * 1024 * 1024))
    (root / "lib" / "libbig.so.6").symlink_to("libbig.so.6.1")
    (root / "lib" / "libbig.so").symlink_to("libbig.so.6")
    (root / "small").write_bytes(b"x")
    assert build.installed_size_kib(root) == 10 * 1024 + 1 + 1 + 1 + 1  # files, links, folder


def test_the_license_and_the_notices_are_in_the_repository() -> None:
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert license_text.startswith("MIT License")
    notices = (ROOT / "THIRD-PARTY-NOTICES.md").read_text(encoding="utf-8")
    for name in ("PySide6", "Qt", "pynput", "PortAudio", "numpy", "soxr", "websockets", "keyring"):
        assert name in notices
    assert "LGPL-3.0" in notices and "LGPL-2.1" in notices


def test_the_linux_bundle_gets_the_license_and_the_notices_at_its_top(tmp_path: Path) -> None:
    bundle = tmp_path / "realtime-assistant"
    bundle.mkdir()
    build.stage_linux(bundle)
    for name in ("LICENSE", "THIRD-PARTY-NOTICES.md"):
        assert (bundle / name).read_bytes() == (ROOT / name).read_bytes()
