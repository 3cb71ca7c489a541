"""The voice command's pieces that need no devices: options, lines, and the audio it requires."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from assistant.app.audio import AudioSetup, starting_echo
from assistant.audio.echo import EchoMode, EchoVerdict, resolve_mode
from assistant.audio.fakes import fake_device
from assistant.audio.selection import DeviceKey, DevicePair
from assistant.cli.main import build_parser, main
from assistant.cli.voice import (
    NoAudio,
    _check_audio,
    device_pair,
    echo_mode,
    saved_probes,
    session_config,
)
from assistant.cli.voice_view import VoiceView, transcript_line, voice_item_json
from assistant.controller.device_settings import with_verdict
from assistant.realtime import ItemStatus, Message, Role, SemanticVad, SpeakerSegment
from assistant.settings.store import AppSettings, SettingsStore

DEVICES = [
    fake_device(0, "Built-in Microphone", inputs=1, default=True),
    fake_device(1, "Built-in Speakers", outputs=2, default=True),
]
REPLY = Message("item_1", Role.ASSISTANT, ItemStatus.INCOMPLETE, "Once upon a time")
CUT = Message(
    "item_1",
    Role.ASSISTANT,
    ItemStatus.INCOMPLETE,
    "Once upon a time there was",
    has_audio=True,
    audio_ms=2400.4,
    interrupted=True,
    heard_ms=1234,
    heard_text="Once upon",
)


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["voice", *argv])


def test_an_interrupted_reply_shows_what_was_heard_and_for_how_long() -> None:
    assert transcript_line(CUT) == "Assistant: Once upon (interrupted after 1.2 s)"
    assert voice_item_json(CUT) == {
        "type": "item",
        "id": "item_1",
        "role": "assistant",
        "item_type": "message",
        "text": "Once upon",
        "status": "interrupted",
        "heard_ms": 1234,
        "audio_ms": 2400,
    }


def test_a_user_turn_reads_as_you_with_its_transcript() -> None:
    spoken = Message("item_2", Role.USER, ItemStatus.COMPLETED, has_audio=True)
    assert transcript_line(spoken, "what time is it") == "You: what time is it"
    assert transcript_line(spoken, "") == "You: (speech, no transcript)"
    assert voice_item_json(spoken, "hi")["text"] == "hi"
    assert transcript_line(REPLY) == "Assistant: Once upon a time"
    assert voice_item_json(REPLY)["status"] == "incomplete"


def test_device_names_become_the_pair_and_none_means_the_system_default() -> None:
    pair = device_pair(DEVICES, parse("--input", "microphone"))
    assert pair == DevicePair(DeviceKey("Built-in Microphone", "Fake"), None)


def test_turn_modes_and_a_missing_microphone_shape_the_session() -> None:
    assert isinstance(
        session_config(parse("--turns", "semantic"), microphone=True).turn_detection, SemanticVad
    )
    ptt = session_config(parse("--turns", "ptt", "--instructions", "Be brief."), microphone=True)
    assert ptt.turn_detection is None and ptt.transcription is not None
    assert ptt.instructions == "Be brief." and ptt.output == "audio"
    deaf = session_config(parse(), microphone=False)
    assert deaf.turn_detection is None and deaf.transcription is None


def test_without_audio_there_is_nothing_to_talk_with() -> None:
    with pytest.raises(NoAudio, match="needs a microphone or a speaker"):
        _check_audio(AudioSetup(), parse())
    with pytest.raises(NoAudio, match="no --text to send"):
        _check_audio(AudioSetup(speaker=object()), parse())  # type: ignore[arg-type]
    _check_audio(AudioSetup(speaker=object()), parse("--text", "hi"))  # type: ignore[arg-type]


@pytest.mark.parametrize("argv", [["--duration", "0"], ["--duration", "-3"]])
def test_a_duration_must_be_positive(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["voice", "--provider", "demo", *argv]) == 2
    assert "--duration takes a number of seconds greater than 0" in capsys.readouterr().err


def test_reconnect_progress_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from assistant.cli.voice_view import VoiceView
    from assistant.transport import LinkState, LinkStatus

    view = VoiceView(io.StringIO(), as_json=True)
    view.on_link_status(LinkStatus(LinkState.RECONNECTING, "Connection lost; attempt 2 in 1 s.", 2))
    view.on_link_status(LinkStatus(LinkState.CONNECTED))
    err = capsys.readouterr().err
    assert err == "realtime-assistant: reconnecting: Connection lost; attempt 2 in 1 s.\n"


def test_the_voice_options_shape_the_session() -> None:
    args = parse("--diarize", "--reasoning-effort", "low", "--truncation", "0.9")
    config = session_config(args, microphone=True)
    assert config.transcription is not None
    assert config.transcription.model == "gpt-4o-transcribe-diarize"
    assert config.reasoning_effort == "low" and config.truncation is not None
    assert config.truncation.retention_ratio == 0.9


def test_a_preamble_and_a_diarized_turn_in_the_transcript() -> None:
    preamble = Message("a", Role.ASSISTANT, ItemStatus.COMPLETED, "One moment.", phase="commentary")
    assert transcript_line(preamble) == "Assistant (preamble): One moment."
    segments = (SpeakerSegment("A", "Hi ", 0.0, 1.0), SpeakerSegment("B", "Hello", 1.2, 2.0))
    turn = Message("u", Role.USER, ItemStatus.COMPLETED, "Hi Hello", segments=segments)
    assert transcript_line(turn) == "You (speaker A): Hi\nYou (speaker B): Hello"
    data = voice_item_json(turn)
    assert data["speakers"][1] == {"speaker": "B", "text": "Hello", "start": 1.2, "end": 2.0}


def test_auto_echo_follows_the_verdict_the_window_saved_for_the_pair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    mic, speakers = DEVICES
    probes = with_verdict({}, mic.key, speakers.key, EchoVerdict(hears_speaker=False, echo_db=None))
    SettingsStore().save(AppSettings(echo_probes=probes))  # the window's echo test, saved
    view = VoiceView(sys.stdout, as_json=False)
    saved = saved_probes(view)
    auto = starting_echo(echo_mode(parse(), live=False), saved, DEVICES, DevicePair())
    assert auto.verdict == EchoVerdict(False, None)
    assert resolve_mode(auto.mode, auto.verdict) is EchoMode.OFF  # no echo heard: none to cancel
    headset = [*DEVICES, fake_device(2, "Headset", outputs=2)]
    other = starting_echo(
        EchoMode.AUTO, saved, headset, DevicePair(output=DeviceKey("Headset", "Fake"))
    )
    assert other.verdict is None and resolve_mode(other.mode, other.verdict) is EchoMode.CANCEL
    live = starting_echo(echo_mode(parse("--echo", "off"), live=True), saved, DEVICES, DevicePair())
    assert live.mode is EchoMode.CANCEL  # GPT-Live listens while it speaks
    assert capsys.readouterr().err == ""
