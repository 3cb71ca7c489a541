"""The Realtime protocol core: standard library only, no I/O, no clock, no Qt.

Start with `Session`: feed it server messages, drain typed events and outgoing messages.
"""

from assistant.realtime.config import (
    SPEEDS,
    TRANSCRIPTION_MODELS,
    VOICES,
    Dialect,
    Eagerness,
    NoiseReduction,
    SemanticVad,
    ServerVad,
    SessionConfig,
    Transcription,
    TurnDetection,
    mcp_tool,
)
from assistant.realtime.conversation import Conversation
from assistant.realtime.events import *  # noqa: F403  (the event vocabulary is the public API)
from assistant.realtime.events import ErrorSeverity, Event
from assistant.realtime.items import Item, ItemKind, ItemStatus
from assistant.realtime.session import Session
from assistant.realtime.sessions import new_session
from assistant.realtime.surface import ConversationSession
from assistant.realtime.text import valid_text
from assistant.realtime.usage import PRICES, Cost, Price, Usage, price_for

__all__ = [
    "PRICES",
    "SPEEDS",
    "TRANSCRIPTION_MODELS",
    "VOICES",
    "Conversation",
    "ConversationSession",
    "Cost",
    "Dialect",
    "Eagerness",
    "ErrorSeverity",
    "Event",
    "Item",
    "ItemKind",
    "ItemStatus",
    "NoiseReduction",
    "Price",
    "SemanticVad",
    "ServerVad",
    "Session",
    "SessionConfig",
    "Transcription",
    "TurnDetection",
    "Usage",
    "mcp_tool",
    "new_session",
    "price_for",
    "valid_text",
]
