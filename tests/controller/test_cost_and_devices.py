"""Plain logic the views use: the cost tally, the budget's state, the remembered device pair."""

from __future__ import annotations

from assistant.audio.selection import DeviceKey, DevicePair
from assistant.controller.cost import BudgetState, CostTally, budget_state
from assistant.controller.device_settings import settings_pair, with_pair
from assistant.realtime import Cost, ResponseFinished, TranscriptionBilled, Usage
from assistant.settings.store import AppSettings


def test_the_tally_adds_replies_and_transcriptions_and_keeps_the_last_reply() -> None:
    tally = CostTally()
    tally.add_reply(ResponseFinished("r1", "completed", None, Usage(input_text=10), Cost(0.5)))
    tally.add_transcription(TranscriptionBilled("u1", Usage(input_audio=4), Cost(0.25)))
    assert (tally.last_usage, tally.last_cost) == (Usage(input_text=10), Cost(0.5))
    assert tally.session_usage == Usage(input_text=10, input_audio=4)
    assert tally.session_cost.total == 0.75 and tally.session_priced


def test_usage_without_a_price_makes_the_session_cost_a_floor_but_empty_usage_does_not() -> None:
    tally = CostTally()
    tally.add_reply(ResponseFinished("r1", "cancelled", None, Usage(), None))
    assert tally.session_priced
    tally.add_transcription(TranscriptionBilled("u1", Usage(audio_seconds=2.0), None))
    assert not tally.session_priced


def test_the_budget_state_follows_the_share_spent() -> None:
    assert budget_state(5.0, 0.0) is BudgetState.NONE
    assert budget_state(0.79, 1.0) is BudgetState.UNDER
    assert budget_state(0.8, 1.0) is BudgetState.WARNING
    assert budget_state(1.0, 1.0) is BudgetState.REACHED


def test_settings_remember_a_pair_by_name_and_host_api_and_give_it_back() -> None:
    pair = DevicePair(DeviceKey("USB mic", "ALSA"), None)
    settings = with_pair(AppSettings(), pair)
    assert (settings.input_device, settings.input_host_api) == ("USB mic", "ALSA")
    assert (settings.output_device, settings.output_host_api) == ("", "")
    assert settings_pair(settings) == pair
