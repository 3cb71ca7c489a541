"""The icon set: PNG sizes in the package, and valid Windows .ico and macOS .icns containers.

The files are parsed here with struct, independently of packaging/icons.py, which writes them.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from assistant.ui.appicon import SIZES, icon_file
from tests.packaging.helpers import PACKAGING, ROOT

ICONS = ROOT / "resources" / "icons"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_package_has_every_hicolor_size_as_a_square_png() -> None:
    assert SIZES == (16, 24, 32, 48, 64, 128, 256, 512)
    for size in SIZES:
        assert png_size(icon_file(size).read_bytes()) == (size, size)


def test_the_svg_masters_are_square_svg_documents() -> None:
    for name in ("realtime-assistant.svg", "realtime-assistant-small.svg"):
        root = ET.parse(ICONS / name).getroot()  # noqa: S314  # our own file
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("viewBox") == "0 0 512 512"


def test_the_ico_holds_png_entries_from_16_to_256() -> None:
    data = (ICONS / "realtime-assistant.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        side = width or 256
        assert (width, planes, bits) == (height, 1, 32)
        assert png_size(data[offset : offset + length]) == (side, side)
        sizes.append(side)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_icns_holds_png_entries_up_to_1024_for_retina() -> None:
    data = (ICONS / "realtime-assistant.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    entries, position = {}, 8
    while position < len(data):
        ostype, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        entries[ostype.decode()] = png_size(data[position + 8 : position + length])[0]
        position += length
    assert position == len(data)
    assert entries == {
        "icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512,
        "ic10": 1024, "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512,
    }  # fmt: skip


def test_the_committed_files_are_what_the_masters_render_to() -> None:
    done = subprocess.run(  # noqa: S603  # our own script
        [sys.executable, str(PACKAGING / "icons.py"), "--check"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


WINDOW_ICON = """
import os
os.environ.update(QT_QPA_PLATFORM="offscreen", REALTIME_ASSISTANT_SMOKE_TEST="1")
from PySide6.QtWidgets import QApplication
from assistant.app.main import run_app
status = run_app(demo=True)
print(status, sorted(size.width() for size in QApplication.windowIcon().availableSizes()))
"""


def test_the_app_window_uses_the_icon(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if "API_KEY" not in k}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    done = subprocess.run(  # noqa: S603  # our own interpreter
        [sys.executable, "-c", WINDOW_ICON],
        env=env, capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.stdout.strip() == f"0 {list(SIZES)}", done.stderr
