"""The Realtime protocol core: standard library only, no I/O, no clock, no Qt.

Start with `Session`: feed it server messages, drain typed events and outgoing messages.
"""

from assistant.realtime.config import (
    SPEEDS,
    VOICES,
    Dialect,
    Eagerness,
    NoiseReduction,
    ReasoningEffort,
    SemanticVad,
    ServerVad,
    SessionConfig,
    Transcription,
    Truncation,
    TurnDetection,
    mcp_tool,
)
from assistant.realtime.conversation import Conversation
from assistant.realtime.events import *  # noqa: F403  (the event vocabulary is the public API)
from assistant.realtime.events import ErrorSeverity, Event
from assistant.realtime.items import (
    Detail,
    FunctionCall,
    FunctionResult,
    Item,
    ItemKind,
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListing,
    Message,
    Note,
    Picture,
    Role,
    SpeakerSegment,
)
from assistant.realtime.models import (
    DEFAULT_MODEL,
    DIARIZE_MODEL,
    MODELS,
    REASONING_EFFORTS,
    TRANSCRIPTION_MODELS,
    Lifecycle,
    Model,
    ModelStatus,
    model_notice,
    model_status,
)
from assistant.realtime.session import Session
from assistant.realtime.sessions import new_session
from assistant.realtime.surface import ConversationSession
from assistant.realtime.text import valid_text
from assistant.realtime.usage import PRICES, Cost, Price, Usage, price_for

__all__ = [
    "DEFAULT_MODEL",
    "DIARIZE_MODEL",
    "MODELS",
    "PRICES",
    "REASONING_EFFORTS",
    "SPEEDS",
    "TRANSCRIPTION_MODELS",
    "VOICES",
    "Conversation",
    "ConversationSession",
    "Cost",
    "Detail",
    "Dialect",
    "Eagerness",
    "ErrorSeverity",
    "Event",
    "FunctionCall",
    "FunctionResult",
    "Item",
    "ItemKind",
    "ItemStatus",
    "Lifecycle",
    "McpApprovalRequest",
    "McpApprovalResponse",
    "McpCall",
    "McpListing",
    "Message",
    "Model",
    "ModelStatus",
    "NoiseReduction",
    "Note",
    "Picture",
    "Price",
    "ReasoningEffort",
    "Role",
    "SemanticVad",
    "ServerVad",
    "Session",
    "SessionConfig",
    "SpeakerSegment",
    "Transcription",
    "Truncation",
    "TurnDetection",
    "Usage",
    "mcp_tool",
    "model_notice",
    "model_status",
    "new_session",
    "price_for",
    "valid_text",
]
