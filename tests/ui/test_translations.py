"""The Japanese translation: complete, current with the code, and used by the window."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assistant.app.connection import PROVIDER_LABEL
from assistant.controller import TurnMode
from assistant.realtime import Picture
from assistant.transport import LinkState, LinkStatus, openai
from assistant.transport.failures import network_failure
from assistant.ui import i18n
from assistant.ui.bridge import CoreBridge
from assistant.ui.problems import ProblemKind
from assistant.ui.window import MainWindow, WindowSetup

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "realtime_assistant_ja.ts"
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"


class Commands:
    mode = TurnMode.PUSH_TO_TALK

    def send_text(self, text: str, pictures: Sequence[Picture] = ()) -> str:
        return text + "".join(p.name for p in pictures)

    def add_pictures(self, pictures: Sequence[Picture]) -> str:
        return "".join(p.name for p in pictures)

    def press_to_talk(self) -> None: ...
    def release_to_talk(self) -> bool:
        return False

    def stop_reply(self) -> None: ...
    def set_mode(self, mode: TurnMode) -> None: ...
    def set_muted(self, muted: bool) -> None: ...


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[None]:
    translators = i18n.install(qapp, "ja")
    assert len(translators) == 2  # ours and Qt's own (standard buttons)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_every_string_has_a_japanese_translation() -> None:
    messages = list(ET.parse(TS).iter("message"))  # noqa: S314  (our own file)
    assert len(messages) > 100
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type")  # type: ignore[union-attr]
    ]
    assert unfinished == []


def marked_sources() -> list[str]:
    """The files `scripts/translations.sh` collects strings from (its `sources=(...)` line)."""
    script = (ROOT / "scripts" / "translations.sh").read_text()
    (line,) = [ln for ln in script.splitlines() if ln.startswith("sources=(")]
    patterns = line.removeprefix("sources=(").removesuffix(")").split()
    return sorted(str(p) for pattern in patterns for p in ROOT.glob(pattern))


def test_the_translation_file_is_current_with_the_code(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = marked_sources()
    assert any("transport" in s for s in sources) and any("settings" in s for s in sources)
    done = subprocess.run(  # noqa: S603  (our own tool and files)
        [str(LUPDATE), "-no-obsolete", *sources, "-ts", str(copy)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert "(0 new and" in done.stdout + done.stderr, "run scripts/translations.sh, translate"


def test_the_language_follows_the_setting_then_the_system() -> None:
    assert i18n.choose_language("ja", QLocale("en_US")) == "ja"
    assert i18n.choose_language("", QLocale("ja_JP")) == "ja"
    assert i18n.choose_language("", QLocale("de_DE")) == "en"
    assert i18n.choose_language("en", QLocale("ja_JP")) == "en"


@pytest.mark.usefixtures("japanese")
def test_the_window_speaks_japanese(qtbot: QtBot) -> None:
    bridge = CoreBridge()
    window = MainWindow(bridge, Commands(), WindowSetup("OpenAI", "gpt-realtime", microphone=None))
    qtbot.addWidget(window)
    bridge.on_link_status(LinkStatus(LinkState.FAILED))
    assert window.composer.send_button.text() == "送信"
    assert window.talk.talk_button.text() == "マイクなし: 下に入力してください"
    assert window.talk.mode_box.itemText(0) == "押して話す"
    assert "未接続" in window.status.link.text()
    assert window.cost.last_tokens.text() == "\u2014"
    bridge.on_connection_failed(network_failure(openai(), "refused").message)
    assert window.chat_model.index(0, 0).data() == (
        "問題: api.openai.com に接続できませんでした (refused)。"
        "インターネット接続とエンドポイントのアドレスを確認してください。"
    )
    row = window.problems.rows[ProblemKind.CONNECTION]
    assert row.label.text().startswith("api.openai.com に接続できませんでした")
    assert [b.text() for b in row.buttons.values()] == ["再試行", "設定を開く"]
    window.status.set_endpoint(PROVIDER_LABEL["demo"], "gpt-realtime")
    assert window.status.endpoint.text() == "オフラインデモ \u00b7 gpt-realtime"


@pytest.mark.usefixtures("japanese")
def test_the_silent_microphone_warning_is_translated() -> None:
    from assistant.app.audio import silent_text
    from assistant.audio.levels import SilentMicrophone

    text = silent_text(SilentMicrophone("USB mic", 3.0, 0))
    assert text.startswith("マイク USB mic は 3 秒間ゼロしか")
    assert "同じ値" in silent_text(SilentMicrophone("USB mic", 3.0, -1))


@pytest.mark.usefixtures("japanese")
def test_a_picture_that_cannot_be_attached_is_said_in_japanese(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from assistant.app.assembly import PICTURE_READERS
    from assistant.realtime import Dialect

    setup = WindowSetup("OpenAI", "gpt-realtime", microphone=None, pictures=PICTURE_READERS)
    window = MainWindow(CoreBridge(), Commands(), setup)
    qtbot.addWidget(window)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 30)
    with qtbot.waitSignal(window.composer.read) as done:  # (read on a worker thread)
        window.attach_files([broken])
    assert done.args == [0]
    assert (
        window.status.message.full_text
        == "画像 broken.png を読み込めませんでした。ファイルが壊れています。"
    )
    window.set_provider("OpenAI", "gpt-live-1", Dialect.LIVE)
    assert window.composer.attach_button.toolTip() == "GPT-Live は画像を受け付けません。"
