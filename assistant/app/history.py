"""The desktop app's conversation history: every conversation recorded, browsed and continued.

`AppHistory` opens the history store (`assistant.store`, in the data directory or
`RA_DATA_DIR`) once per window and records the window's session with a
`ConversationRecorder`: items as they complete, per-turn usage and cost, the provider and the
model. A store that cannot be opened (disk full, locked, corrupt) gives one plain notice and
the conversation goes on unrecorded; a write that fails later also gives one notice (the
recorder keeps trying with every event). Each recorded conversation also gets its session
event log next to the database (audio elided; `HistoryStore.event_log_path`), for bug reports.

"Continue" (from the history browser) seeds a new session with a stored conversation within
the token budget (`ConversationRecorder.resume`), shows the whole conversation in the window
with the summary note where the model's context begins, and records what follows into the
same stored conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
from pathlib import Path
from typing import TextIO

from assistant.app.core import AppCore
from assistant.app.pictures import MAX_PIXELS
from assistant.app.png_check import is_png, png_damaged
from assistant.realtime import ConversationSession, Event
from assistant.settings.store import AppSettings
from assistant.store import FAILURES, ConversationRecorder, HistoryStore, StoreError
from assistant.store.audiofiles import AudioUnavailable, check_available
from assistant.store.private import private_file
from assistant.store.turn_audio import TurnAudio
from assistant.ui.history_browser import HistoryBrowser
from assistant.ui.history_model import conversation_entries
from assistant.ui.i18n import QT_TRANSLATE_NOOP, localize, translate
from assistant.ui.window import MainWindow

NOT_OPENED = QT_TRANSLATE_NOOP(
    "History", "This conversation is not being saved: the history could not be opened ({reason})."
)
NOT_SAVED = QT_TRANSLATE_NOOP(
    "History", "The history could not be saved; the conversation goes on ({reason})."
)
BUFFERED_LINES = 1000  # log lines kept until the conversation exists (its first item)
# A write waits at most this long for another process's lock on the GUI thread; what could not
# be written waits in the recorder's queue and is tried again every RETRY_SECONDS, and once
# more, waiting up to CLOSING_BUSY_MS, when the window closes.
BUSY_MS = 50
RETRY_SECONDS = 2.0
CLOSING_BUSY_MS = 5000


class ConversationLog(io.StringIO):
    """The session event log of the conversation being recorded, whichever that is now.

    Lines that come before the conversation exists (its first item) wait in memory; when
    the recorded conversation changes (Continue, a delete) the log follows it. A log that
    cannot be written is given up quietly: the history itself is what matters.
    """

    def __init__(self, history: AppHistory) -> None:
        super().__init__()
        self._history = history
        self._file: TextIO | None = None
        self._path: Path | None = None
        self._waiting: list[str] = []
        self._broken = False

    def write(self, text: str) -> int:
        path = self._history.event_log_path()
        if path is None:
            self._waiting = [*self._waiting[-BUFFERED_LINES:], text]
        elif not self._broken:
            if path != self._path:
                self._open(path)
            if self._file is not None:
                self._file.write("".join(self._waiting) + text)
                self._waiting = []
        return len(text)

    def _open(self, path: Path) -> None:
        self.close_file()
        try:
            private_file(path)  # 0600 in a 0700 folder, like the database
            self._file, self._path = path.open("a", encoding="utf-8"), path
        except OSError:
            self._broken = True

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close_file(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = self._path = None


class AppHistory:
    """The window's history: the store (None: not kept), the current recorder, the browser."""

    def __init__(self, store: HistoryStore | None, profile: str, *, audio: bool = False) -> None:
        self.store, self.profile = store, profile
        self.recorder: ConversationRecorder | None = None
        self.audio: TurnAudio | None = None  # the audio of each turn, when it is kept
        if audio and store is not None:
            self.audio = TurnAudio(store, self._conversation_id, self._failed)
        self.window: MainWindow | None = None
        self.core: AppCore | None = None
        self.browser: HistoryBrowser | None = None
        self.log = ConversationLog(self)
        self._tasks: set[asyncio.Task[None]] = set()
        self._retry: asyncio.TimerHandle | None = None
        self._earlier: list[ConversationRecorder] = []  # replaced recorders with queued writes
        self._warned = False
        self.notice = ""  # the notice given when the store could not be opened

    @classmethod
    def open(cls, settings: AppSettings, profile: str) -> AppHistory:
        """The history as the settings want it; see `notice` if it could not be opened."""
        if not settings.keep_history:
            return cls(None, profile)
        try:
            store = HistoryStore.open(busy_timeout_ms=BUSY_MS)
        except StoreError as exc:
            history = cls(None, profile)
            history.notice = translate("History", NOT_OPENED).format(reason=exc)
            return history
        try:
            if settings.keep_audio:
                check_available()
        except AudioUnavailable as exc:
            history = cls(store, profile)
            history.notice = translate("History", NOT_SAVED).format(reason=exc)
            return history
        return cls(store, profile, audio=settings.keep_audio)

    @property
    def kept(self) -> bool:
        return self.store is not None

    def event_log(self) -> TextIO | None:
        """The event log for the clients of the recorded conversation (None: not kept)."""
        return self.log if self.store is not None else None

    def event_log_path(self) -> Path | None:
        cid = self.recorder.conversation_id if self.recorder is not None else None
        return self.store.event_log_path(cid) if self.store is not None and cid else None

    def _conversation_id(self) -> str:
        assert self.recorder is not None  # the audio is collected only while recording
        return self.recorder.ensure_conversation()

    def attach(self, core: AppCore, window: MainWindow) -> None:
        """Record `core`'s conversation and open the browser from `window`."""
        self.core, self.window = core, window
        if self.notice:
            window.show_notice(self.notice)
        if self.store is not None:
            self.recorder = self._recorder(core.session)
            core.controller.listeners.append(self.on_event)
            if self.audio is not None:
                core.controller.listeners.append(self.audio.on_event)
                core.controller.mic_listeners.append(self.audio.microphone)
            window.history_action.setEnabled(True)
        window.history_requested.connect(self.open_browser)

    def _recorder(self, session: ConversationSession) -> ConversationRecorder:
        assert self.store is not None
        return ConversationRecorder(
            self.store, session, profile=self.profile, on_failure=self._failed
        )

    def follow(self, session: ConversationSession, profile: str) -> None:
        """The conversation goes on in `session` over another connection (`profile`): what
        follows is recorded into the same stored conversation (a new one if it could not be
        read)."""
        self.profile = profile
        if self.store is None or self.recorder is None:
            return
        self.recorder.flush()
        cid = self.recorder.conversation_id
        try:
            recorder = ConversationRecorder(
                self.store, session, conversation_id=cid, profile=profile, on_failure=self._failed
            )
        except FAILURES as exc:
            self._failed(str(exc))
            recorder = self._recorder(session)
        self._use_recorder(recorder)

    def on_event(self, event: Event) -> None:
        if self.recorder is not None:
            self.recorder.on_event(event)
            self._retry_later()

    def _recorders(self) -> list[ConversationRecorder]:
        current = [self.recorder] if self.recorder is not None else []
        return [*self._earlier, *current]

    def _use_recorder(self, recorder: ConversationRecorder) -> None:
        """Record into `recorder` from now on; the one before keeps its queued writes."""
        if self.recorder is not None and self.recorder.pending:
            self._earlier.append(self.recorder)
        self.recorder = recorder

    def _retry_later(self) -> None:
        """Writes that met a lock are tried again later, on the loop (never blocking it)."""
        # Runs on every event (audio deltas too): no list built. Earlier recorders are kept
        # only while they have queued writes.
        pending = self._earlier or (self.recorder is not None and self.recorder.pending)
        if self._retry is None and pending:
            self._retry = asyncio.get_running_loop().call_later(RETRY_SECONDS, self._retried)

    def _retried(self) -> None:
        self._retry = None
        for recorder in self._recorders():
            if not recorder.flush():
                break  # the lock is still held: the later ones wait for the next try
        self._earlier = [r for r in self._earlier if r.pending]
        self._retry_later()

    def _failed(self, message: str) -> None:
        if not self._warned and self.window is not None:
            self._warned = True
            reason = localize(message)
            self.window.show_notice(translate("History", NOT_SAVED).format(reason=reason))

    # The browser and Continue

    def open_browser(self) -> None:
        if self.store is None or self.window is None:
            return
        if self.browser is None:
            self.browser = HistoryBrowser(self.store, self.window)
            self.browser.continue_requested.connect(self.continue_later)
            self.browser.deleted.connect(self._deleted)
        self.browser.show_history()

    def _deleted(self, conversation_id: str) -> None:
        """The conversation being recorded was deleted: what follows is a new one."""
        if self.recorder is not None and self.recorder.conversation_id == conversation_id:
            assert self.core is not None
            self._use_recorder(self._recorder(self.core.session))

    def continue_later(self, conversation_id: str) -> None:
        """The browser's request (a synchronous signal): continue on the loop."""
        task = asyncio.get_running_loop().create_task(self.continue_conversation(conversation_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def continue_conversation(self, conversation_id: str) -> None:
        """Continue a stored conversation in this window; see the module docstring."""
        if self.store is None or self.core is None or self.window is None:
            return
        session = self.core.new_session()
        try:
            recorder, plan = ConversationRecorder.resume(
                self.store, conversation_id, session, profile=self.profile, on_failure=self._failed
            )
            record = self.store.load(conversation_id)
        except FAILURES as exc:
            self.window.show_notice(translate("History", NOT_SAVED).format(reason=exc))
            return
        await self.core.switch_to(session, self.event_log())
        self._use_recorder(recorder)  # before the new session's first event (it needs the loop)
        store, chat = self.store, self.window.chat_model
        chat.read_picture = lambda p: shown_bytes(p.data or store.picture_bytes(conversation_id, p))
        chat.show_entries(conversation_entries(record, plan))

    def close(self) -> None:
        if self._retry is not None:
            self._retry.cancel()
            self._retry = None
        self.log.close_file()
        if self.store is not None:
            if any(r.pending for r in self._recorders()):
                with contextlib.suppress(*FAILURES):
                    self.store.set_busy_timeout(CLOSING_BUSY_MS)  # the window is gone: may wait
                    for recorder in self._recorders():
                        recorder.flush()
            self.store.close()
            self.store = None


def shown_bytes(data: bytes | None) -> bytes | None:
    """A stored picture's bytes for the chat to decode; None for a damaged PNG (shown as
    "picture not found"), which libpng would otherwise complain about on stderr."""
    if data and is_png(data) and png_damaged(data, MAX_PIXELS):
        return None
    return data
