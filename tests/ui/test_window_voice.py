"""Talking to the real window: a scripted microphone and speaker (FakeBackend), the simulator.

The simulator's VAD hears the synthetic vowel of `voiced()` as speech and transcribes a turn
as "(N seconds of speech)"; its reply comes as audio with a transcript.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assistant.controller import TurnState
from assistant.settings.store import AppSettings
from assistant.ui.chat_rows import RowKind
from tests.ui.rig import RATE, Rig, room_noise, silence, voiced, window_rig

VAD = AppSettings(turn_mode="server_vad")


def reply_done(rig: Rig, count: int = 1) -> bool:
    replies = rig.rows_of(RowKind.ASSISTANT)
    return len(replies) >= count and replies[count - 1].final


def test_a_spoken_turn_with_server_vad(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop, settings=VAD) as rig:
        states: list[TurnState] = []
        rig.app.bridge.turn_state_changed.connect(states.append)
        assert "Microphone live" in rig.window.meter._label(0)[0]
        rig.say(silence(0.2))
        frames = rig.window.meter.frames
        rig.say(voiced(1.0))
        rig.wait(lambda: max(rig.app.audio.microphone.meter.waveform()) > 0.1)  # what it draws
        rig.wait(lambda: rig.window.meter.frames > frames)  # repainted on its own timer
        rig.say(silence(0.6))
        rig.wait(lambda: reply_done(rig))
        rig.wait(lambda: rig.rows_of(RowKind.USER) and rig.rows_of(RowKind.USER)[0].text)
        user, reply = rig.rows
        assert user.spoken and user.text == "(1.0 seconds of speech)"
        assert reply.text.startswith("I heard about 1.0 seconds of speech.")
        assert states[:3] == [TurnState.LISTENING, TurnState.THINKING, TurnState.SPEAKING]


def test_speaking_during_the_reply_marks_where_the_user_cut_in(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop, settings=VAD) as rig:
        rig.say(voiced(1.0))
        rig.say(silence(0.6))
        rig.wait(lambda: reply_done(rig))
        rig.play(blocks=40)  # 400 ms of the reply reach the ears, prebuffer included
        rig.wait(lambda: rig.app.audio.speaker.is_audible)
        rig.say(voiced(0.4))
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT)[0].interrupted)
        reply = rig.rows_of(RowKind.ASSISTANT)[0]
        assert reply.heard_ms == 410  # the 40 blocks taken, and the 10 ms fade-out
        assert reply.heard_text is not None and reply.text.startswith(reply.heard_text)
        assert len(reply.heard_text) < len(reply.text)
        html = rig.window.chat_model.index(rig.rows.index(reply), 0).data(256 + 1)
        assert "you cut in at 0.4 s" in html
        assert "line-through" in html  # the part never heard is struck through
        assert "[you cut in at 0.4 s]" in rig.window.chat_model.index(1, 0).data()


def key(kind: QEvent.Type, *, repeat: bool = False) -> QKeyEvent:
    return QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ", repeat)


def test_push_to_talk_by_holding_space(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        window, view = rig.window, rig.window.chat_view
        view.setFocus()
        rig.say(voiced(0.3))  # not holding the key: nothing is sent
        qtbot.keyPress(view, Qt.Key.Key_Space)
        assert window.talk.held and window.talk.talk_button.isDown()
        assert window.status.turn.text() == "Listening"
        QApplication.sendEvent(view, key(QEvent.Type.KeyPress, repeat=True))  # auto-repeat
        rig.say(voiced(0.6))
        QApplication.sendEvent(view, key(QEvent.Type.KeyRelease, repeat=True))  # ignored too
        assert window.talk.held
        qtbot.keyRelease(view, Qt.Key.Key_Space)
        rig.wait(lambda: not window.talk.held)  # after the release grace (X11 auto-repeat)
        rig.wait(lambda: reply_done(rig))
        rig.wait(lambda: rig.rows_of(RowKind.USER)[0].text)
        assert rig.rows_of(RowKind.USER)[0].text == "(0.6 seconds of speech)"
        commits = [e for e in rig.sim.received if e["type"] == "input_audio_buffer.commit"]
        assert len(commits) == 1


def test_auto_repeat_as_release_and_press_pairs_is_still_one_turn(qtbot: QtBot, qloop: Any) -> None:
    """X11 may send a held key's repeats as a release and a press, unmarked (seen under Xvfb)."""
    with window_rig(qtbot, qloop) as rig:
        window, view = rig.window, rig.window.chat_view
        calls = talk_calls(rig)
        view.setFocus()
        QApplication.sendEvent(view, key(QEvent.Type.KeyPress))
        for _ in range(5):
            rig.say(voiced(0.1))
            QApplication.sendEvent(view, key(QEvent.Type.KeyRelease))
            QApplication.sendEvent(view, key(QEvent.Type.KeyPress))
            assert window.talk.held
        QApplication.sendEvent(view, key(QEvent.Type.KeyRelease))
        assert window.talk.held  # not believed yet: a repeat's press may follow
        rig.wait(lambda: not window.talk.held)
        assert calls == ["press", "release"]
        rig.wait(lambda: rig.rows_of(RowKind.USER) and rig.rows_of(RowKind.USER)[0].text)
        assert [row.text for row in rig.rows_of(RowKind.USER)] == ["(0.5 seconds of speech)"]
        commits = [e for e in rig.sim.received if e["type"] == "input_audio_buffer.commit"]
        assert len(commits) == 1


def talk_calls(rig: Rig) -> list[str]:
    """The push-to-talk commands the real controller receives, in order."""
    controller, calls = rig.app.core.controller, []
    press, release = controller.press_to_talk, controller.release_to_talk

    def pressed() -> None:
        calls.append("press")
        press()

    def released() -> bool:
        calls.append("release")
        return release()

    controller.press_to_talk, controller.release_to_talk = pressed, released
    return calls


def test_space_in_the_text_box_types_a_space(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        box = rig.window.composer.text_box
        box.setFocus()
        qtbot.keyClicks(box, "a b")
        assert box.text() == "a b"
        assert not rig.window.talk.held


def test_push_to_talk_with_the_button(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        button = rig.window.talk.talk_button
        qtbot.mousePress(button, Qt.MouseButton.LeftButton)
        rig.say(voiced(0.5))
        qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)
        rig.wait(lambda: reply_done(rig))
        assert rig.rows_of(RowKind.USER)[0].spoken
        assert RATE  # the rig's device rate (48 kHz) is resampled to 24 kHz by the microphone


def test_saved_conversation_settings_apply_to_the_running_session(qtbot: QtBot, qloop: Any) -> None:
    from assistant.app.assembly import apply_settings
    from assistant.controller import TurnMode

    with window_rig(qtbot, qloop) as rig:
        chosen = AppSettings(voice="cedar", turn_mode="server_vad", transcription_language="ja")
        apply_settings(rig.app, chosen)

        def sent() -> dict[str, Any] | None:
            updates = [e["session"] for e in rig.sim.received if e["type"] == "session.update"]
            return updates[-1] if updates else None

        rig.wait(lambda: (sent() or {}).get("audio", {}).get("output", {}).get("voice") == "cedar")
        audio_in = sent()["audio"]["input"]  # type: ignore[index]
        assert audio_in["transcription"]["language"] == "ja"
        assert audio_in["turn_detection"]["type"] == "server_vad"
        assert rig.window.talk.mode_box.currentData() is TurnMode.SERVER_VAD


def rest(rig: Rig, polls: int = 2) -> None:
    """The device watcher's polls (about one a second in the app), by hand."""
    assert rig.app.audio.rest is not None
    for _ in range(polls):
        rig.app.audio.rest.poll()


def test_the_microphone_rests_only_once_a_dead_one_would_have_been_noticed(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop) as rig:
        notices: list[str] = []
        rig.app.bridge.notice.connect(notices.append)
        rest(rig, polls=5)
        assert not rig.mic.resting and rig.out.resting  # nothing heard from it yet
        rig.say(silence(3.2))  # a dead microphone: all zeros
        rig.wait(lambda: any("only zeros" in notice for notice in notices))
        rest(rig)
        assert rig.mic.resting


def test_between_push_to_talk_turns_the_devices_rest_and_the_key_wakes_them(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop) as rig:
        mic, out = rig.mic, rig.out
        rig.say(room_noise(3.0))  # what the silent-microphone check needs to hear first
        rest(rig, polls=1)
        assert not (mic.resting or out.resting)  # one quiet poll is not enough
        rest(rig)
        assert mic.resting and out.resting
        button = rig.window.talk.talk_button
        qtbot.mousePress(button, Qt.MouseButton.LeftButton)
        assert not mic.resting and out.resting  # the key starts the microphone at once
        rig.say(voiced(0.5))
        qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)
        rig.wait(lambda: reply_done(rig))
        assert not out.resting  # the reply's audio started the speaker
        assert rig.rows_of(RowKind.USER)[0].text == "(0.5 seconds of speech)"  # nothing lost
        rest(rig)
        assert mic.resting and not out.resting  # the reply is still queued
        rig.wait(lambda: rig.play(blocks=50) or not rig.app.audio.speaker.is_busy)
        rest(rig)
        assert out.resting


def test_a_hands_free_mode_wakes_the_devices_at_once_and_keeps_them(
    qtbot: QtBot, qloop: Any
) -> None:
    from assistant.controller import TurnMode

    with window_rig(qtbot, qloop) as rig:
        rig.say(room_noise(3.0))
        rest(rig)
        assert rig.mic.resting and rig.out.resting
        rig.app.core.controller.set_mode(TurnMode.SERVER_VAD)
        assert not (rig.mic.resting or rig.out.resting)
        rest(rig, polls=5)
        assert not (rig.mic.resting or rig.out.resting)
        rig.say(voiced(1.0))
        rig.say(silence(0.6))
        rig.wait(lambda: reply_done(rig))
