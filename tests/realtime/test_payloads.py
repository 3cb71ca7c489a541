"""Items as JSON objects and back: every kind, nested parts, hostile values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

import pytest

from assistant.realtime import (
    FunctionCall,
    FunctionResult,
    ItemKind,
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListing,
    Message,
    Note,
    Role,
)
from assistant.realtime.items import KINDS
from assistant.realtime.payloads import from_payload, to_payload

DONE = ItemStatus.COMPLETED
EVERY_KIND = [
    Message("m", Role.ASSISTANT, DONE, "It is noon", True, 812.5, True, 400, "It is", False),
    FunctionCall("f", DONE, "lookup", "call_1", '{"q": 1}', cut_off=True),
    FunctionResult("o", DONE, "call_1", "42"),
    McpListing("l", DONE, "docs", ("search", "fetch"), "partly failed"),
    McpApprovalRequest("r", DONE, "docs", "search", "{}"),
    McpApprovalResponse("p", DONE, "r", False, "not now", "docs", "search"),
    McpCall("c", ItemStatus.INCOMPLETE, "docs", "search", "{}", None, "boom (code 500)", "r"),
    Note("n", DONE, "future_item", "hello"),
]


@pytest.mark.parametrize("item", EVERY_KIND, ids=lambda item: item.kind.value)
def test_every_kind_comes_back_equal_through_json(item: object) -> None:
    payload = json.loads(json.dumps(to_payload(item)))  # type: ignore[arg-type]
    assert from_payload(item.kind, item.id, payload) == item  # type: ignore[attr-defined]


def test_mistyped_or_hostile_values_fall_back_to_defaults_and_keep_the_item() -> None:
    payload = {
        "role": "user",
        "status": "exploded",
        "text": ["not", "text"],
        "has_audio": 1,
        "audio_ms": True,
        "heard_ms": 1.5,
        "heard_text": {"x": 1},
        "id": "someone else's",
    }
    assert from_payload(ItemKind.MESSAGE, "m", payload) == Message(
        "m", Role.USER, ItemStatus.INCOMPLETE
    )
    assert from_payload(ItemKind.MCP_LIST_TOOLS, "l", {"tools": ["a", 3, None, "b"]}).tools == (
        "a",
        "b",
    )
    unknown_role = from_payload(ItemKind.MESSAGE, "x", {"role": "developer", "text": "hi"})
    assert unknown_role == Note("x", ItemStatus.INCOMPLETE, "message", "hi")


@dataclass(frozen=True, slots=True)
class Part:
    speaker: str
    start: float
    kind: Role = Role.USER


@dataclass(frozen=True, slots=True)
class WithParts:
    kind: ClassVar[ItemKind] = ItemKind.OTHER
    id: str
    status: ItemStatus
    parts: tuple[Part, ...] = ()
    best: Part | None = None


def test_nested_parts_round_trip_and_a_damaged_part_is_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(KINDS, ItemKind.OTHER, WithParts)  # type: ignore[arg-type]
    item = WithParts("w", DONE, (Part("A", 0.5), Part("B", 1.0, Role.ASSISTANT)), Part("A", 0.5))
    payload = json.loads(json.dumps(to_payload(item)))  # type: ignore[arg-type]
    assert payload["parts"][1] == {"speaker": "B", "start": 1.0, "kind": "assistant"}
    assert from_payload(ItemKind.OTHER, "w", payload) == item
    payload["parts"] = [{"speaker": "A"}, "junk", {"speaker": "C", "start": 2, "kind": "?"}]
    payload["best"] = 7
    assert from_payload(ItemKind.OTHER, "w", payload) == WithParts("w", DONE, (Part("C", 2.0),))
