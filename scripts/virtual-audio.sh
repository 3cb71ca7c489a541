#!/usr/bin/env bash
# Starts a user PulseAudio server with virtual devices (no sound card needed):
#   spk      a 48 kHz null sink: the "speaker"; spk.monitor records what is played (a true loopback)
#   micsink  a 24 kHz mono null sink fed with speech by the tests; fakemic is its monitor as a source
# and names them for ALSA, which is how PortAudio (sounddevice) sees them:
#   speaker, speaker_monitor, fakemic, and hotspk (a sink the tests load and unload: hot-plug).
# Needs HOME and XDG_RUNTIME_DIR set; PULSE_LATENCY_MSEC=20 keeps capture blocks small.
# Writes $XDG_RUNTIME_DIR/virtual-audio.ready last, so tests can require the devices.
set -euo pipefail
# The debug log records underruns of client streams ("Implicit underrun of ..."): device tests
# read it to tell a machine too busy to feed a 20 ms buffer from samples lost by the engine.
pulseaudio --daemonize=yes --exit-idle-time=-1 --disallow-exit --system=false -n \
  --log-level=debug --log-target="file:$XDG_RUNTIME_DIR/pulse.log" \
  --load="module-native-protocol-unix" \
  --load="module-null-sink sink_name=spk rate=48000 channels=1 sink_properties=device.description=VirtualSpeaker" \
  --load="module-null-sink sink_name=micsink rate=24000 channels=1 sink_properties=device.description=FakeMicFeed" \
  --load="module-remap-source source_name=fakemic master=micsink.monitor source_properties=device.description=FakeMicrophone" \
  2>/dev/null
for _ in $(seq 100); do pactl info >/dev/null 2>&1 && break; sleep 0.05; done
pactl set-default-sink spk
pactl set-default-source fakemic
# Keep-alive writers: an idle null sink drops the start of the next stream.
for s in spk micsink; do
  pacat -p -d "$s" --format=s16le --rate=24000 --channels=1 --raw /dev/zero >/dev/null 2>&1 &
done
cat > "$HOME/.asoundrc" <<'EOF'
pcm.fakemic { type pulse device fakemic hint { show on description "Fake microphone" } }
pcm.speaker { type pulse device spk hint { show on description "Virtual speaker" } }
pcm.speaker_monitor { type pulse device spk.monitor hint { show on description "Virtual speaker loopback" } }
pcm.hotspk { type pulse device hotspk hint { show on description "Hot-plug speaker (tests load it)" } }
EOF
touch "$XDG_RUNTIME_DIR/virtual-audio.ready"
