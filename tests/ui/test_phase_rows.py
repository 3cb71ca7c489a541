"""A reasoning model's preamble and a diarized transcript in the chat history, fed through the
bridge with hand-made core events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from assistant.realtime import (
    Item,
    ItemAdded,
    ItemCompleted,
    ItemStatus,
    Message,
    Role,
    SpeakerSegment,
    TextDelta,
    UserTranscriptSegment,
)
from assistant.ui import i18n
from assistant.ui.bridge import CoreBridge
from assistant.ui.chat_model import HTML_ROLE, ChatModel
from assistant.ui.chat_text import row_plain

DONE, RUNNING = ItemStatus.COMPLETED, ItemStatus.IN_PROGRESS


def fed() -> tuple[CoreBridge, ChatModel]:
    bridge, model = CoreBridge(), ChatModel()
    model.attach(bridge)
    return bridge, model


def reply(item_id: str, phase: str | None, text: str = "", status: ItemStatus = RUNNING) -> Item:
    return Message(item_id, Role.ASSISTANT, status, text, phase=phase)


def html(model: ChatModel, row: int) -> str:
    return str(model.index(row, 0).data(HTML_ROLE))


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[None]:
    translators = i18n.install(qapp, "ja")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_a_preamble_is_its_own_row_marked_apart_from_the_answer() -> None:
    bridge, model = fed()
    bridge.on_event(ItemAdded(reply("a1", "commentary")))
    bridge.on_event(TextDelta("a1", "Let me check."))
    bridge.on_event(ItemCompleted(reply("a1", "commentary", "Let me check.", DONE)))
    bridge.on_event(ItemAdded(reply("a2", "final_answer")))
    bridge.on_event(TextDelta("a2", "It is 42."))
    bridge.on_event(ItemCompleted(reply("a2", "final_answer", "It is 42.", DONE)))
    assert len(model.log) == 2
    preamble, answer = html(model, 0), html(model, 1)
    assert "preamble" in preamble and "font-style:italic" in preamble
    assert "preamble" not in answer and "font-style:italic" not in answer
    assert row_plain(model.row(0)) == "Assistant (preamble): Let me check."
    assert row_plain(model.row(1)) == "Assistant: It is 42."


def test_a_diarized_transcript_reads_per_speaker_as_segments_arrive() -> None:
    bridge, model = fed()
    user = Message("u1", Role.USER, DONE, has_audio=True)
    bridge.on_event(ItemAdded(user))
    bridge.on_event(UserTranscriptSegment("u1", "s2", "B", "Fine, thanks.", 2.0, 3.0))
    assert "Speaker B</b>: Fine, thanks." in html(model, 0)
    bridge.on_event(UserTranscriptSegment("u1", "s1", "A", "How are you?", 0.0, 1.5))
    bridge.on_event(UserTranscriptSegment("u1", "s3", "B", "And you?", 3.1, 3.6))
    shown = html(model, 0)
    assert shown.index("Speaker A") < shown.index("Speaker B")
    assert "Fine, thanks. And you?" in shown  # one speaker's consecutive segments: one line
    assert row_plain(model.row(0)) == (
        "You:\nSpeaker A: How are you?\nSpeaker B: Fine, thanks. And you?"
    )
    segments = (SpeakerSegment("A", "How are you?", 0.0, 1.5),)
    bridge.on_event(ItemCompleted(Message("u1", Role.USER, DONE, segments=segments)))
    assert "Speaker B" not in html(model, 0)  # the item's own segments are the whole story


def test_the_marks_are_translated(japanese: None) -> None:
    bridge, model = fed()
    bridge.on_event(ItemAdded(reply("a1", "commentary", "ok", DONE)))
    bridge.on_event(ItemAdded(Message("u1", Role.USER, DONE, has_audio=True)))
    bridge.on_event(UserTranscriptSegment("u1", "s1", "A", "hi", 0.0, 1.0))
    assert "前置き" in html(model, 0)
    assert "話者 A" in html(model, 1)
