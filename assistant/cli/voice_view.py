"""What `realtime-assistant voice` prints: the conversation as the user heard it.

The view is the terminal's `CoreListener` (the window's is `CoreBridge`): it sees every event
after the controller applied it. A user item is printed once its words are known (a typed
message at once, speech when its transcript arrives). An assistant reply is printed once it has
been heard: when the speaker has played it to the end ("completed"), or when the user cut in
("interrupted", with the milliseconds the speaker really played). `idle` is set whenever no
reply is owed or sounding: the runner sends the next `--text` message then.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from assistant.cli.runtime import item_json, summary_json, summary_line
from assistant.controller import Controller, TurnState
from assistant.realtime import (
    ConversationSession,
    ErrorSeverity,
    Event,
    Interrupted,
    Item,
    ItemCompleted,
    Message,
    ResponseFinished,
    Role,
    ServerError,
    SessionCreated,
    SpeechStarted,
    SpeechStopped,
    UserTranscriptCompleted,
    UserTranscriptFailed,
)
from assistant.realtime.items import role_of
from assistant.transport import LinkState, LinkStatus

if TYPE_CHECKING:
    from assistant.audio.playback import Speaker

PLAYED_TIMEOUT = 300.0
"""At most this long is waited for the speaker to play a finished reply (a stalled device)."""


_SPEAKERS = (Role.USER, Role.ASSISTANT)


class VoiceView:
    """Prints items, speech and the summary; see the module docstring. `bind` before use."""

    def __init__(self, out: TextIO, *, as_json: bool) -> None:
        self.out, self.as_json = out, as_json
        self.idle = asyncio.Event()
        self.idle.set()
        self.failed = asyncio.Event()  # the connection gave up (the core keeps the failure)
        self.failed_turns = 0
        self._controller: Controller | None = None
        self.speaker: Speaker | None = None
        self._printed: set[str] = set()
        self._speech: dict[str, tuple[int, int | None]] = {}  # item id -> (start, end) ms
        self._unheard: dict[str, None] = {}  # assistant items finished but maybe still playing
        self._untranscribed: set[str] = set()  # user speech waiting for its transcript
        self._tasks: set[asyncio.Task[None]] = set()

    def bind(self, controller: Controller, speaker: Speaker | None) -> None:
        """The controller whose session this view reports on, and the speaker it plays on."""
        self._controller, self.speaker = controller, speaker

    @property
    def controller(self) -> Controller:
        assert self._controller is not None, "bind() the view first"
        return self._controller

    @property
    def session(self) -> ConversationSession:
        return self.controller.session

    def reply_expected(self) -> None:
        """A message was just sent: `idle` clears until its reply has been heard."""
        self.idle.clear()

    # CoreListener

    def on_event(self, event: Event) -> None:
        match event:
            case ItemCompleted(item=item):
                self._completed(item)
            case UserTranscriptCompleted(item_id=item_id, transcript=text):
                self._transcribed(item_id, text)
            case UserTranscriptFailed(item_id=item_id):
                self._transcribed(item_id, "")
            case Interrupted():
                self._settle()
            case SpeechStarted(item_id=item_id, audio_start_ms=ms):
                self._speech[item_id] = (ms, None)
                self._json_only({"type": "speech", "event": "started", "audio_ms": ms})
            case SpeechStopped(item_id=item_id, audio_end_ms=ms):
                start = self._speech.get(item_id, (ms, None))[0]
                self._speech[item_id] = (start, ms)
                self._json_only({"type": "speech", "event": "stopped", "audio_ms": ms})
            case ResponseFinished():
                self._spawn(self._after_reply())
            case ServerError(severity=ErrorSeverity.RECOVERABLE, message=message):
                self.notice(f"Server error: {message}")
                self.failed_turns += 1
                self.idle.set()
            case SessionCreated() if self.session.server_sessions > 1:
                self.notice("(reconnected; the conversation was restored)")
            case _:
                pass

    def on_turn_state(self, state: TurnState) -> None:
        del state  # the transcript shows turns; nothing to print on each change

    def on_link_status(self, status: LinkStatus) -> None:
        """Reconnect progress goes to stderr, as `chat` does, so a waiting terminal is never
        silent; a give-up arrives as on_connection_failed."""
        if status.state is LinkState.RECONNECTING and status.attempt and status.detail:
            self.notice(f"realtime-assistant: reconnecting: {status.detail}")

    def on_connection_failed(self, message: str) -> None:
        del message  # the runner reports the failure with its exit status
        self.failed.set()

    # Output

    def notice(self, text: str) -> None:
        """A sentence for the user that is not part of the conversation: to stderr."""
        sys.stderr.write(text + "\n")
        sys.stderr.flush()

    on_notice = notice  # the core's notices (a recovered internal error) go where others do

    def finish(self) -> None:
        """Print what is left (replies cut by the end of the run count as interrupted) and the
        summary. Call after the speaker was stopped."""
        for task in self._tasks:
            task.cancel()
        self._settle()
        for item in self.session.conversation.items():  # cut short by the end of the run
            if role_of(item) in _SPEAKERS and item.id not in self._printed:
                self._print(item)
        if self.as_json:
            self._json(summary_json(self.session))
        elif line := summary_line(self.session):
            self.out.write(line + "\n")
            self.out.flush()

    # Internals

    def _completed(self, item: Item) -> None:
        if role_of(item) is Role.ASSISTANT:
            self._unheard[item.id] = None
            self._settle()
        elif _spoken(item) and self.session.config.transcription:
            self._untranscribed.add(item.id)
        else:
            self._print(item)

    def _transcribed(self, item_id: str, text: str) -> None:
        item = self.session.conversation.get(item_id)
        if item_id in self._untranscribed and item is not None:
            self._untranscribed.discard(item_id)
            self._print(item, text=text)

    async def _after_reply(self) -> None:
        if self.speaker is not None:
            await self.speaker.drain(PLAYED_TIMEOUT)
        self._settle()
        if not (self.session.response_active or self.session.awaiting_tools):
            self.idle.set()  # else a tool runs, and the reply to its output follows

    def _settle(self) -> None:
        """Print the finished replies that have been heard to the end or cut."""
        for item_id in list(self._unheard):
            item = self.session.conversation.get(item_id)
            if item is None or self._heard(item):
                del self._unheard[item_id]
                if item is not None:
                    self._print(item)

    def _heard(self, item: Item) -> bool:
        speaker = self.speaker
        if isinstance(item, Message) and item.interrupted:
            return True
        if speaker is None or not speaker.is_busy:
            return True
        return speaker.played_frames(item.id) >= speaker.received_frames(item.id)

    def _print(self, item: Item, *, text: str | None = None) -> None:
        self._printed.add(item.id)
        if self.as_json:
            data = voice_item_json(item, text)
            start, end = self._speech.get(item.id, (0, None))
            if end is not None:
                data["speech_ms"] = end - start
            self._json(data)
        elif isinstance(item, Message) and item.role in _SPEAKERS:
            self.out.write(transcript_line(item, text) + "\n")
            self.out.flush()

    def _json_only(self, data: dict[str, Any]) -> None:
        if self.as_json:
            self._json(data)

    def _json(self, data: dict[str, Any]) -> None:
        self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
        self.out.flush()

    def _spawn(self, work: Any) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def voice_item_json(item: Item, text: str | None = None) -> dict[str, Any]:
    """An item as a --json line: chat's fields, status "interrupted" with `heard_ms` for a reply
    the user cut into, and `audio_ms` for a reply's audio (the view adds `speech_ms`, the
    length of the user's spoken turn, from the speech events)."""
    data = item_json(item)
    for key in ("interrupted", "interrupted_at_ms"):  # said as status and heard_ms instead
        data.pop(key, None)
    if text is not None:
        data["text"] = text
    if isinstance(item, Message) and item.interrupted:
        data.update(status="interrupted", heard_ms=item.heard_ms)
    if isinstance(item, Message) and item.audio_ms:
        data["audio_ms"] = round(item.audio_ms)
    return data


def _spoken(item: Item) -> bool:
    return isinstance(item, Message) and item.role is Role.USER and item.has_audio


def transcript_line(item: Message, text: str | None = None) -> str:
    """ "You: ..." or "Assistant: ...", with how much of an interrupted reply was heard; a
    diarized transcript one line per speaker segment, a reasoning model's preamble marked, a
    message's pictures named with their size."""
    words = item.shown_text if text is None else text
    if item.role is Role.USER and item.segments:
        return "\n".join(f"You (speaker {s.speaker}): {s.text.strip()}" for s in item.segments)
    if item.role is Role.USER:
        shown = "".join(f" [picture {p.name}, {p.width}x{p.height}]" for p in item.pictures)
        return f"You: {words or '(speech, no transcript)'}{shown}"
    cut = f" (interrupted after {(item.heard_ms or 0) / 1000:.1f} s)" if item.interrupted else ""
    who = "Assistant (preamble)" if item.phase == "commentary" else "Assistant"
    return f"{who}: {words}{cut}"
