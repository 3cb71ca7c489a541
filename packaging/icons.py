"""Renders the app icon set from the hand-written SVG masters in resources/icons/.

    python packaging/icons.py          # writes the files below (commit them)
    python packaging/icons.py --check  # exit 1 if a committed file differs from a fresh render

Outputs:
  assistant/ui/icons/realtime-assistant-N.png  the hicolor sizes; shipped in the wheel and the
                                                bundle (the window uses them, like the .qm files)
  resources/icons/realtime-assistant.ico        Windows: PNG-compressed entries 16-256
  resources/icons/realtime-assistant.icns       macOS: PNG entries 16-1024 (1x and 2x)

Sizes up to 32 px come from realtime-assistant-small.svg (fewer, thicker bars that stay sharp);
the rest from realtime-assistant.svg. ICO and ICNS are containers of PNGs, written with struct.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
MASTERS = ROOT / "resources" / "icons"
PNG_DIR = ROOT / "assistant" / "ui" / "icons"
NAME = "realtime-assistant"
HICOLOR = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL_UP_TO = 32
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types: (OSType, pixel size). The 2x types are the Retina variants.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render(size: int) -> bytes:
    """The icon as PNG bytes at `size` x `size` pixels."""
    master = MASTERS / (f"{NAME}-small.svg" if size <= SMALL_UP_TO else f"{NAME}.svg")
    renderer = QSvgRenderer(str(master))
    if not renderer.isValid():
        raise SystemExit(f"{master} is not a valid SVG file.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding `pngs` (PNG entries, allowed since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding a PNG for every type in ICNS_TYPES."""
    body = b"".join(
        ostype + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for ostype, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def outputs() -> dict[Path, bytes]:
    """Every file this script writes, with its content."""
    sizes = sorted({*HICOLOR, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = {size: render(size) for size in sizes}
    files = {PNG_DIR / f"{NAME}-{size}.png": pngs[size] for size in HICOLOR}
    files[MASTERS / f"{NAME}.ico"] = ico({size: pngs[size] for size in ICO_SIZES})
    files[MASTERS / f"{NAME}.icns"] = icns(pngs)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    stale = []
    for path, content in outputs().items():
        if args.check:
            if not path.exists() or path.read_bytes() != content:
                stale.append(path.relative_to(ROOT))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        print(f"wrote {path.relative_to(ROOT)} ({len(content)} bytes)")
    del app
    if stale:
        print("Out of date (run python packaging/icons.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
