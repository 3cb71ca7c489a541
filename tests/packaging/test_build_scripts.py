"""The pieces of the build that run without PyInstaller: which Qt files are kept, the PortAudio
runtime hook, and the Linux desktop files with install.sh on a stand-in bundle.

The real bundle is built and checked by scripts/package-check.sh (the CI packaging step).
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.helpers import PACKAGING, load

qtplugins = load("qtplugins")
PLUGINS = "site-packages/PySide6/Qt/plugins"


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        (f"{PLUGINS}/platforms/libqxcb.so", True),
        (f"{PLUGINS}/platforms/libqwayland.so", True),
        (f"{PLUGINS}/platforms/libqoffscreen.so", True),
        (f"{PLUGINS}/platforms/qwindows.dll", True),
        (f"{PLUGINS}/platforms/libqcocoa.dylib", True),
        (f"{PLUGINS}/platforms/libqvnc.so", False),
        (f"{PLUGINS}/platformthemes/libqgtk3.so", False),
        (f"{PLUGINS}/platformthemes/libqxdgdesktopportal.so", True),
        (f"{PLUGINS}/imageformats/libqsvg.so", True),
        (f"{PLUGINS}/imageformats/libqjpeg.so", False),
        (f"{PLUGINS}/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        (f"{PLUGINS}/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        (f"{PLUGINS}/wayland-shell-integration/libxdg-shell.so", True),
        (f"{PLUGINS}/sqldrivers/libqsqlite.so", False),
        (f"{PLUGINS}/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/translations/qtbase_ja.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("assistant/ui/translations/realtime_assistant_ja.qm", True),
    ],
)
def test_only_the_qt_plugins_and_translations_the_app_uses_are_kept(path: str, kept: bool) -> None:
    assert qtplugins.wanted(path) is kept


def test_the_runtime_hook_finds_the_bundled_portaudio_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "libportaudio.so.2").write_bytes(b"")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(ctypes.util, "find_library", ctypes.util.find_library)  # restored after
    source = (PACKAGING / "pyi_rth_portaudio.py").read_text(encoding="utf-8")
    exec(compile(source, "pyi_rth_portaudio.py", "exec"), {})  # noqa: S102  # as PyInstaller does
    assert ctypes.util.find_library("portaudio") == str(tmp_path / "libportaudio.so.2")
    assert ctypes.util.find_library("c") is not None  # other libraries: the system's search
    (tmp_path / "libportaudio.so.2").unlink()
    assert ctypes.util.find_library("portaudio") != str(tmp_path / "libportaudio.so.2")


def fake_bundle(tmp_path: Path) -> Path:
    """A folder shaped like the bundle, with a shell script standing in for the executable."""
    bundle = tmp_path / "dist" / "realtime-assistant"
    bundle.mkdir(parents=True)
    executable = bundle / "realtime-assistant"
    executable.write_text("#!/bin/sh\necho stand-in 0.1.0\n", encoding="utf-8")
    executable.chmod(0o755)
    load("build").stage_linux(bundle)
    return bundle


def install(bundle: Path, home: Path, *args: str) -> str:
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    done = subprocess.run(  # noqa: S603
        ["bash", str(bundle / "install.sh"), *args],  # noqa: S607
        env=env, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return done.stdout


def test_install_sh_installs_for_the_user_and_uninstall_removes_it(tmp_path: Path) -> None:
    bundle, home = fake_bundle(tmp_path), tmp_path / "home"
    share, app = home / ".local" / "share", home / ".local" / "lib" / "realtime-assistant"
    assert "Installed Realtime Assistant" in install(bundle, home)
    command = home / ".local" / "bin" / "realtime-assistant"
    assert subprocess.run([command], capture_output=True, text=True, check=True).stdout.strip() == (  # noqa: S603
        "stand-in 0.1.0"
    )
    entry = (share / "applications" / "realtime-assistant.desktop").read_text(encoding="utf-8")
    assert f"Exec={app}/realtime-assistant\n" in entry
    for size in (16, 48, 256, 512):
        assert (share / f"icons/hicolor/{size}x{size}/apps/realtime-assistant.png").is_file()
    assert (share / "icons/hicolor/scalable/apps/realtime-assistant.svg").is_file()
    assert len(list((share / "metainfo").glob("*.metainfo.xml"))) == 1

    install(app, home, "--uninstall")
    assert not command.exists() and not app.exists()
    assert not list(share.rglob("realtime-assistant*"))


def user_data(home: Path) -> dict[str, bytes]:
    """Every file of the user's history, event logs, kept audio and settings, by path."""
    roots = [home / ".local/share/realtime-assistant", home / ".config/realtime-assistant"]
    return {
        str(f.relative_to(home)): f.read_bytes()
        for root in roots
        if root.exists()
        for f in sorted(root.rglob("*"))
        if f.is_file()
    }


def make_user_data(home: Path) -> dict[str, bytes]:
    data = home / ".local/share/realtime-assistant"
    files = {
        data / "history.sqlite3": b"SQLite format 3\x00" + bytes(range(256)),
        data / "history.sqlite3-wal": b"wal",
        data / "event-logs" / "2026-12-01.jsonl": b'{"type": "session.created"}\n',
        data / "audio" / "1" / "turn-1.flac": b"fLaC\x00",
        home / ".config/realtime-assistant/settings.json": b'{"voice": "marin"}',
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return user_data(home)


def legacy_install(bundle: Path, home: Path) -> None:
    """The layout versions up to 0.1 left: the program inside the user's data folder."""
    old = home / ".local/share/realtime-assistant"
    old.mkdir(parents=True, exist_ok=True)
    for entry in bundle.iterdir():
        target = old / entry.name
        if entry.is_dir():
            shutil.copytree(entry, target)
        else:
            shutil.copy2(entry, target)
    (old / "_internal").mkdir()
    (old / "_internal" / "libpython3.11.so").write_bytes(b"old")
    (home / ".local/bin").mkdir(parents=True, exist_ok=True)
    (home / ".local/bin/realtime-assistant").symlink_to(old / "realtime-assistant")


def test_install_upgrade_and_uninstall_keep_the_users_data_byte_for_byte(tmp_path: Path) -> None:
    bundle, home = fake_bundle(tmp_path), tmp_path / "home"
    before = make_user_data(home)
    install(bundle, home)
    assert user_data(home) == before
    install(bundle, home)  # the same version again (an upgrade in place)
    assert user_data(home) == before
    app = home / ".local/lib/realtime-assistant"
    assert "were kept" in install(app, home, "--uninstall")
    assert user_data(home) == before
    assert not app.exists()


def test_upgrading_the_old_layout_moves_the_program_and_keeps_the_data(tmp_path: Path) -> None:
    bundle, home = fake_bundle(tmp_path), tmp_path / "home"
    before = make_user_data(home)
    legacy_install(bundle, home)
    old = home / ".local/share/realtime-assistant"
    install(bundle, home)
    assert user_data(home) == before
    assert sorted(p.name for p in old.iterdir()) == ["audio", "event-logs", "history.sqlite3",
                                                      "history.sqlite3-wal"]  # fmt: skip
    command = home / ".local/bin/realtime-assistant"
    assert command.resolve() == home / ".local/lib/realtime-assistant/realtime-assistant"
    install(home / ".local/lib/realtime-assistant", home, "--uninstall")
    assert user_data(home) == before


def test_uninstalling_from_the_old_layout_keeps_the_data(tmp_path: Path) -> None:
    bundle, home = fake_bundle(tmp_path), tmp_path / "home"
    before = make_user_data(home)
    legacy_install(bundle, home)
    install(bundle, home, "--uninstall")
    assert user_data(home) == before
    assert not (home / ".local/share/realtime-assistant/_internal").exists()
