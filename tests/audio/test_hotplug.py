"""DeviceWatcher on fake devices: fallback notices, recovery on loss or stall, restoring."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from assistant.audio.capture import Microphone
from assistant.audio.fakes import FakeBackend, fake_device
from assistant.audio.hotplug import (
    DeviceLost,
    DeviceNotice,
    DeviceRestored,
    DeviceUnavailable,
    DeviceWatcher,
)
from assistant.audio.playback import Speaker
from assistant.audio.selection import DeviceFallback, DeviceKey, DevicePair

from .signals import pcm16_bytes, sine

BUILT_IN_MIC = fake_device(0, "Built-in Microphone", inputs=1, default=True)
BUILT_IN_OUT = fake_device(1, "Built-in Speakers", outputs=2, default=True)
HEADSET = fake_device(2, "USB Headset (hw:2,0)", inputs=1, outputs=2, host_api="ALSA")
HEADSET_PAIR = DevicePair(
    DeviceKey("USB Headset (hw:2,0)", "ALSA"), DeviceKey("USB Headset (hw:2,0)", "ALSA")
)


class Rig:
    def __init__(self, devices: list, pair: DevicePair = HEADSET_PAIR, **kwargs: object) -> None:
        loop = asyncio.get_running_loop()
        self.backend = FakeBackend(devices)
        self.speaker = Speaker(loop)
        self.microphone = Microphone(loop, lambda _: None)
        self.notices: list[DeviceNotice] = []
        self.watcher = DeviceWatcher(
            self.backend,
            {"input": self.microphone, "output": self.speaker},
            pair,
            self.notices.append,
            **kwargs,  # type: ignore[arg-type]
        )

    def names(self) -> tuple[str | None, str | None]:
        mic, out = self.watcher.device("input"), self.watcher.device("output")
        return (mic.name if mic else None, out.name if out else None)

    def tick(self) -> None:
        """One poll interval in which the devices that are open ran."""
        for stream in list(self.backend.open_streams):
            if stream.role == "output":
                stream.pull()
            else:
                stream.push(np.zeros(stream.blocksize, dtype=np.int16))
        self.watcher.poll(quiet=True)


async def test_the_chosen_pair_opens_when_present() -> None:
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT, HEADSET])
    rig.watcher.start()
    assert rig.names() == ("USB Headset (hw:2,0)", "USB Headset (hw:2,0)")
    assert rig.notices == []
    assert rig.watcher.fallbacks() == []


async def test_a_missing_device_falls_back_to_the_default_with_a_notice() -> None:
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT])
    rig.watcher.start()
    assert rig.names() == ("Built-in Microphone", "Built-in Speakers")
    assert [type(n) for n in rig.notices] == [DeviceFallback, DeviceFallback]
    fallback = rig.notices[0]
    assert isinstance(fallback, DeviceFallback)
    assert fallback.reason == "is not connected"
    assert "using Built-in Microphone" in fallback.message()


async def test_the_same_device_with_a_new_card_number_is_recognised() -> None:
    replugged = fake_device(0, "USB Headset (hw:3,0)", inputs=1, outputs=2, host_api="ALSA")
    rig = Rig([replugged, BUILT_IN_OUT])
    rig.watcher.start()
    assert rig.names() == ("USB Headset (hw:3,0)", "USB Headset (hw:3,0)")


async def test_unplugging_during_a_reply_moves_playback_to_the_default_without_losing_it() -> None:
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT, HEADSET], stall_polls=None)
    rig.watcher.start()
    rig.speaker.enqueue("a", pcm16_bytes(sine(440, 1.0, 24000)))
    rig.speaker.end_item("a")
    for _ in range(30):
        rig.backend.stream("output").pull()
    rig.backend.unplug("USB Headset (hw:2,0)")
    rig.watcher.poll()
    lost = [n for n in rig.notices if isinstance(n, DeviceLost)]
    assert {n.role for n in lost} == {"input", "output"}
    assert rig.names() == ("Built-in Microphone", "Built-in Speakers")
    assert rig.backend.rescans == 1
    while rig.speaker.is_busy:
        rig.backend.stream("output").pull()
    assert rig.speaker.played_frames("a") == 24000


async def test_a_device_that_comes_back_is_used_again_at_a_quiet_moment() -> None:
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT], retry_polls=2, stall_polls=None)
    rig.watcher.start()
    rig.backend.plug(HEADSET)
    rig.watcher.poll(quiet=False)
    rig.watcher.poll(quiet=False)  # retry time, but not quiet: no rescan
    assert rig.backend.rescans == 0
    rig.watcher.poll(quiet=True)
    rig.watcher.poll(quiet=True)
    assert rig.backend.rescans == 1
    assert rig.names() == ("USB Headset (hw:2,0)", "USB Headset (hw:2,0)")
    assert {type(n) for n in rig.notices[2:]} == {DeviceRestored}
    assert rig.watcher.fallbacks() == []


async def test_a_listed_device_that_fails_to_open_is_retried_without_a_rescan() -> None:
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT, HEADSET], retry_polls=1, stall_polls=None)
    rig.backend.unopenable.add("USB Headset (hw:2,0)")
    rig.watcher.start()
    fallback = rig.notices[0]
    assert isinstance(fallback, DeviceFallback)
    assert fallback.reason.startswith("could not be opened")
    rig.backend.unopenable.clear()
    rig.watcher.poll(quiet=False)
    assert rig.backend.rescans == 0
    assert rig.names() == ("USB Headset (hw:2,0)", "USB Headset (hw:2,0)")


async def test_a_stream_whose_callbacks_stop_is_treated_as_lost() -> None:
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT], pair=DevicePair(), stall_polls=3)
    rig.watcher.start()
    for _ in range(5):
        rig.tick()
    assert rig.notices == []
    speaker_stream = rig.backend.stream("output")
    for _ in range(3):
        rig.backend.stream("input").push(np.zeros(960, dtype=np.int16))
        rig.watcher.poll()  # the output callback no longer runs
    assert [n.role for n in rig.notices if isinstance(n, DeviceLost)] == ["output"]
    assert speaker_stream.closed
    assert rig.backend.stream("output") is not speaker_stream


async def test_no_device_at_all_is_reported_once_and_picked_up_when_plugged_in() -> None:
    rig = Rig([BUILT_IN_OUT], pair=DevicePair(), retry_polls=1, stall_polls=None)
    rig.watcher.start()
    assert rig.notices == [DeviceUnavailable("input", "is not connected")]
    rig.watcher.poll()
    assert len(rig.notices) == 1
    rig.backend.plug(BUILT_IN_MIC)
    rig.watcher.poll()
    assert rig.names() == ("Built-in Microphone", "Built-in Speakers")


async def test_select_switches_to_another_pair_at_once() -> None:
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT, HEADSET], pair=DevicePair())
    rig.watcher.start()
    assert rig.names() == ("Built-in Microphone", "Built-in Speakers")
    rig.watcher.select(HEADSET_PAIR)
    assert rig.names() == ("USB Headset (hw:2,0)", "USB Headset (hw:2,0)")
    assert rig.watcher.pair == HEADSET_PAIR
    rig.watcher.close()
    assert rig.backend.open_streams == []


async def test_watch_polls_until_cancelled() -> None:
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT], pair=DevicePair(), stall_polls=None)
    rig.watcher.start()
    task = asyncio.create_task(rig.watcher.watch(interval=0.001))
    rig.backend.unplug("Built-in Speakers")
    for _ in range(100):
        await asyncio.sleep(0.001)
        if any(isinstance(n, DeviceLost) for n in rig.notices):
            break
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert any(isinstance(n, DeviceUnavailable) for n in rig.notices)


async def test_selecting_a_device_that_fails_keeps_the_default_and_retries_it() -> None:
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT, HEADSET], pair=DevicePair(), retry_polls=1)
    rig.watcher.start()
    rig.backend.unopenable.add("USB Headset (hw:2,0)")
    rig.watcher.select(HEADSET_PAIR)
    assert rig.names() == ("Built-in Microphone", "Built-in Speakers")
    assert [type(n) for n in rig.notices] == [DeviceFallback, DeviceFallback]
    rig.backend.unopenable.clear()
    rig.tick()
    assert rig.names() == ("USB Headset (hw:2,0)", "USB Headset (hw:2,0)")


HEADSET_MIC = fake_device(2, "USB Headset (hw:2,0)", inputs=1, host_api="ALSA")


async def test_while_a_side_waits_the_other_stream_stays_open_until_its_device_is_there() -> None:
    wanted = DevicePair(input=DeviceKey("USB Headset (hw:2,0)", "ALSA"))
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT], pair=wanted, retry_polls=1, stall_polls=None)
    rig.watcher.start()
    assert rig.names() == ("Built-in Microphone", "Built-in Speakers")  # the mic on a fallback
    speaker_stream = rig.backend.stream("output")
    for _ in range(20):  # quiet, retry time at every poll: nothing to look again for
        rig.tick()
    assert rig.backend.rescans == 0
    assert rig.backend.stream("output") is speaker_stream and not speaker_stream.closed
    rig.backend.plug(HEADSET_MIC)
    rig.tick()  # the lister sees it: one rescan, both sides reopen once
    assert rig.backend.rescans == 1
    assert rig.names() == ("USB Headset (hw:2,0)", "Built-in Speakers")
    assert isinstance(rig.notices[-1], DeviceRestored)
    assert rig.backend.listers[0].closed  # nothing waits any more: it stopped looking
    for _ in range(5):
        rig.tick()
    assert rig.backend.rescans == 1


async def test_with_no_microphone_at_all_the_speaker_is_not_reopened_while_it_waits() -> None:
    rig = Rig([BUILT_IN_OUT], pair=DevicePair(), retry_polls=1, stall_polls=None)
    rig.watcher.start()
    assert rig.notices == [DeviceUnavailable("input", "is not connected")]
    speaker_stream = rig.backend.stream("output")
    for _ in range(10):
        rig.watcher.poll(quiet=True)
    assert rig.backend.rescans == 0 and not speaker_stream.closed
    rig.backend.plug(BUILT_IN_MIC)
    rig.watcher.poll(quiet=True)
    assert rig.names() == ("Built-in Microphone", "Built-in Speakers")
    rig.watcher.close()
    assert all(lister.closed for lister in rig.backend.listers)


async def test_a_backend_that_cannot_look_aside_is_rescanned_at_each_quiet_retry() -> None:
    wanted = DevicePair(input=DeviceKey("USB Headset (hw:2,0)", "ALSA"))
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT], pair=wanted, retry_polls=1, stall_polls=None)
    rig.backend.blind = True
    rig.watcher.start()
    for _ in range(3):
        rig.tick()
    assert rig.backend.rescans == 3


async def test_a_lister_that_stopped_working_leaves_the_rescans_as_before() -> None:
    wanted = DevicePair(input=DeviceKey("USB Headset (hw:2,0)", "ALSA"))
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT], pair=wanted, retry_polls=1, stall_polls=None)
    rig.watcher.start()
    rig.tick()
    assert rig.backend.rescans == 0
    rig.backend.listers[0].closed = True  # the helper process died
    rig.tick()
    assert rig.backend.rescans == 1


async def test_a_resting_stream_is_not_a_stalled_one_and_a_device_gone_meanwhile_is_found() -> None:
    rig = Rig([BUILT_IN_MIC, BUILT_IN_OUT], pair=DevicePair(), stall_polls=3)
    rig.watcher.start()
    rig.tick()
    mic_stream, out_stream = rig.backend.stream("input"), rig.backend.stream("output")
    rig.microphone.rest()
    assert rig.speaker.rest()
    for _ in range(5):
        rig.watcher.poll()  # no callbacks: they rest
    assert rig.notices == [] and mic_stream.resting and out_stream.resting
    rig.backend.unstartable.add("Built-in Microphone")  # gone while resting
    rig.microphone.hurry()
    await asyncio.sleep(0)  # the failure is reported on the loop
    rig.watcher.poll()
    assert [n.role for n in rig.notices if isinstance(n, DeviceLost)] == ["input"]
    assert mic_stream.closed
