"""The audio engine: devices, capture, playback, levels and the loopback probe.

numpy is used throughout; sounddevice only in `assistant.audio.devices`, so everything except
the device layer imports and runs without PortAudio (tests drive `assistant.audio.fakes`).
"""
