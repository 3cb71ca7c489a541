"""A raw WebSocket test client that checks every event it receives against the SDK oracle.

Every server event received is validated with `tests.oracle.validate_server_event` for the
client's dialect (except the deliberately unknown ``future.event_kind`` of the fault test,
which must be allowed explicitly); every client event sent is validated with
`validate_client_event` unless ``check=False`` (for deliberately invalid events).
"""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from tests.oracle import validate_client_event, validate_server_event

Event = dict[str, Any]
TIMEOUT = 10.0


class RawClient:
    """A connected client; use `open_client` to build one."""

    def __init__(self, ws: ClientConnection, dialect: str) -> None:
        self.ws = ws
        self.dialect = dialect
        self.received: list[Event] = []
        self.allowed_unknown: set[str] = set()

    async def send(self, event: Event, *, check: bool = True) -> None:
        """Send one client event (validated against the oracle unless ``check=False``)."""
        if check:
            validate_client_event(event, self.dialect)  # type: ignore[arg-type]
        await self.ws.send(json.dumps(event))

    async def send_raw(self, text: str) -> None:
        """Send a text frame as is."""
        await self.ws.send(text)

    async def append_audio(self, pcm: bytes, chunk_ms: int = 100) -> None:
        """Stream PCM16 24 kHz as ``input_audio_buffer.append`` events of `chunk_ms`."""
        size = chunk_ms * 48
        for start in range(0, len(pcm), size):
            audio = base64.b64encode(pcm[start : start + size]).decode("ascii")
            await self.send({"type": "input_audio_buffer.append", "audio": audio})

    async def recv(self, timeout: float = TIMEOUT) -> Event:
        """The next server event, validated."""
        async with asyncio.timeout(timeout):
            text = await self.ws.recv()
        event: Event = json.loads(text)
        if event.get("type") not in self.allowed_unknown:
            validate_server_event(event, self.dialect)  # type: ignore[arg-type]
        self.received.append(event)
        return event

    async def until(self, kind: str, timeout: float = TIMEOUT) -> list[Event]:
        """Events received up to and including the first of type `kind`."""
        events = []
        async with asyncio.timeout(timeout):
            while True:
                event = await self.recv(timeout)
                events.append(event)
                if event["type"] == kind:
                    return events

    async def expect(self, kind: str) -> Event:
        """The next event, which must be of type `kind`."""
        event = await self.recv()
        assert event["type"] == kind, event
        return event

    async def say(self, text: str, *, create: bool = True) -> None:
        """Add a user text item and (by default) ask for a response."""
        content = [{"type": "input_text", "text": text}]
        await self.send(
            {
                "type": "conversation.item.create",
                "item": {"type": "message", "role": "user", "content": content},
            }
        )
        if create:
            await self.send({"type": "response.create"})

    async def closed(self, timeout: float = TIMEOUT) -> tuple[int | None, str | None]:
        """Wait for the close; returns (code, reason) as the client saw them."""
        async with asyncio.timeout(timeout):
            await self.ws.wait_closed()
        return self.ws.close_code, self.ws.close_reason


async def open_client(url: str, dialect: str = "ga", **kwargs: Any) -> RawClient:
    """Connect to `url`; the first event (``session.created``) is left unread."""
    ws = await connect(url, max_size=None, **kwargs)
    return RawClient(ws, dialect)
