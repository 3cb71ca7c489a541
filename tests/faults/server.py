"""A scripted fault server: a small GA Realtime peer on 127.0.0.1 that breaks where told.

It speaks just enough of the protocol for a text, audio or function-call turn (every event it
sends is checked against the `openai` models by `tests/oracle.py`), and it records what each
connection received, so a test can tell whether anything the client sent was lost.

A `Fault` names the protocol phase where it strikes (`Phase`), what it does there (`Action`)
and which connections it hits (the first one, or every one: a crash-looping server).
Phases are points in the event stream, not moments in time, so the tests do not depend on
how fast the machine is.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import http
import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from tests.oracle import validate_server_event

PCM_CHUNK = bytes(2400)  # 50 ms of 24 kHz 16-bit silence
REPLY_WORDS = ["Fine", " thanks", ",", " you", " said", ": "]


class Phase(Enum):
    HANDSHAKE = "handshake"  # before the upgrade: answer HTTP `status` (or drop)
    CONNECTED = "connected"  # the socket is open, nothing sent yet
    SESSION_CREATED = "session created"  # when the client answers `session.created`
    USER_AUDIO = "user audio"  # on the client's first `input_audio_buffer.append`
    USER_TEXT = "user text"  # on the client's `conversation.item.create`
    MID_TEXT = "mid text"  # after the reply's first text delta
    MID_AUDIO = "mid audio"  # after the reply's first audio delta
    FUNCTION_CALL = "function call"  # after the call's first arguments delta
    ITEM_DONE = "between item.done and response.done"


class Action(Enum):
    DROP = "drop"  # the TCP connection vanishes (no close frame)
    CLOSE = "close"  # a close frame with `code` and `reason`
    SILENCE = "silence"  # sends nothing more (and ignores the client)
    FLOOD = "flood"  # `count` unknown-but-valid events as fast as it can, then goes on
    OVERSIZED = "oversized"  # one frame of `size` bytes
    REFUSE = "refuse"  # HTTP `status` on the handshake (Phase.HANDSHAKE only)


@dataclass(frozen=True)
class Fault:
    phase: Phase
    action: Action
    code: int = 1011
    reason: str = ""
    status: int = 503
    count: int = 10_000
    size: int = 20 * 1024 * 1024
    every: bool = False  # every connection, not only the first one that reaches `phase`
    times: int = 1  # how many connections it hits (when not `every`)
    skip: int = 0  # the first `skip` connections that reach `phase` pass unharmed


@dataclass
class Script:
    faults: list[Fault] = field(default_factory=list)
    reply: str = "text"  # "text", "audio" or "function" (a call first, then text)


@dataclass
class Connection:
    """What one connection received (client events, decoded) and how it ended."""

    number: int
    received: list[dict[str, Any]] = field(default_factory=list)

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [event for event in self.received if event.get("type") == kind]

    def user_texts(self) -> list[str]:
        texts = []
        for event in self.of_type("conversation.item.create"):
            item = event["item"]
            if item.get("role") == "user":
                texts += [part.get("text", "") for part in item.get("content", [])]
        return texts


class _Stop(Exception):
    """The scripted fault ended this connection."""


class FaultServer:
    """`async with FaultServer(script) as server:` then connect to `server.url`."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.connections: list[Connection] = []
        self.handshakes = 0
        self._hits: dict[int, int] = {}  # fault index -> connections hit
        self._ids = itertools.count(1)
        self._server: Server | None = None
        self.url = ""

    async def __aenter__(self) -> FaultServer:
        self._server = await serve(
            self._handle, "127.0.0.1", 0, process_request=self._handshake, max_size=None
        )
        port = next(iter(self._server.sockets)).getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/v1/realtime?model=gpt-realtime"
        return self

    async def __aexit__(self, *_exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    def all_received(self) -> list[dict[str, Any]]:
        return [event for c in self.connections for event in c.received]

    # Faults

    def _due(self, phase: Phase) -> Fault | None:
        for index, fault in enumerate(self.script.faults):
            if fault.phase is not phase:
                continue
            hits = self._hits.get(index, 0)
            self._hits[index] = hits + 1
            if hits < fault.skip:
                continue
            if fault.every or hits - fault.skip < fault.times:
                return fault
        return None

    def _handshake(self, connection: ServerConnection, _request: Request) -> Response | None:
        self.handshakes += 1
        fault = self._due(Phase.HANDSHAKE)
        if fault is None:
            return None
        if fault.action is Action.DROP:
            connection.transport.abort()
            return connection.respond(http.HTTPStatus.BAD_GATEWAY, "")
        status = http.HTTPStatus(fault.status)
        body = json.dumps({"error": {"message": status.phrase}}).encode()
        headers = Headers([("Content-Type", "application/json")])
        return Response(status.value, status.phrase, headers, body)

    async def _strike(self, ws: ServerConnection, phase: Phase) -> None:
        fault = self._due(phase)
        if fault is None:
            return
        if fault.action is Action.DROP:
            ws.transport.abort()
            raise _Stop
        if fault.action is Action.CLOSE:
            await ws.close(fault.code, fault.reason)
            raise _Stop
        if fault.action is Action.SILENCE:
            await ws.wait_closed()
            raise _Stop
        if fault.action is Action.FLOOD:
            for _ in range(fault.count):
                await self._send(ws, "rate_limits.updated", rate_limits=[])
            return
        if fault.action is Action.OVERSIZED:
            padding = "A" * fault.size
            await ws.send(json.dumps({"type": "rate_limits.updated", "pad": padding}))
            await ws.wait_closed()
            raise _Stop

    # The protocol

    async def _handle(self, ws: ServerConnection) -> None:
        connection = Connection(len(self.connections) + 1)
        self.connections.append(connection)
        state = _Peer()
        with contextlib.suppress(_Stop, ConnectionClosed):
            await self._strike(ws, Phase.CONNECTED)
            await self._session_created(ws)
            async for message in ws:
                event = json.loads(message)
                connection.received.append(event)
                if len(connection.received) == 1:
                    await self._strike(ws, Phase.SESSION_CREATED)
                await self._answer(ws, state, event)

    async def _answer(self, ws: ServerConnection, state: _Peer, event: dict[str, Any]) -> None:
        kind = event.get("type")
        if kind == "session.update":
            await self._send(ws, "session.updated", session=_session(self._id("sess")))
        elif kind == "conversation.item.create":
            item = event["item"]
            if item.get("role") == "user":
                await self._strike(ws, Phase.USER_TEXT)
            await self._add_item(ws, state, _server_item(item))
        elif kind == "input_audio_buffer.append":
            if not state.audio_bytes:
                await self._strike(ws, Phase.USER_AUDIO)
            state.audio_bytes += 1
        elif kind == "input_audio_buffer.commit":
            item_id = self._id("item")
            await self._send(
                ws, "input_audio_buffer.committed", previous_item_id=state.last, item_id=item_id
            )
            content = [{"type": "input_audio", "transcript": None}]
            item = {"id": item_id, "type": "message", "role": "user", "content": content}
            await self._add_item(ws, state, {**item, "object": "realtime.item"})
            state.audio_bytes = 0
        elif kind == "response.create":
            await self._reply(ws, state)

    async def _add_item(self, ws: ServerConnection, state: _Peer, item: dict[str, Any]) -> None:
        item = {**item, "status": "completed"}
        previous, state.last = state.last, item["id"]
        await self._send(ws, "conversation.item.added", previous_item_id=previous, item=item)
        await self._send(ws, "conversation.item.done", previous_item_id=previous, item=item)

    async def _reply(self, ws: ServerConnection, state: _Peer) -> None:
        response_id = self._id("resp")
        await self._send(ws, "response.created", response=_response(response_id, "in_progress"))
        if self.script.reply == "function" and not state.called:
            state.called = True
            output = await self._function_call(ws, state, response_id)
        else:
            output = await self._message(ws, state, response_id)
        await self._strike(ws, Phase.ITEM_DONE)
        await self._send(ws, "response.done", response=_response(response_id, "completed", output))

    async def _message(
        self, ws: ServerConnection, state: _Peer, response_id: str
    ) -> list[dict[str, Any]]:
        item_id = self._id("item")
        audio = self.script.reply == "audio"
        where = {"response_id": response_id, "item_id": item_id, "output_index": 0}
        item = {"id": item_id, "type": "message", "object": "realtime.item", "role": "assistant"}
        added = {**item, "status": "in_progress", "content": []}
        await self._send(ws, "response.output_item.added", **_at(where, "item_id"), item=added)
        previous, state.last = state.last, item_id
        await self._send(ws, "conversation.item.added", previous_item_id=previous, item=added)
        empty = {"type": "audio", "transcript": ""} if audio else {"type": "text", "text": ""}
        part = {**where, "content_index": 0}
        await self._send(ws, "response.content_part.added", **part, part=empty)
        words = [*REPLY_WORDS, f"{state.number_of_replies()}."]
        for index, word in enumerate(words):
            if audio:
                delta = _b64(PCM_CHUNK)
                await self._send(ws, "response.output_audio.delta", **part, delta=delta)
                await self._send(ws, "response.output_audio_transcript.delta", **part, delta=word)
                if index == 0:
                    await self._strike(ws, Phase.MID_AUDIO)
            else:
                await self._send(ws, "response.output_text.delta", **part, delta=word)
                if index == 0:
                    await self._strike(ws, Phase.MID_TEXT)
        text = "".join(words)
        if audio:
            await self._send(ws, "response.output_audio.done", **part)
            await self._send(ws, "response.output_audio_transcript.done", **part, transcript=text)
            content = {"type": "output_audio", "transcript": text}
            done_part = {"type": "audio", "transcript": text}
        else:
            await self._send(ws, "response.output_text.done", **part, text=text)
            content = {"type": "output_text", "text": text}
            done_part = {"type": "text", "text": text}
        await self._send(ws, "response.content_part.done", **part, part=done_part)
        finished = {**item, "status": "completed", "content": [content]}
        await self._send(ws, "response.output_item.done", **_at(where, "item_id"), item=finished)
        await self._send(ws, "conversation.item.done", previous_item_id=previous, item=finished)
        return [finished]

    async def _function_call(
        self, ws: ServerConnection, state: _Peer, response_id: str
    ) -> list[dict[str, Any]]:
        item_id, call_id = self._id("item"), self._id("call")
        where = {"response_id": response_id, "item_id": item_id, "output_index": 0}
        item = {
            "id": item_id,
            "type": "function_call",
            "object": "realtime.item",
            "name": "get_weather",
            "call_id": call_id,
        }
        added = {**item, "status": "in_progress", "arguments": ""}
        await self._send(ws, "response.output_item.added", **_at(where, "item_id"), item=added)
        previous, state.last = state.last, item_id
        await self._send(ws, "conversation.item.added", previous_item_id=previous, item=added)
        arguments = ['{"city":', ' "Oslo"}']
        for index, part in enumerate(arguments):
            await self._send(
                ws, "response.function_call_arguments.delta", **where, call_id=call_id, delta=part
            )
            if index == 0:
                await self._strike(ws, Phase.FUNCTION_CALL)
        text = "".join(arguments)
        await self._send(
            ws,
            "response.function_call_arguments.done",
            **where,
            call_id=call_id,
            name="get_weather",
            arguments=text,
        )
        finished = {**item, "status": "completed", "arguments": text}
        await self._send(ws, "response.output_item.done", **_at(where, "item_id"), item=finished)
        await self._send(ws, "conversation.item.done", previous_item_id=previous, item=finished)
        return [finished]

    async def _session_created(self, ws: ServerConnection) -> None:
        await self._send(ws, "session.created", session=_session(self._id("sess")))

    async def _send(self, ws: ServerConnection, kind: str, **fields: Any) -> None:
        event = {"type": kind, "event_id": self._id("event"), **fields}
        validate_server_event(event, "ga")
        await ws.send(json.dumps(event))

    def _id(self, prefix: str) -> str:
        return f"{prefix}_fault{next(self._ids):06d}"


@dataclass
class _Peer:
    last: str | None = None
    audio_bytes: int = 0
    called: bool = False
    replies: int = 0

    def number_of_replies(self) -> int:
        self.replies += 1
        return self.replies


def _at(where: dict[str, Any], *drop: str) -> dict[str, Any]:
    return {k: v for k, v in where.items() if k not in drop}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _server_item(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "object": "realtime.item"}


def _session(session_id: str) -> dict[str, Any]:
    return {
        "type": "realtime",
        "object": "realtime.session",
        "id": session_id,
        "model": "gpt-realtime",
        "output_modalities": ["text"],
        "expires_at": 4_000_000_000,
    }


def _response(
    response_id: str, status: str, output: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    response: dict[str, Any] = {
        "object": "realtime.response",
        "id": response_id,
        "status": status,
        "output": output or [],
        "output_modalities": ["text"],
    }
    if status == "completed":
        response["usage"] = {"total_tokens": 30, "input_tokens": 20, "output_tokens": 10}
    return response


@contextlib.asynccontextmanager
async def fault_server(*faults: Fault, reply: str = "text") -> AsyncIterator[FaultServer]:
    async with FaultServer(Script(list(faults), reply)) as server:
        yield server


async def until(condition: Any, timeout: float = 20.0) -> None:
    """Wait for `condition()`; the timeout only catches a hang (it never decides a result)."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.005)
