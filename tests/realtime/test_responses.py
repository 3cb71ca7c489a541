"""Every row of the response lifecycle table, and the cancellation flags."""

from __future__ import annotations

import pytest

from assistant.realtime.responses import TRANSITIONS, Phase, ResponseTracker, Trigger


def tracker_in(phase: Phase) -> ResponseTracker:
    tracker = ResponseTracker()
    if phase is Phase.REQUESTED:
        assert tracker.request()
    elif phase is Phase.ACTIVE:
        tracker.created("resp_1")
    assert tracker.phase is phase
    return tracker


def fire(tracker: ResponseTracker, trigger: Trigger) -> bool:
    if trigger is Trigger.REQUEST:
        return tracker.request()
    if trigger is Trigger.CREATED:
        return tracker.created("resp_1")
    if trigger is Trigger.DONE:
        return tracker.done("resp_1")
    return tracker.rejected_active()


def test_the_table_covers_every_phase_and_trigger() -> None:
    assert set(TRANSITIONS) == {(p, t) for p in Phase for t in Trigger}


@pytest.mark.parametrize(("phase", "trigger"), sorted(TRANSITIONS, key=str))
def test_each_transition(phase: Phase, trigger: Trigger) -> None:
    tracker = tracker_in(phase)
    send = fire(tracker, trigger)
    expected_phase, _ = TRANSITIONS[(phase, trigger)]
    assert tracker.phase is expected_phase
    assert send == (phase is Phase.IDLE and trigger is Trigger.REQUEST)
    assert tracker.pending == (trigger is Trigger.REQUEST and phase is not Phase.IDLE)


@pytest.mark.parametrize("phase", [Phase.REQUESTED, Phase.ACTIVE])
def test_done_sends_the_deferred_create(phase: Phase) -> None:
    tracker = tracker_in(phase)
    tracker.request()
    assert tracker.done("resp_1")
    assert (tracker.phase, tracker.pending) == (Phase.REQUESTED, False)


def test_done_of_an_older_response_does_not_end_the_current_one() -> None:
    tracker = tracker_in(Phase.ACTIVE)
    assert not tracker.done("resp_0")
    assert tracker.phase is Phase.ACTIVE


def test_cancel_is_sent_once_and_not_when_the_server_cancels() -> None:
    tracker = tracker_in(Phase.ACTIVE)
    assert tracker.want_cancel()
    assert not tracker.want_cancel()
    tracker.cancel_not_active()
    assert tracker.want_cancel()
    vad = tracker_in(Phase.ACTIVE)
    vad.server_cancelling = True
    assert not vad.want_cancel()
    assert not ResponseTracker().want_cancel()  # nothing to cancel
