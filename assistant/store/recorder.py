"""`ConversationRecorder`: a live `Session`'s conversation written to the history as it happens.

Give it every event the session produces (the app's event handler calls `on_event`, after the
core has applied the event). Each finished item is written at once, in its own transaction,
at the place the conversation gives it (`previous_item_id` order, not arrival order): a crash
or `kill -9` at any moment loses at most the item still streaming. Late user transcripts,
interruptions that come after a reply finished (the audio plays on after the text is done)
and deletions update the stored item in place. A new server session (reconnect, rollover,
expiry) adds a marker and nothing else: the core's replay keeps it one conversation.

Writing the history never breaks the conversation and never loses a write. Each write is
queued and tried at once when nothing waits before it; a write that fails (another process
holds the lock past the store's busy timeout, the disk is full) stays at the head of the queue,
with everything after it, in order, and is reported once to `on_failure`. The queue is tried
again by `flush()`, which the owner calls later (the app on a timer, the command line at the
end), never on every event: so with the app's short busy timeout a locked database costs one
short wait per retry, not five seconds per write on the GUI thread. (Writes in a worker thread
were the other choice; they would need a second connection and a hand-off for every read the
window makes, for the same result.) A write for a conversation deleted meanwhile is dropped.

The queue is bounded (`max_pending` writes, an hour or more of conversation): when the store
stays unwritable that long, further writes are dropped and reported once to `on_failure`; the
conversation itself goes on. Once the queue has emptied again, every finished item the
session holds is saved again (items are saved by id, so this fills the gap in place): what
stays lost is the usage of the turns that finished while the queue was full, and the removal
of an item the session dropped meanwhile.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import replace

from assistant.realtime import (
    ConversationSession,
    Cost,
    ErrorSeverity,
    Event,
    Interrupted,
    Item,
    ItemCompleted,
    ItemDeleted,
    ResponseFinished,
    ServerError,
    SessionCreated,
    TranscriptionBilled,
    Usage,
    UserTranscriptCompleted,
)
from assistant.realtime.picture_budget import pictures_within
from assistant.store.errors import FAILURES, UnknownConversation
from assistant.store.history import HistoryStore
from assistant.store.ordering import place
from assistant.store.records import SessionMarker, TurnUsage
from assistant.store.resume import DEFAULT_TOKEN_BUDGET, ResumePlan, plan_resume
from assistant.text import QT_TRANSLATE_NOOP, Sentence

NOT_SAVED_YET = QT_TRANSLATE_NOOP(
    "History", "The conversation history could not be saved yet: {error}"
)
NOT_SAVING = QT_TRANSLATE_NOOP(
    "History",
    "The conversation history could not be saved for too long; the conversation goes on, and "
    "all of it is saved again once the history can be written.",
)

Clock = Callable[[], float]


class ConversationRecorder:
    """Records one `Session` into one stored conversation; see the module docstring."""

    max_pending = 1_000  # queued writes; more are dropped (a turn makes three to five)

    def __init__(
        self,
        store: HistoryStore,
        session: ConversationSession,
        *,
        conversation_id: str | None = None,
        profile: str | None = None,
        on_failure: Callable[[str], None] | None = None,
        clock: Clock = time.time,
    ) -> None:
        """A new conversation is created at the first write, unless `conversation_id` names
        an existing one (as `resume` does) whose items the session already holds."""
        self._store, self._session = store, session
        self._cid, self._profile, self._clock = conversation_id, profile, clock
        self._on_failure = on_failure or (lambda _message: None)
        self._positions: dict[str, int] = {}
        self._floor = 0
        self._expired = False
        self._pending: deque[Callable[[], object]] = deque()  # writes not done yet, in order
        self.dropped = 0  # writes dropped because the queue was full
        self._dropping = False  # the queue overflowed and has not emptied since
        self.failure: str | None = None  # the last write that failed, as a sentence
        if conversation_id is not None:
            self._adopt(store.positions(conversation_id))

    @classmethod
    def resume(
        cls,
        store: HistoryStore,
        conversation_id: str,
        session: ConversationSession,
        *,
        token_budget: int = DEFAULT_TOKEN_BUDGET,
        profile: str | None = None,
        on_failure: Callable[[str], None] | None = None,
        clock: Clock = time.time,
    ) -> tuple[ConversationRecorder, ResumePlan]:
        """Continue a stored conversation in a new `session` (before it connects): seed it
        with the newest items within `token_budget` (and their pictures within the pictures'
        budget) and record what follows into the same
        conversation. The plan says how many items were left out of the model's context."""
        record = store.load(conversation_id)
        plan = plan_resume(record, token_budget)
        read = lambda picture: store.picture_bytes(conversation_id, picture)  # noqa: E731
        plan = replace(plan, items=tuple(pictures_within(plan.items, read)))
        session.restore(plan.items)
        last = record.items[-1].item.id if record.items else None
        detail = f"{plan.omitted} earlier items left out of the context" if plan.omitted else ""
        marker = SessionMarker("resumed", last, None, session.model, detail, clock())
        store.add_marker(conversation_id, marker)
        recorder = cls(
            store,
            session,
            conversation_id=conversation_id,
            profile=profile,
            on_failure=on_failure,
            clock=clock,
        )
        return recorder, plan

    @property
    def conversation_id(self) -> str | None:
        """The stored conversation, once anything was written (or `ensure_conversation`)."""
        return self._cid

    @property
    def pending(self) -> int:
        """How many writes wait for the next `flush()` (0: everything is stored)."""
        return len(self._pending)

    def ensure_conversation(self) -> str:
        """The stored conversation's id, creating it (queued like every write) if need be."""
        if self._cid is None:
            cid = self._cid = uuid.uuid4().hex
            profile, model, at = self._profile, self._session.model, self._clock()
            self._write(
                lambda: self._store.create_conversation(
                    profile=profile, model=model, conversation_id=cid, at=at
                )
            )
        return self._cid

    def on_event(self, event: Event) -> None:
        """Write what `event` changed. Never raises for a failed write (see the module)."""
        self._handle(event)

    def flush(self) -> bool:
        """Try the queued writes in order; True when none is left."""
        while self._pending:
            try:
                self._pending[0]()
            except UnknownConversation:
                pass  # deleted meanwhile: nothing to write it into
            except FAILURES as exc:
                if self.failure is None:
                    self.failure = Sentence("History", NOT_SAVED_YET, error=str(exc))
                    self._on_failure(self.failure)
                return False
            self._pending.popleft()
        self.failure = None
        if self._dropping:  # writes were dropped: the items again, which fills the gap
            self._dropping = False
            for item in self._session.conversation.items():
                if item.id in self._positions:  # (one still streaming is saved when done)
                    self._save(item)
        return True

    def _write(self, write: Callable[[], object]) -> None:
        """Queue `write`; try it at once unless earlier writes wait (they go first). A full
        queue drops it (see the module docstring)."""
        if len(self._pending) >= self.max_pending:
            self.dropped += 1
            if not self._dropping:
                self._dropping = True
                self._on_failure(Sentence("History", NOT_SAVING))
            return
        self._pending.append(write)
        if len(self._pending) == 1:
            self.flush()

    def _handle(self, event: Event) -> None:
        if isinstance(event, ItemCompleted):
            self._save(event.item)
        elif isinstance(event, UserTranscriptCompleted | Interrupted):
            self._refresh(event.item_id)
        elif isinstance(event, ItemDeleted):
            self._delete(event.item_id)
        elif isinstance(event, ResponseFinished):
            self._usage("response", event.response_id, event.usage, event.cost)
        elif isinstance(event, TranscriptionBilled):
            self._usage("transcription", event.item_id, event.usage, event.cost)
        elif isinstance(event, ServerError) and event.severity is ErrorSeverity.EXPIRED:
            self._expired = True
        elif isinstance(event, SessionCreated):
            self._session_created(event)

    def _adopt(self, stored: dict[str, int]) -> None:
        in_session = set(self._session.conversation.ids())
        self._positions = {i: p for i, p in stored.items() if i in in_session}
        self._floor = max((p for i, p in stored.items() if i not in in_session), default=0)

    def _save(self, item: Item) -> None:
        current = self._session.conversation.get(item.id) or item
        order = self._session.conversation.ids()
        updates = place(order, self._positions, item.id, self._floor)
        moved = {i: p for i, p in updates.items() if i != item.id}
        cid, position, at = self.ensure_conversation(), updates[item.id], self._clock()
        self._write(lambda: self._store.save_item(cid, current, position, moved=moved, at=at))
        self._positions.update(updates)

    def _refresh(self, item_id: str) -> None:
        """A stored item changed after it finished (late transcript, interruption)."""
        current = self._session.conversation.get(item_id)
        if current is not None and item_id in self._positions:
            self._save(current)

    def _delete(self, item_id: str) -> None:
        cid = self._cid
        if cid is not None and self._positions.pop(item_id, None) is not None:
            self._write(lambda: self._store.remove_item(cid, item_id))

    def _usage(self, kind: str, ref: str, usage: Usage, cost: Cost | None) -> None:
        turn = TurnUsage(kind, ref, usage, cost.total if cost else None, self._clock())
        cid = self.ensure_conversation()
        self._write(lambda: self._store.add_usage(cid, turn))

    def _session_created(self, event: SessionCreated) -> None:
        expired, self._expired = self._expired, False
        cid, model = self._cid, event.model
        if cid is None:
            return
        if model:
            self._write(lambda: self._store.set_model(cid, model))
        if self._session.server_sessions > 1:
            kind = "expired" if expired else "new_session"
            detail = f"server session {self._session.server_sessions}"
            marker = SessionMarker(
                kind, self._last_stored(), event.session_id, model, detail, self._clock()
            )
            self._write(lambda: self._store.add_marker(cid, marker))

    def _last_stored(self) -> str | None:
        return max(self._positions, key=self._positions.__getitem__, default=None)
