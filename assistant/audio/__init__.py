"""The audio engine: devices, capture, playback, levels and the loopback probe.

numpy is used throughout; sounddevice only in `assistant.audio.devices`, so everything except
the device layer imports and runs without PortAudio (tests drive `assistant.audio.fakes`).

Where to start:
    selection   DeviceInfo, DeviceKey, DevicePair, DeviceFallback, resolve_pair (plain values)
    streams     AudioBackend / AudioStream: the interface to a device layer; DeviceError
    devices     PortAudioBackend: the real device layer (imports sounddevice)
    fakes       FakeBackend, fake_device: streams a test drives block by block
    capture     Microphone: 20 ms blocks of 24 kHz PCM16 to a consumer on the loop thread
    playback    Speaker: items of 24 kHz PCM16 played with exact barge-in positions
    levels      LevelMeter, Level, SilenceDetector, SilentMicrophone
    hotplug     DeviceWatcher: keeps the pair open through unplug and replug
    probe       run_probe, ProbeResult: does the microphone hear the speaker?
    echo        EchoMode, EchoProcessor: cancel / gate / off in the microphone path
    timeline    ReferenceTap, ClockTracker, Timeline: the played reference next to the microphone
    canceller   EchoCanceller: WebRTC AEC3 (imports livekit)
    voice_activity  LocalVad: speech onsets for local barge-in (imports webrtcvad)
    cli         add_devices_parser, run_devices: `realtime-assistant devices`
"""
