"""Pictures in the real window: attach (button, drop, paste), remove, send with the next turn
(typed, push-to-talk, hands-free), refusals, bad files, thumbnails in the cards.

The window is assembled as the app does it and talks to the simulator on 127.0.0.1, which
answers about the picture it received; every client event it received passes the oracle.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from assistant.realtime import Dialect, ItemStatus, Message, Picture, Role
from assistant.settings.store import AppSettings
from assistant.ui.attachments import PictureReaders
from assistant.ui.chat_delegate import card_rect
from assistant.ui.chat_model import HTML_ROLE, THUMBNAILS_ROLE
from assistant.ui.chat_rows import RowKind
from assistant.ui.composer import Composer
from tests.oracle import validate_client_event
from tests.pictures import png, png_claiming
from tests.ui.rig import Rig, silence, voiced, window_rig
from tests.ui.test_translations import Commands
from tests.ui.test_window_text import type_message

VAD = AppSettings(turn_mode="server_vad")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def notice(rig: Rig) -> str:
    return str(rig.window.status.message.full_text)


def pending(rig: Rig) -> list[str]:
    return [picture.name for picture in rig.window.composer.strip.pictures]


def sent_images(rig: Rig) -> list[dict[str, Any]]:
    """The user items the simulator received that carry a picture."""
    items = [e["item"] for e in rig.sim.received if e["type"] == "conversation.item.create"]
    return [i for i in items if any(p["type"] == "input_image" for p in i.get("content", []))]


def drop(rig: Rig, mime: QMimeData) -> bool:
    window = rig.window
    point = QPointF(window.rect().center())
    action = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(point.toPoint()), action, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(window, QDropEvent(point, action, mime, buttons, keys))
    return True


def read(rig: Rig, attach: Callable[[], object]) -> int:
    """`attach()`, then wait until its pictures are read (on the worker thread); how many of
    them were attached."""
    with rig.qtbot.waitSignal(rig.window.composer.read) as done:
        attach()
    assert not rig.window.composer.reading
    return int(done.args[0])


def paste(rig: Rig) -> None:
    box = rig.window.composer.text_box
    box.setFocus()
    rig.qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_attach_with_the_button_send_and_the_reply_names_the_picture(
    qtbot: QtBot, qloop: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "cat.png", png(640, 480))
    asked: list[str] = []

    def chosen(*args: Any) -> tuple[list[str], str]:
        asked.append(args[3])
        return [str(path)], args[3]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", chosen)
    with window_rig(qtbot, qloop, audio=False) as rig:
        composer = rig.window.composer
        assert composer.attach_button.isEnabled()
        click = lambda: qtbot.mouseClick(composer.attach_button, Qt.MouseButton.LeftButton)  # noqa: E731
        assert read(rig, click) == 1
        assert "*.png" in asked[0] and "*.webp" in asked[0]
        assert pending(rig) == ["cat.png"] and composer.strip.isVisibleTo(rig.window)
        chip = composer.strip.chips[0]
        assert chip.remove_button.accessibleName() == "Remove cat.png"
        assert chip.thumb.pixmap().width() == 56  # a thumbnail, not the picture
        type_message(rig, "what is this?")
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT) and rig.rows_of(RowKind.ASSISTANT)[0].final)
        assert pending(rig) == [] and not composer.strip.isVisibleTo(rig.window)
        user, reply = rig.rows
        assert user.text == "what is this?" and [p.name for p in user.pictures] == ["cat.png"]
        assert "I received a PNG picture of 640 by 480 pixels" in reply.text
        assert "Picture: cat.png, 640x480" in rig.window.chat_model.index(0, 0).data()
        (item,) = sent_images(rig)
        parts = item["content"]
        assert [p["type"] for p in parts] == ["input_text", "input_image"]
        encoded = parts[1]["image_url"].split(",", 1)[1]
        assert base64.b64decode(encoded) == png(640, 480)  # within the limits: sent as it is
        for event in rig.sim.received:
            validate_client_event(event, "ga")


def test_a_picture_alone_is_sent_without_text(qtbot: QtBot, qloop: Any, tmp_path: Path) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        shot = write(tmp_path, "shot.png", png(300, 200))
        assert read(rig, lambda: rig.window.attach_files([shot])) == 1
        qtbot.mouseClick(rig.window.composer.send_button, Qt.MouseButton.LeftButton)
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT) and rig.rows_of(RowKind.ASSISTANT)[0].final)
        assert (
            rig.rows[1].text
            == "This is the offline demo; I received a PNG picture of 300 by 200 pixels."
        )
        (item,) = sent_images(rig)
        assert [p["type"] for p in item["content"]] == ["input_image"]
        assert pending(rig) == []


def test_send_pressed_while_pictures_are_read_waits_for_them(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    """Pictures are read on a worker thread: a Send meanwhile goes once they are in."""
    with window_rig(qtbot, qloop, audio=False) as rig:
        composer = rig.window.composer
        rig.window.attach_files([write(tmp_path, "late.png", png(90, 60))])
        composer.text_box.setText("and this?")
        assert composer.reading  # (the result can only arrive through the event loop)
        composer.send()
        assert composer.text_box.text() == "and this?" and not sent_images(rig)  # waiting
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT) and rig.rows_of(RowKind.ASSISTANT)[0].final)
        user = rig.rows_of(RowKind.USER)[0]
        assert user.text == "and this?" and [p.name for p in user.pictures] == ["late.png"]
        assert pending(rig) == [] and composer.text_box.text() == ""


def test_an_empty_send_sends_nothing(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        rig.window.composer.send()
        qtbot.wait(50)
        assert rig.rows == [] and not sent_images(rig)


def test_remove_takes_a_picture_off_and_the_keyboard_reaches_the_next(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        paths = [write(tmp_path, f"{n}.png", png(20 + n, 20)) for n in range(3)]
        assert read(rig, lambda: rig.window.attach_files(paths)) == 3
        strip = rig.window.composer.strip
        strip.chips[1].remove_button.setFocus()
        qtbot.keyClick(strip.chips[1].remove_button, Qt.Key.Key_Space)
        assert pending(rig) == ["0.png", "2.png"]
        assert strip.chips[1].remove_button.hasFocus()
        qtbot.mouseClick(strip.chips[0].remove_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(strip.chips[0].remove_button, Qt.MouseButton.LeftButton)
        assert pending(rig) == [] and not strip.isVisibleTo(rig.window)


def test_dropping_files_and_image_data_attaches_them(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        files = QMimeData()
        files.setUrls([QUrl.fromLocalFile(str(write(tmp_path, "a.png", png(40, 30))))])
        assert read(rig, lambda: drop(rig, files)) == 1
        data = QMimeData()
        data.setData("image/png", png(50, 60))
        assert read(rig, lambda: drop(rig, data)) == 1
        decoded = QMimeData()
        image = QImage(70, 20, QImage.Format.Format_RGB32)
        image.fill(0x3366AA)
        decoded.setImageData(image)
        assert read(rig, lambda: drop(rig, decoded)) == 1
        assert pending(rig) == ["a.png", "Pasted picture", "Pasted picture"]
        sizes = [(p.width, p.height) for p in rig.window.composer.strip.pictures]
        assert sizes == [(40, 30), (50, 60), (70, 20)]
        text = QMimeData()
        text.setText("just words")
        assert not drop(rig, text)  # not taken: no picture in it


def test_paste_attaches_an_image_or_image_files_and_text_pastes_as_before(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    clipboard = QGuiApplication.clipboard()
    with window_rig(qtbot, qloop, audio=False) as rig:
        image = QImage(33, 44, QImage.Format.Format_ARGB32)
        image.fill(0x80FF0000)
        clipboard.setImage(image)
        assert read(rig, lambda: paste(rig)) == 1
        assert pending(rig) == ["Pasted picture"]
        assert rig.window.composer.text_box.text() == ""
        files = QMimeData()
        files.setUrls([QUrl.fromLocalFile(str(write(tmp_path, "b.png", png(10, 10))))])
        clipboard.setMimeData(files)
        assert read(rig, lambda: paste(rig)) == 1
        assert pending(rig) == ["Pasted picture", "b.png"]
        clipboard.setText("hello")
        paste(rig)
        assert rig.window.composer.text_box.text() == "hello"
        link = QMimeData()
        link.setUrls([QUrl("https://example.com/cat.png")])
        link.setText("https://example.com/cat.png")
        clipboard.setMimeData(link)
        paste(rig)  # a web link is text, not a picture
        assert rig.window.composer.text_box.text() == "hellohttps://example.com/cat.png"
        assert len(pending(rig)) == 2
        clipboard.clear()


def test_push_to_talk_sends_the_pictures_before_the_spoken_turn(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    with window_rig(qtbot, qloop) as rig:
        read(rig, lambda: rig.window.attach_files([write(tmp_path, "c.png", png(64, 48))]))
        button = rig.window.talk.talk_button
        qtbot.mousePress(button, Qt.MouseButton.LeftButton)
        assert pending(rig) == []  # they went with the press
        rig.say(voiced(0.5))
        qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT) and rig.rows_of(RowKind.ASSISTANT)[0].final)
        kinds = [e["type"] for e in rig.sim.received]
        create = kinds.index("conversation.item.create")
        assert create < kinds.index("input_audio_buffer.commit")
        assert kinds.index("input_audio_buffer.clear") < create  # after the press cleared
        (item,) = sent_images(rig)
        assert [p["type"] for p in item["content"]] == ["input_image"]
        assert kinds.count("response.create") == 1  # the spoken turn asks for the reply
        pictures, spoken = rig.rows_of(RowKind.USER)
        assert [p.name for p in pictures.pictures] == ["c.png"] and spoken.spoken
        for event in rig.sim.received:
            validate_client_event(event, "ga")


def test_a_picture_read_while_the_talk_key_is_held_goes_before_the_spoken_turn(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    with window_rig(qtbot, qloop) as rig:
        composer, talk = rig.window.composer, rig.window.talk
        with qtbot.waitSignal(composer.read):
            rig.window.attach_files([write(tmp_path, "slow.png", png(64, 48))])
            talk.press()  # before the picture is made (it can only arrive through the loop)
            assert composer.reading and pending(rig) == []
        rig.wait(lambda: sent_images(rig) != [])  # sent as soon as it was made
        rig.say(voiced(0.5))
        talk.release()
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT) and rig.rows_of(RowKind.ASSISTANT)[0].final)
        kinds = [e["type"] for e in rig.sim.received]
        assert kinds.index("conversation.item.create") < kinds.index("input_audio_buffer.commit")
        pictures, spoken = rig.rows_of(RowKind.USER)
        assert [p.name for p in pictures.pictures] == ["slow.png"] and spoken.spoken
        late = write(tmp_path, "late.png", png(30, 30))
        read(rig, lambda: rig.window.attach_files([late]))  # after the turn: waits
        qtbot.wait(50)
        assert pending(rig) == ["late.png"] and len(sent_images(rig)) == 1


def test_hands_free_sends_the_pictures_when_the_user_starts_speaking(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    with window_rig(qtbot, qloop, settings=VAD) as rig:
        read(rig, lambda: rig.window.attach_files([write(tmp_path, "d.png", png(64, 48))]))
        rig.say(silence(0.3))
        qtbot.wait(50)
        assert pending(rig) == ["d.png"] and not sent_images(rig)  # silence is no turn
        rig.say(voiced(1.0))
        rig.wait(lambda: not pending(rig))
        rig.say(silence(0.6))
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT) and rig.rows_of(RowKind.ASSISTANT)[0].final)
        kinds = [e["type"] for e in rig.sim.received]
        assert len(sent_images(rig)) == 1
        assert "response.create" not in kinds  # the server's VAD answers the spoken turn
        users = rig.rows_of(RowKind.USER)
        assert users[0].pictures and users[1].spoken


@pytest.mark.parametrize(
    ("dialect", "reason"),
    [
        (Dialect.LIVE, "GPT-Live does not take pictures."),
        (Dialect.BETA, "Azure preview protocol does not take pictures"),
    ],
)
def test_a_protocol_without_pictures_refuses_them(
    qtbot: QtBot, qloop: Any, tmp_path: Path, dialect: Dialect, reason: str
) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        path = write(tmp_path, "e.png", png(30, 30))
        read(rig, lambda: rig.window.attach_files([path]))
        rig.window.set_provider("Other", "gpt-live", dialect)  # a switch with one pending
        composer = rig.window.composer
        assert reason in notice(rig) and "not sent" in notice(rig)
        assert pending(rig) == ["e.png"] and reason in composer.strip.note.text()
        assert not composer.attach_button.isEnabled()
        assert reason in composer.attach_button.toolTip()
        files = QMimeData()
        files.setUrls([QUrl.fromLocalFile(str(path))])
        rig.window.show_notice("")
        assert drop(rig, files)
        assert reason in notice(rig) and pending(rig) == ["e.png"]  # nothing more attached
        type_message(rig, "only words")
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT))
        assert not sent_images(rig) and pending(rig) == ["e.png"]  # kept, not sent
        rig.window.set_provider("OpenAI", "gpt-realtime", Dialect.GA)
        assert composer.attach_button.isEnabled() and composer.strip.note.isHidden()


@pytest.mark.parametrize(
    ("name", "data", "sentence"),
    [
        ("notes.txt", b"hello, not a picture", "notes.txt is not a picture the assistant can send"),
        (
            "broken.png",
            png(100, 100)[:60] + b"\0" * 40,
            "broken.png could not be read: the file is damaged.",
        ),
        ("huge.png", png_claiming(20_000, 20_000), "huge.png has too many pixels to send"),
        ("big.jpg", b"\xff\xd8" + b"\0" * (50 * 1024 * 1024), "big.jpg is too large to send"),
    ],
)
def test_bad_input_is_one_sentence_and_nothing_is_attached(  # noqa: PLR0917  (fixtures)
    qtbot: QtBot,
    qloop: Any,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    sentence: str,
) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        assert read(rig, lambda: rig.window.attach_files([write(tmp_path, name, data)])) == 0
        assert sentence in notice(rig)
        assert pending(rig) == []
        rig.window.composer.send()
        qtbot.wait(50)
        assert not sent_images(rig) and rig.rows == []
        assert "libpng" not in capfd.readouterr().err  # the sentence says it, not stderr


def test_thumbnails_in_the_card_and_a_missing_stored_picture(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        model, view = rig.window.chat_model, rig.window.chat_view
        here = Picture("here.png", "image/png", 400, 300, png(400, 300), file="i1-0.png")
        gone = Picture("gone.png", "image/png", 50, 50, file="i1-1.png")
        item = Message("i1", Role.USER, ItemStatus.COMPLETED, "look", pictures=(here, gone))
        read: list[str] = []

        def stored(picture: Picture) -> bytes | None:
            read.append(picture.name)
            return picture.data or None  # gone.png's file is missing

        model.read_picture = stored
        model.show_entries([item])
        view.fit_all_rows()
        waiting = model.index(0, 0).data(THUMBNAILS_ROLE)
        assert all(t is not None and t.isNull() for t in waiting)  # decoded off the GUI thread
        with qtbot.waitSignal(model.dataChanged):  # the row is drawn again when they are ready
            pass
        assert not model.thumbnail_cache.decoding
        thumbs = model.index(0, 0).data(THUMBNAILS_ROLE)
        assert thumbs[0] is not None and (thumbs[0].width(), thumbs[0].height()) == (160, 120)
        assert thumbs[1] is None  # the placeholder is drawn
        text_only = Message("i2", Role.USER, ItemStatus.COMPLETED, "look")
        model.add_item(text_only)
        view.fit_all_rows()
        assert view.rowHeight(0) >= view.rowHeight(1) + 120
        view.viewport().repaint()
        view.viewport().repaint()
        assert read == ["here.png", "gone.png"]  # decoded once, not per paint


def test_a_thumbnail_opens_larger_by_click_or_enter(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        model, view = rig.window.chat_model, rig.window.chat_view
        shown = Picture("big.png", "image/png", 900, 600, png(900, 600))
        gone = Picture("gone.png", "image/png", 50, 50, file="x-1.png")
        item = Message("i1", Role.USER, ItemStatus.COMPLETED, "look", pictures=(shown, gone))
        model.show_entries([item])
        view.fit_all_rows()
        index = model.index(0, 0)
        cell = view.visualRect(index)
        html = lambda: index.data(HTML_ROLE)  # noqa: E731
        row = model.row(0)
        left = card_rect(RowKind.USER, cell).left() + 20
        spots = [
            QPoint(x, y) for y in range(cell.top(), cell.bottom(), 4) for x in (left, left + 170)
        ]
        first = next(p for p in spots if view.delegate.picture_at(row, html, cell, p) == 0)
        second = next(p for p in spots if view.delegate.picture_at(row, html, cell, p) == 1)
        assert (
            view.delegate.picture_at(row, html, cell, QPoint(cell.left() + 30, cell.top() + 12))
            is None
        )
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)
        viewer = view.viewer
        assert viewer is not None and viewer.isVisible()
        assert viewer.windowTitle() == "big.png (900x600)"
        assert viewer.image.pixmap().width() <= 900 and not viewer.image.pixmap().isNull()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=second)
        assert viewer.windowTitle() == "gone.png (50x50)"
        assert "cannot be shown" in viewer.image.text()
        viewer.close()
        view.setFocus()
        view.setCurrentIndex(index)
        qtbot.keyClick(view, Qt.Key.Key_Return)
        assert viewer.isVisible() and viewer.windowTitle() == "big.png (900x600)"
        viewer.close()


def test_a_reader_that_fails_unexpectedly_is_one_sentence_and_nothing_attached(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug below the window (not a bad file, which has its own sentence) still ends in one
    plain sentence, and the composer stops waiting."""

    def broken(_: object, *__: object) -> Picture:
        raise RuntimeError("a bug in a reader")

    composer = Composer(Commands(), PictureReaders(broken, broken, broken))
    qtbot.addWidget(composer)
    said: list[str] = []
    composer.notice.connect(said.append)
    with qtbot.waitSignal(composer.read) as done:
        composer.attach_files([write(tmp_path, "fine.png", png(20, 20))])
    assert done.args == [0] and not composer.reading and len(composer.strip) == 0
    assert said == ["The pictures could not be read, so nothing was attached; the log says why."]
    assert "a bug in a reader" in caplog.text
