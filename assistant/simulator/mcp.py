"""Remote MCP tools (GA): listing, approval requests and calls, as the Realtime service does them.

On ``session.update`` every new or changed ``mcp`` tool gets an ``mcp_list_tools`` item
(``conversation.item.added``, ``mcp_list_tools.in_progress``); a `Job` then lists the
server's tools over real HTTP (`mcp_client`, in a worker thread run by the connection) and
its `finish` sends ``conversation.item.done`` with the allowed tools and
``mcp_list_tools.completed`` (or ``.failed``). The deterministic model's MCP rules, checked
before the other reply rules, over the items after the latest user message:

1. an ``mcp_call`` not yet followed by an assistant message: say its output (or its error);
2. an ``mcp_approval_response`` not yet acted on: approved -> call the tool; declined -> say so;
3. an approval request, response or call there: no MCP rule applies (the other rules answer);
4. a listed tool whose name words all occur in the user text (``search_docs``: "search" and
   "docs"), or the one ``tool_choice`` names: if ``require_approval`` asks for it
   (``"always"``, the default, or a filter naming it) an ``mcp_approval_request`` ends the
   response; otherwise the tool is called at once.

A call streams ``response.mcp_call_arguments.delta``/``.done`` and
``response.mcp_call.in_progress``, waits for ``tools/call`` (a `Step` with a job), then sends
``response.mcp_call.completed`` or ``.failed`` (the item gets ``output`` or ``error``) and the
response ends; the client asks for the answer, which rule 1 gives.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .conversation import Entry, ServerConversation, item_text
from .events import Event, ProtocolError, invalid_type, missing_parameter, new_id, server_event
from .mcp_client import McpFailure, McpServer, call_tool, list_tools
from .replies import TextReply, arguments_for
from .response_spec import Step

if TYPE_CHECKING:
    from .response import ResponseRun

logger = logging.getLogger(__name__)

ARGUMENT_CHUNK = 8
_TURN_ITEMS = {"mcp_approval_request", "mcp_approval_response", "mcp_call"}
UNREADABLE = "The MCP server's reply could not be read."


@dataclass
class Job:
    """Blocking MCP work: the connection runs `run` in a thread, then sends `finish()`."""

    work: Callable[[], Any]
    on_done: Callable[[Job], list[Event]] = lambda _job: []
    result: Any = None
    failure: McpFailure | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except McpFailure as failure:
            self.failure = failure
        except Exception:  # a reply we did not foresee: fail the call, keep the session
            logger.exception("MCP request failed")
            self.failure = McpFailure("protocol_error", -32603, UNREADABLE)

    def finish(self) -> list[Event]:
        return self.on_done(self)


@dataclass
class Listing:
    """One server's listing: its tool config and, once listed, its allowed tools."""

    tool: dict[str, Any]
    item_id: str
    tools: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class McpAsk:
    """The response asks the user to approve calling `name` on `server` with `arguments`."""

    label: str
    name: str
    arguments: str


@dataclass(frozen=True)
class McpCall:
    """The response calls `name` on the server of `tool` (after approval `request_id`)."""

    tool: dict[str, Any]
    name: str
    arguments: str
    request_id: str | None = None


McpReply = McpAsk | McpCall


@dataclass
class McpState:
    """A session's MCP servers (by label) and the listing work waiting for the connection."""

    listings: dict[str, Listing] = field(default_factory=dict)
    jobs: list[Job] = field(default_factory=list)

    def take_jobs(self) -> list[Job]:
        jobs, self.jobs = self.jobs, []
        return jobs

    def configure(
        self, tools: list[dict[str, Any]], conversation: ServerConversation
    ) -> list[Event]:
        """Start listing every new or changed ``mcp`` tool; forget removed ones."""
        wanted = {str(t["server_label"]): t for t in tools if t.get("type") == "mcp"}
        self.listings = {k: v for k, v in self.listings.items() if k in wanted}
        events: list[Event] = []
        for label, tool in wanted.items():
            known = self.listings.get(label)
            if known is None or known.tool != tool:
                events += self._start_listing(tool, conversation)
        return events

    def _start_listing(self, tool: dict[str, Any], conversation: ServerConversation) -> list[Event]:
        label = str(tool["server_label"])
        item = {"id": new_id("mcpl"), "type": "mcp_list_tools", "server_label": label, "tools": []}
        entry = Entry(item)
        previous = conversation.insert(entry)
        listing = Listing(copy.deepcopy(tool), entry.id)
        self.listings[label] = listing
        server = McpServer.from_tool(tool)
        self.jobs.append(Job(lambda: list_tools(server), lambda job: _listed(listing, entry, job)))
        added = server_event(
            "conversation.item.added", previous_item_id=previous, item=copy.deepcopy(item)
        )
        return [added, server_event("mcp_list_tools.in_progress", item_id=entry.id)]


def _listed(listing: Listing, entry: Entry, job: Job) -> list[Event]:
    if job.failure is not None:
        listing.tools = []
        outcome = server_event("mcp_list_tools.failed", item_id=entry.id)
    else:
        listing.tools = [t for t in job.result if _allowed(listing.tool, t)]
        outcome = server_event("mcp_list_tools.completed", item_id=entry.id)
    entry.item["tools"] = [_listed_tool(t) for t in listing.tools]
    done = server_event("conversation.item.done", item=copy.deepcopy(entry.item))
    return [done, outcome]


def _listed_tool(tool: dict[str, Any]) -> dict[str, Any]:
    listed = {"name": tool["name"], "input_schema": tool.get("inputSchema") or {}}
    for key in ("description", "annotations"):
        if tool.get(key) is not None:
            listed[key] = tool[key]
    return listed


def _allowed(config: dict[str, Any], tool: dict[str, Any]) -> bool:
    allowed = config.get("allowed_tools")
    if allowed is None:
        return True
    if isinstance(allowed, list):
        return tool["name"] in allowed
    return _filter_matches(allowed, tool)


def _filter_matches(spec: Any, tool: dict[str, Any]) -> bool:
    """A ``{tool_names, read_only}`` filter: every condition it states holds."""
    if not isinstance(spec, dict):
        return False
    names = spec.get("tool_names")
    if names is not None and tool["name"] not in names:
        return False
    read_only = spec.get("read_only")
    hint = (tool.get("annotations") or {}).get("readOnlyHint", False)
    return read_only is None or bool(hint) == read_only


def needs_approval(config: dict[str, Any], tool: dict[str, Any]) -> bool:
    """``require_approval``: "always" (the default), "never", or ``{always, never}`` filters."""
    policy = config.get("require_approval", "always")
    if policy == "never":
        return False
    if isinstance(policy, dict):
        if _filter_matches(policy.get("never"), tool):
            return False
        if policy.get("always") is not None:
            return _filter_matches(policy["always"], tool)
    return True


# The model's MCP rules


def plan_reply(
    entries: list[Entry], state: McpState, tools: list[dict[str, Any]], choice: Any
) -> McpReply | TextReply | None:
    """The MCP reply to a context, or None when no MCP rule applies (see the module doc)."""
    start = next(
        (i + 1 for i in range(len(entries) - 1, -1, -1) if entries[i].item.get("role") == "user"),
        None,
    )
    if start is None:
        return None
    tail = [e.item for e in entries[start:]]
    answered = _answer_to_call(tail) or _answer_to_approval(tail, state)
    if answered is not None or any(i.get("type") in _TURN_ITEMS for i in tail):
        return answered
    return _match(item_text(entries[start - 1].item), state, tools, choice)


def _answer_to_call(tail: list[dict[str, Any]]) -> TextReply | None:
    for item in reversed(tail):
        if item.get("role") == "assistant":
            return None
        if item.get("type") == "mcp_call":
            where = f"The tool {item.get('name')} on {item.get('server_label')}"
            error = item.get("error")
            if error:
                return TextReply(f"{where} failed: {error.get('message', 'unknown error')}")
            return TextReply(f"{where} returned: {_shorten(str(item.get('output') or ''))}")
    return None


def _answer_to_approval(tail: list[dict[str, Any]], state: McpState) -> McpReply | TextReply | None:
    for index in range(len(tail) - 1, -1, -1):
        item = tail[index]
        if item.get("role") == "assistant" or item.get("type") == "mcp_call":
            return None
        if item.get("type") == "mcp_approval_response":
            request = next(
                (r for r in tail if r.get("id") == item.get("approval_request_id")), None
            )
            return _act_on(item, request, state) if request else None
    return None


def _act_on(
    answer: dict[str, Any], request: dict[str, Any], state: McpState
) -> McpReply | TextReply:
    label, name = str(request["server_label"]), str(request["name"])
    listing = state.listings.get(label)
    if not answer.get("approve"):
        return TextReply(f"Understood: you declined, so I did not use {name} on {label}.")
    if listing is None:
        return TextReply(f"The MCP server {label} is no longer configured, so I cannot use {name}.")
    return McpCall(listing.tool, name, str(request["arguments"]), str(request["id"]))


def _match(text: str, state: McpState, tools: list[dict[str, Any]], choice: Any) -> McpReply | None:
    if choice == "none":
        return None
    labels = [str(t.get("server_label")) for t in tools if t.get("type") == "mcp"]
    for label in labels:
        listing = state.listings.get(label)
        for tool in (listing.tools or []) if listing else []:
            if _chosen(tool["name"], label, text, choice):
                assert listing is not None
                schema = tool.get("inputSchema") or {}
                arguments = json.dumps(arguments_for(schema, text), separators=(",", ":"))
                if needs_approval(listing.tool, tool):
                    return McpAsk(label, tool["name"], arguments)
                return McpCall(listing.tool, tool["name"], arguments)
    return None


def _chosen(name: str, label: str, text: str, choice: Any) -> bool:
    if isinstance(choice, dict):
        return choice.get("type") == "mcp" and (choice.get("server_label"), choice.get("name")) == (
            label,
            name,
        )
    said = set(re.findall(r"[a-z0-9]+", text.lower()))
    words = [w for w in re.split(r"[^a-z0-9]+", name.lower()) if w]
    return bool(words) and all(w in said for w in words)


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


# Response steps


def reply_steps(run: ResponseRun, reply: McpReply) -> Iterator[Step]:
    """The output item of an MCP reply; the run's closing events end the response after it."""
    if isinstance(reply, McpAsk):
        item = {
            "id": new_id("mcpr"),
            "type": "mcp_approval_request",
            "server_label": reply.label,
            "name": reply.name,
            "arguments": reply.arguments,
        }
        yield Step(run.open_item(item))
        return
    yield from _call_steps(run, reply)


def _call_steps(run: ResponseRun, call: McpCall) -> Iterator[Step]:
    server = McpServer.from_tool(call.tool)
    item: dict[str, Any] = {
        "id": new_id("mcp"),
        "type": "mcp_call",
        "server_label": server.label,
        "name": call.name,
        "arguments": "",
        "approval_request_id": call.request_id,
        "output": None,
        "error": None,
    }
    yield Step(run.open_item(item))
    item_id = str(item["id"])
    for start in range(0, len(call.arguments), ARGUMENT_CHUNK):
        piece = call.arguments[start : start + ARGUMENT_CHUNK]
        run.sent += piece
        run.sync_entry()
        yield Step([_call_event(run, "response.mcp_call_arguments.delta", item_id, delta=piece)])
    job = Job(lambda: call_tool(server, call.name, json.loads(call.arguments or "{}")))
    done = _call_event(run, "response.mcp_call_arguments.done", item_id, arguments=run.sent)
    started = _call_event(run, "response.mcp_call.in_progress", item_id)
    yield Step([done, started], job=job)
    if job.failure is not None:
        item["error"] = job.failure.to_error()
        yield Step([_call_event(run, "response.mcp_call.failed", item_id)])
    else:
        item["output"] = job.result
        yield Step([_call_event(run, "response.mcp_call.completed", item_id)])


def _call_event(run: ResponseRun, kind: str, item_id: str, **fields: Any) -> Event:
    if "arguments" in kind:
        fields["response_id"] = run.id
    return server_event(kind, item_id=item_id, output_index=0, **fields)


# Client items


def approval_fields(
    item: dict[str, Any], path: str, conversation: ServerConversation
) -> dict[str, Any]:
    """The validated fields of a client ``mcp_approval_response`` item."""
    request_id = item.get("approval_request_id")
    if request_id is None:
        raise missing_parameter(f"{path}.approval_request_id")
    if not isinstance(request_id, str):
        raise invalid_type(f"{path}.approval_request_id", "a string", request_id)
    approve = item.get("approve")
    if not isinstance(approve, bool):
        raise invalid_type(f"{path}.approve", "a boolean", approve)
    request = conversation.get(request_id)  # raises item_not_found
    if request.item.get("type") != "mcp_approval_request":
        message = f"Item '{request_id}' is not an MCP approval request."
        raise ProtocolError("invalid_value", message, f"{path}.approval_request_id")
    fields: dict[str, Any] = {"approval_request_id": request_id, "approve": approve}
    if isinstance(item.get("reason"), str):
        fields["reason"] = item["reason"]
    return fields
