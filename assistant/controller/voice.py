"""The voice conversation: microphone to session, session to speaker, barge-in between them.

The controller owns no thread and no socket. The transport calls `handle(event)` for every
event of the session; the microphone calls `microphone_block(pcm)` with 20 ms blocks; the UI
calls the commands (`press_to_talk`, `send_text`, ...). Each command changes the session and
then asks the transport to `flush()` the outbox.

Barge-in: when the user starts speaking (server VAD's `speech_started`, a push-to-talk press or a
typed message) while a reply is sounding or still prebuffering, the speaker fades out and reports
how many milliseconds of the current item were really played; the session truncates the item
there. Local barge-in comes first: the microphone's echo stage hears the user's onset after echo
cancellation (`local_speech(True)`) and the reply is held (paused, keeping its place) within a
few frames; the server's `speech_started` then cuts it where it was held, and if the user's
sound ends without one (a cough, a door) `local_speech(False)` lets the reply go on.
Listeners (the UI) see every event after the controller has applied it, plus `TurnState`
changes (listening / thinking / speaking) and the microphone audio sent to the session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import Enum
from typing import Protocol

from assistant.realtime import (
    AudioDelta,
    AudioDone,
    ConversationSession,
    Event,
    InputCommitted,
    Picture,
    ResponseFinished,
    ResponseStarted,
    Role,
    SemanticVad,
    ServerVad,
    SessionCreated,
    SpeechStarted,
    SpeechStopped,
    TurnDetection,
)


class Flushable(Protocol):
    def flush(self) -> None: ...


class SpeakerPort(Protocol):
    """What the controller needs of `assistant.audio.Speaker`."""

    @property
    def is_audible(self) -> bool: ...
    @property
    def is_busy(self) -> bool: ...
    def hold(self) -> bool: ...
    def release(self) -> None: ...
    def enqueue(self, item_id: str, pcm16_24k: bytes) -> bool: ...
    def end_item(self, item_id: str) -> None: ...
    def interrupt(self) -> _Cut | None: ...


class _Cut(Protocol):
    @property
    def played_ms(self) -> int: ...


class MicrophonePort(Protocol):
    muted: bool


class TurnMode(Enum):
    PUSH_TO_TALK = "push_to_talk"
    SERVER_VAD = "server_vad"
    SEMANTIC_VAD = "semantic_vad"


class TurnState(Enum):
    IDLE = "idle"
    LISTENING = "listening"  # the user is speaking (or holding the talk key)
    THINKING = "thinking"  # the turn is over, no reply audio yet
    SPEAKING = "speaking"  # reply audio is arriving or playing


class Controller:
    """Wires one `Session` to a speaker and a microphone; see the module docstring."""

    def __init__(
        self,
        session: ConversationSession,
        transport: Flushable,
        speaker: SpeakerPort | None = None,
        microphone: MicrophonePort | None = None,
    ) -> None:
        self.session, self._transport = session, transport
        self.speaker, self.microphone = speaker, microphone
        self.listeners: list[Callable[[Event], None]] = []
        self.state_listeners: list[Callable[[TurnState], None]] = []
        self.mic_listeners: list[Callable[[bytes], None]] = []  # microphone audio sent
        self.talk_listeners: list[Callable[[bool], None]] = []  # the talk key went down / up
        # A push-to-talk turn was dropped because the connection dropped while it was spoken.
        self.dropped_turn_listeners: list[Callable[[], None]] = []
        self.state = TurnState.IDLE
        # The turn detection each hands-free mode starts with (the app sets the user's).
        self.detections: dict[TurnMode, TurnDetection] = {
            TurnMode.SERVER_VAD: ServerVad(),
            TurnMode.SEMANTIC_VAD: SemanticVad(),
        }
        self._talking = False  # push-to-talk key held
        self._muted = False
        self._held = False  # the reply is paused for a local barge-in the server has not confirmed

    @property
    def mode(self) -> TurnMode:
        detection = self.session.config.turn_detection
        if detection is None:
            return TurnMode.PUSH_TO_TALK
        return TurnMode.SEMANTIC_VAD if isinstance(detection, SemanticVad) else TurnMode.SERVER_VAD

    @property
    def sending_audio(self) -> bool:
        if self._muted:
            return False
        return self._talking if self.mode is TurnMode.PUSH_TO_TALK else True

    # Inputs

    def handle(self, event: Event) -> None:
        """Apply one session event (audio to the speaker, barge-in), then tell the listeners."""
        if isinstance(event, AudioDelta) and self.speaker is not None:
            self.speaker.enqueue(event.item_id, event.pcm)
            self._set_state(TurnState.SPEAKING)
        elif isinstance(event, AudioDone) and self.speaker is not None:
            self.speaker.end_item(event.item_id)
        elif isinstance(event, SpeechStarted):
            self._barge_in()
            self._set_state(TurnState.LISTENING)
        elif isinstance(event, SpeechStopped | InputCommitted | ResponseStarted):
            if self.state is not TurnState.SPEAKING:
                self._set_state(TurnState.THINKING)
        elif isinstance(event, ResponseFinished) and not self._speaker_audible():
            self._set_state(TurnState.IDLE)
        elif isinstance(event, SessionCreated) and self._talking and self._reconnected():
            self._drop_talk_turn()
        for listener in self.listeners:
            listener(event)

    def microphone_block(self, pcm: bytes) -> None:
        """A 20 ms block of 24 kHz PCM16 from the microphone; `mic_listeners` get it when it
        is sent (not while muted, outside a push-to-talk turn or disconnected)."""
        if not (pcm and self.sending_audio and self.session.connected):
            return
        self.session.append_audio(pcm)
        self._transport.flush()
        for listener in self.mic_listeners:
            listener(pcm)

    def local_speech(self, speaking: bool) -> None:
        """The microphone's echo stage heard the user start (True) or stop (False) talking.

        Hands-free only, and not while muted: the reply is held at the onset; at the end, if
        the server never confirmed with `speech_started`, it resumes where it stopped.
        """
        if self.speaker is None or self._muted or self.mode is TurnMode.PUSH_TO_TALK:
            return
        if speaking and not self._held and self.speaker.is_busy:
            self._held = self.speaker.hold()
        elif not speaking and self._held:
            self._held = False
            self.speaker.release()

    def playback_finished(self) -> None:
        """The speaker played its last sample (call from the speaker's idle notification)."""
        if self.state is TurnState.SPEAKING and not self.session.response_active:
            self._set_state(TurnState.IDLE)

    # Commands

    def press_to_talk(self) -> None:
        """Start a push-to-talk turn: cut the assistant off, start from an empty buffer."""
        self._barge_in()
        self._set_talking(True)
        self.session.clear_audio()
        self._set_state(TurnState.LISTENING)
        self._transport.flush()

    def release_to_talk(self) -> bool:
        """End a push-to-talk turn; False when it was too short to send (under 100 ms)."""
        if not self._talking:
            return False
        self._set_talking(False)
        sent = self.session.commit_audio(respond=self.mode is TurnMode.PUSH_TO_TALK)
        self._set_state(TurnState.THINKING if sent else TurnState.IDLE)
        self._transport.flush()
        return sent

    def send_text(self, text: str, pictures: Sequence[Picture] = ()) -> str:
        """Send a typed message (with pictures: checked and scaled by the caller); the
        assistant stops talking to read it."""
        self._barge_in()
        item_id = self.session.send_text(text, pictures)
        self._set_state(TurnState.THINKING)
        self._transport.flush()
        return item_id

    def add_pictures(self, pictures: Sequence[Picture]) -> str:
        """Pictures for the turn the user is about to speak: a user message of pictures only,
        without asking for a reply (the spoken turn that follows gets it)."""
        item_id = self.session.add_message(Role.USER, "", pictures)
        self._transport.flush()
        return item_id

    def stop_reply(self) -> None:
        """The user's stop button: silence the reply and cancel it."""
        self._barge_in(force_cancel=True)
        self._set_state(TurnState.IDLE)
        self._transport.flush()

    def set_mode(self, mode: TurnMode) -> None:
        """Switch turn modes with one session.update: staying in a mode keeps its parameters,
        entering a hands-free mode takes them from `detections`."""
        config = self.session.config
        if mode is self.mode:
            detection = config.turn_detection
        else:
            detection = None if mode is TurnMode.PUSH_TO_TALK else self.detections[mode]
        self.session.update_session(replace(config, turn_detection=detection))
        self._set_talking(False)  # in the new mode: lets the echo gate close, wakes the devices
        self._transport.flush()

    def set_muted(self, muted: bool) -> None:
        """Muted: no audio leaves the machine (the microphone stops delivering blocks)."""
        self._muted = muted
        if self.microphone is not None:
            self.microphone.muted = muted

    # Internals

    def _set_talking(self, talking: bool) -> None:
        self._talking = talking
        for listener in self.talk_listeners:
            listener(talking)

    def _reconnected(self) -> bool:
        return self.session.server_sessions > 1

    def _drop_talk_turn(self) -> None:
        # The connection dropped while the talk key was held: the server lost the turn's head
        # with the old connection, so sending only its tail would answer half a sentence.
        self._set_talking(False)
        self.session.clear_audio()
        self._set_state(TurnState.IDLE)
        self._transport.flush()
        for dropped in self.dropped_turn_listeners:
            dropped()

    def _barge_in(self, *, force_cancel: bool = False) -> None:
        # A reply still prebuffering is cut too (nothing of it played: truncated at 0 ms).
        self._held = False
        busy = self.speaker is not None and self.speaker.is_busy
        cut = self.speaker.interrupt() if busy and self.speaker else None
        if cut is not None:
            self.session.interrupt(cut.played_ms)
        elif self.session.response_active and (force_cancel or not self._server_cancels()):
            self.session.cancel_response()

    def _server_cancels(self) -> bool:
        return self.mode is not TurnMode.PUSH_TO_TALK and self.session.config.server_interrupts

    def _speaker_audible(self) -> bool:
        return self.speaker is not None and self.speaker.is_audible

    def _set_state(self, state: TurnState) -> None:
        if state is not self.state:
            self.state = state
            for listener in self.state_listeners:
                listener(state)
