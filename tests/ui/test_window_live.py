"""The real window on GPT-Live (the simulator's /v1/live/sessions): a typed question answered
through delegation, shown as rows, and the cost panel counting the seconds billed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pytestqt.qtbot import QtBot

from assistant.app.assembly import apply_settings
from assistant.realtime.live import LiveSession
from assistant.settings.store import AppSettings
from assistant.transport import custom
from assistant.ui.chat_rows import RowKind
from tests.oracle import validate_client_event
from tests.ui.rig import window_rig
from tests.ui.test_window_text import type_message


def test_a_typed_question_is_answered_through_delegation(qtbot: QtBot, qloop: Any) -> None:
    settings = AppSettings(provider="openai-live", live_web_search=True)
    with window_rig(
        qtbot, qloop, audio=False, settings=settings, endpoint=lambda sim: custom(sim.live_url)
    ) as rig:
        assert isinstance(rig.app.core.session, LiveSession)
        type_message(rig, "What time is it?")
        rig.wait(lambda: len(rig.rows_of(RowKind.ASSISTANT)) == 2)
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT)[1].final)
        kinds = [row.kind for row in rig.rows]
        assert kinds == [RowKind.USER, RowKind.ASSISTANT, RowKind.TOOL, RowKind.ASSISTANT]
        assert rig.rows[1].text == "Let me check."
        assert rig.rows[2].tool_name == "get_current_time"
        assert "get_current_time returned" in rig.rows[3].text
        cost = rig.window.cost
        rig.wait(lambda: " s of session" in cost.session_tokens.text())
        assert cost.session_dollars.text().startswith("$")
        for event in rig.sim.received:
            validate_client_event(event, "live")  # no unknown field, hosted tool included
        start = rig.sim.received[0]["session"]
        tools = start["delegation"]["responses"]["tools"]
        assert {"type": "web_search"} in tools and "get_current_time" in str(tools)
        sent = {event["type"] for event in rig.sim.received}
        assert "session.input_audio.append" in sent  # silence keeps the timeline moving
        assert not {"response.cancel", "conversation.item.truncate"} & sent
        apply_settings(rig.app, replace(rig.app.settings, instructions="Be terse."))
        assert rig.window.status.message.full_text.startswith("GPT-Live fixes its instructions")
