"""The PulseAudio room (tests/audio/pulse_room.py) gives the echo level it is asked for."""

from __future__ import annotations

import pytest

from .pulse import require_pulse
from .pulse_room import cubic_volume, pulse_room

pytestmark = pytest.mark.slow


def test_the_volume_scale_is_cubic() -> None:
    assert cubic_volume(0.0) == 65536
    assert cubic_volume(-6.0206) == 52016  # 0.5 in amplitude: 0.7937 in volume
    assert cubic_volume(-60.0) == 6554


@pytest.mark.parametrize(("echo_db", "delay_ms"), [(-6.0, 40), (-20.0, 80)])
def test_the_room_measures_the_echo_it_was_asked_for(echo_db: float, delay_ms: int) -> None:
    require_pulse()
    with pulse_room(echo_db, delay_ms) as room:
        print(
            f"room: asked {echo_db} dB / {delay_ms} ms, got {room.echo_db:.2f} dB / "
            f"{room.delay_ms:.1f} ms"
        )
        assert abs(room.echo_db - echo_db) <= 2.0
        assert 0 < room.delay_ms < 400
