"""Conversation history on disk (standard `sqlite3`): record, list, search, resume, export.

Start with `HistoryStore.open()` and a `ConversationRecorder` fed with a `Session`'s events;
`ConversationRecorder.resume` continues a stored conversation in a new `Session`. This is
the only package that imports `sqlite3`.
"""

from assistant.store.errors import FAILURES, ImportFailed, StoreError, UnknownConversation
from assistant.store.eventlogs import export_event_log
from assistant.store.exports import dumps, from_json, loads, to_json, to_markdown
from assistant.store.history import HistoryStore
from assistant.store.paths import DATA_DIR_ENV, data_dir, database_path
from assistant.store.recorder import ConversationRecorder
from assistant.store.records import (
    ConversationRecord,
    ConversationSummary,
    SearchHit,
    SessionMarker,
    StoredItem,
    TurnUsage,
)
from assistant.store.resume import (
    DEFAULT_TOKEN_BUDGET,
    ResumePlan,
    is_omitted_note,
    plan_resume,
)

__all__ = [
    "DATA_DIR_ENV",
    "DEFAULT_TOKEN_BUDGET",
    "FAILURES",
    "ConversationRecord",
    "ConversationRecorder",
    "ConversationSummary",
    "HistoryStore",
    "ImportFailed",
    "ResumePlan",
    "SearchHit",
    "SessionMarker",
    "StoreError",
    "StoredItem",
    "TurnUsage",
    "UnknownConversation",
    "data_dir",
    "database_path",
    "dumps",
    "export_event_log",
    "from_json",
    "is_omitted_note",
    "loads",
    "plan_resume",
    "to_json",
    "to_markdown",
]
