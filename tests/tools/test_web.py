"""HTTP tools against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.settings.secrets import MemorySecretStore, tool_account
from tests.tools.files import load
from tests.tools.http_server import LocalServer, local_server

TOKEN = "tok-very-secret-123"


def tool_file(server: LocalServer, url: str, method: str = "GET", extra: str = "") -> str:
    return f"""
[[tool]]
name = "lookup"
method = "{method}"
url = "{server.url}{url}"
permission = "allow"
headers = {{ Authorization = "Bearer {{secret:svc}}", Accept = "application/json" }}
{extra}
[tool.parameters]
type = "object"
properties.city = {{ type = "string" }}
properties.days = {{ type = "integer" }}
"""


async def call(tmp_path: Path, text: str, arguments: dict[str, Any]) -> Any:
    secrets = MemorySecretStore()
    secrets.set(tool_account("svc"), TOKEN)
    registry, loaded = load(tmp_path, text, secrets)
    assert loaded.errors == []
    return json.loads((await registry.call("lookup", json.dumps(arguments), None)).output)


async def test_parameters_are_url_encoded_and_secrets_go_only_in_headers(tmp_path: Path) -> None:
    with local_server() as server:
        result = await call(
            tmp_path, tool_file(server, "/weather/{city}?units=metric"),
            {"city": "São Paulo/../admin?x=1#f", "days": 3},
        )  # fmt: skip
    [request] = server.received
    assert request.path == "/weather/S%C3%A3o%20Paulo%2F..%2Fadmin%3Fx%3D1%23f?units=metric&days=3"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert result == {"status": 200, "content_type": "application/json",
                      "body": json.dumps({"path": request.path}), "truncated": False}  # fmt: skip
    assert TOKEN not in json.dumps(result)


async def test_post_sends_the_other_arguments_as_json(tmp_path: Path) -> None:
    with local_server() as server:
        await call(
            tmp_path, tool_file(server, "/forecast/{city}", "POST"), {"city": "Oslo", "days": 2}
        )
    [request] = server.received
    assert (request.method, request.path) == ("POST", "/forecast/Oslo")
    assert json.loads(request.body) == {"days": 2}
    assert request.headers["Content-Type"] == "application/json"


async def test_big_bodies_are_cut_errors_pass_through_redirects_are_not_followed(
    tmp_path: Path,
) -> None:
    with local_server() as server:
        big = await call(tmp_path, tool_file(server, "/big"), {})
        missing = await call(tmp_path, tool_file(server, "/missing"), {})
        moved = await call(tmp_path, tool_file(server, "/moved"), {})
    assert (len(big["body"]), big["truncated"]) == (16_000, True)
    assert set(big["body"]) == {"é"}
    assert (missing["status"], missing["body"]) == (404, "no such thing")
    assert moved["status"] == 302  # the secret header never went to the other host
    assert [r.path for r in server.received] == ["/big", "/missing", "/moved"]


async def test_a_missing_secret_and_an_unreachable_server_are_explained(tmp_path: Path) -> None:
    with local_server() as server:
        text = tool_file(server, "/x")
    registry, _ = load(tmp_path, text, MemorySecretStore())
    no_secret = json.loads((await registry.call("lookup", "{}", None)).output)
    assert no_secret["error"]["message"] == (
        "The secret 'svc' is not in the keyring "
        "(store it with 'realtime-assistant keys set --tool svc')."
    )
    gone = await call(tmp_path, text, {})  # the server has stopped
    assert gone["error"]["message"].startswith("The server could not be reached")


HOSTILE_TOKEN = 'tok/"quoted"+&<é>-456'


async def test_a_server_that_reflects_the_headers_never_hands_the_secret_on(
    tmp_path: Path,
) -> None:
    secrets = MemorySecretStore()
    secrets.set(tool_account("svc"), HOSTILE_TOKEN)
    with local_server() as server:
        registry, _ = load(tmp_path, tool_file(server, "/echo"), secrets)
        echoed = (await registry.call("lookup", "{}", None)).output
        registry, _ = load(tmp_path, tool_file(server, "/echo-cut"), secrets)
        cut = (await registry.call("lookup", "{}", None)).output
    assert server.received[0].headers["Authorization"] == f"Bearer {HOSTILE_TOKEN}"
    body = json.loads(json.loads(echoed)["body"])
    assert body["text"] == "Bearer [redacted]"
    assert body["json"]["Authorization"] == "Bearer [redacted]"
    assert json.loads(cut)["body"].endswith("Bearer [redacted]")
    for form in (HOSTILE_TOKEN, json.dumps(HOSTILE_TOKEN)[1:-1], HOSTILE_TOKEN[:6]):
        assert form not in echoed and form not in cut


async def test_a_provider_key_is_never_a_tool_secret(tmp_path: Path) -> None:
    secrets = MemorySecretStore()
    secrets.set("openai", "sk-test-provider-key-NOT-REAL")  # what `keys set openai` stores
    with local_server() as server:
        text = tool_file(server, "/echo").replace("{{secret:svc}}", "{{secret:openai}}")
        text = text.replace("{secret:svc}", "{secret:openai}")
        registry, _ = load(tmp_path, text, secrets)
        result = json.loads((await registry.call("lookup", "{}", None)).output)
    assert result["error"]["message"].startswith("The secret 'openai' is not in the keyring")
    assert server.received == []


async def test_dot_segments_in_the_path_are_refused(tmp_path: Path) -> None:
    with local_server() as server:
        for city in ("..", ".", "%2e%2e"):
            result = await call(tmp_path, tool_file(server, "/files/{city}/x"), {"city": city})
            if city.startswith("%"):  # encoded once more: a plain segment, not a dot segment
                assert result["status"] == 200
            else:
                assert result["error"] == {
                    "type": "invalid_arguments",
                    "message": "A parameter in the URL's path cannot be '.' or '..'.",
                }
    assert [r.path for r in server.received] == ["/files/%252e%252e/x"]
