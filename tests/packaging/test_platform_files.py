"""The files of the platforms we cannot build here (macOS, Windows) and the Linux metadata.

macOS: the Info.plist keys the spec passes to the .app (without NSMicrophoneUsageDescription
the microphone silently records nothing). Windows: the version resource carries
assistant.__version__. Linux: the .desktop entry and AppStream data validate and agree with
the app; the .deb declares the libraries the bundle leaves to the system.
"""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from assistant import __version__
from tests.packaging.helpers import PACKAGING, load

appinfo = load("appinfo")
SPEC = (PACKAGING / "realtime-assistant.spec").read_text(encoding="utf-8")
DESKTOP = PACKAGING / "linux" / "realtime-assistant.desktop"
METAINFO = PACKAGING / "linux" / f"{appinfo.BUNDLE_ID}.metainfo.xml"


def test_the_packages_take_the_version_of_the_python_package() -> None:
    assert appinfo.version() == __version__


def test_the_mac_app_asks_for_the_microphone_and_names_itself() -> None:
    plist = plistlib.loads(plistlib.dumps(appinfo.info_plist(__version__)))  # valid plist types
    assert len(plist["NSMicrophoneUsageDescription"]) > 40
    assert plist["CFBundleIdentifier"] == appinfo.BUNDLE_ID
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == __version__
    assert plist["CFBundleIconFile"] == "realtime-assistant.icns"
    assert plist["NSHighResolutionCapable"] is True
    assert tuple(int(n) for n in plist["LSMinimumSystemVersion"].split(".")) >= (13, 0)
    assert "info_plist=appinfo.info_plist(VERSION)" in SPEC
    assert "bundle_identifier=appinfo.BUNDLE_ID" in SPEC


def _version_resource(text: str) -> dict[str, Any]:
    """Evaluate PyInstaller's version-file syntax with constructors that record their args."""

    def record(kind: str) -> Any:
        return lambda *args, **kwargs: {"kind": kind, "args": args, **kwargs}

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable"]
    names += ["StringStruct", "VarFileInfo", "VarStruct"]
    return eval(text, {"__builtins__": {}}, {n: record(n) for n in names})  # type: ignore[no-any-return]  # noqa: S307  # our own generated text


def test_the_windows_version_resource_carries_the_package_version() -> None:
    resource = _version_resource(appinfo.windows_version_info(__version__))
    numbers = (*(int(n) for n in __version__.split(".")[:3]), 0)
    assert resource["ffi"]["filevers"] == resource["ffi"]["prodvers"] == numbers
    table = resource["kids"][0]["args"][0][0]["args"][1]
    strings = {struct["args"][0]: struct["args"][1] for struct in table}
    assert strings["ProductVersion"] == strings["FileVersion"] == __version__
    assert strings["OriginalFilename"] == "realtime-assistant.exe"
    assert "version=str(version_file)" in SPEC and "realtime-assistant.ico" in SPEC


def test_windows_version_numbers_ignore_suffixes() -> None:
    assert appinfo.version_tuple("1.2") == (1, 2, 0, 0)
    assert appinfo.version_tuple("0.3.1rc2+local") == (0, 3, 1, 0)
    with pytest.raises(ValueError, match="does not start with a number"):
        appinfo.version_tuple("dev")


def _desktop_entry() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def test_the_desktop_entry_starts_the_command_with_the_app_icon() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == entry["Icon"] == entry["StartupWMClass"] == appinfo.NAME
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Name"] == appinfo.TITLE and "Name[ja]" in entry


def test_the_metainfo_describes_this_release_and_launches_the_desktop_entry() -> None:
    root = ET.parse(METAINFO).getroot()  # noqa: S314  # our own file
    assert root.findtext("id") == appinfo.BUNDLE_ID
    assert root.findtext("launchable") == DESKTOP.name
    releases = [release.get("version") for release in root.iter("release")]
    assert __version__ in releases


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_the_desktop_entry_validates() -> None:
    done = subprocess.run(  # noqa: S603
        ["desktop-file-validate", str(DESKTOP)],  # noqa: S607
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="needs appstream")
def test_the_metainfo_validates() -> None:
    done = subprocess.run(  # noqa: S603
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],  # noqa: S607
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout


def test_the_deb_declares_the_libraries_the_bundle_leaves_to_the_system() -> None:
    control = appinfo.deb_control(__version__, "amd64", 1234, "2.36")
    fields = dict(line.split(": ", 1) for line in control.splitlines() if not line[0].isspace())
    assert fields["Package"] == appinfo.NAME and fields["Version"] == __version__
    assert fields["Installed-Size"] == "1234"
    depends = {d.split(" ")[0] for d in fields["Depends"].split(", ")}
    needed = {"libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libgl1", "libfontconfig1"}
    assert needed | {"libdbus-1-3", "libasound2", "libasound2-plugins"} <= depends
    assert "libc6 (>= 2.36)" in fields["Depends"].split(", ")
    assert control.endswith("\n") and "\n\n" not in control
