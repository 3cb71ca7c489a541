"""Stopping the simulator with a client that never answers the closing handshake.

The client is a raw TCP socket that completes the WebSocket upgrade and then reads nothing, as
a hung or stalled client would: the server's close frame is never answered, so without a grace
period websockets waits its 10-second close timeout. The bounds below are generous (the grace
is 1 s); they only tell "cut off after the grace" from "waited for the close timeout".
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
import signal
import sys

from assistant.simulator import Simulator
from assistant.simulator.server import CLOSE_GRACE

GENEROUS = 8.0  # seconds: well over CLOSE_GRACE, under websockets' 10-second close timeout


async def silent_client(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Upgrade to a WebSocket on 127.0.0.1:`port`, then never read or write again."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write(
        f"GET /v1/realtime HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        .encode()
    )  # fmt: skip
    response = await reader.readuntil(b"\r\n\r\n")
    assert response.startswith(b"HTTP/1.1 101"), response
    return reader, writer


async def test_close_cuts_off_a_client_that_does_not_answer() -> None:
    sim = Simulator(host="127.0.0.1", port=0)
    await sim.start()
    reader, writer = await silent_client(sim.port)
    await asyncio.wait_for(sim.close(), GENEROUS)
    await asyncio.wait_for(reader.read(), GENEROUS)  # whatever was sent, then the end: cut off
    assert reader.at_eof()
    writer.close()
    assert CLOSE_GRACE < GENEROUS


async def test_ctrl_c_stops_the_simulator_command_with_a_client_connected() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "assistant", "simulator", "--port", "0",
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    try:
        banner = await asyncio.wait_for(process.stderr.readline(), 30)
        found = re.fullmatch(
            rb"Simulator on ws://127\.0\.0\.1:(\d+)/v1/realtime \(Ctrl-C stops it\)\n", banner
        )
        assert found, banner
        port = int(found[1])
        assert port != 0  # the port picked, said once the simulator listens on it
        _, writer = await silent_client(port)
        process.send_signal(signal.SIGINT)
        code = await asyncio.wait_for(process.wait(), GENEROUS)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert code == 0
    assert b"Traceback" not in await process.stderr.read()
    writer.close()
