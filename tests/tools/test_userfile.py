"""The user tools file: good entries load, each broken one is reported with its line."""

from __future__ import annotations

from pathlib import Path

from assistant.settings.secrets import MemorySecretStore, tool_account
from assistant.tools import (
    Desktop,
    McpServer,
    Permission,
    ToolRegistry,
    builtin_tools,
    load_user_tools,
    mcp_tools,
)
from assistant.tools.userfile import entry_problem
from tests.tools.files import load

GOOD = """
# My tools
[[tool]]
name = "weather"
description = "Weather for a city"
url = "https://wttr.in/{city}?format=3"
headers = { Accept = "text/plain", Authorization = "Bearer {secret:wttr}" }
[tool.parameters]
type = "object"
required = ["city"]
properties.city = { type = "string" }

[[tool]]
name = "disk_usage"
command = ["du", "-sh", "{path}"]
permission = "allow"
timeout = 30
parameters = { type = "object", properties = { path = { type = "string" } } }

[[mcp]]
server_label = "deepwiki"
server_url = "https://mcp.deepwiki.com/mcp"
allowed_tools = ["ask_question"]
require_approval = "never"

[[mcp]]
server_label = "internal"
server_url = "https://mcp.example.com"
authorization = "internal-token"
"""


def test_a_good_file_loads_everything(tmp_path: Path) -> None:
    registry, loaded = load(tmp_path, GOOD)
    assert loaded.errors == []
    assert loaded.tools == ["weather", "disk_usage"]
    weather, disk = registry.tools
    assert (weather.source, weather.permission, weather.timeout) == ("http", Permission.ASK, 10.0)
    assert (disk.source, disk.permission, disk.timeout) == ("command", Permission.ALLOW, 30.0)
    assert weather.schema()["parameters"]["required"] == ["city"]
    assert [server.server_label for server in loaded.servers] == ["deepwiki", "internal"]


def test_mcp_servers_become_ga_tools_with_the_secret_from_the_keyring(tmp_path: Path) -> None:
    _, loaded = load(tmp_path, GOOD)
    secrets = MemorySecretStore()
    tools, problems = mcp_tools(loaded.servers, secrets)
    assert tools == [{"type": "mcp", "server_label": "deepwiki",
                      "server_url": "https://mcp.deepwiki.com/mcp", "require_approval": "never",
                      "allowed_tools": ["ask_question"]}]  # fmt: skip
    assert problems == [
        "MCP server internal is left out: the secret 'internal-token' is not in the keyring "
        "(store it with 'realtime-assistant keys set --tool internal-token')."
    ]
    secrets.set(tool_account("internal-token"), "tok-123")
    tools, problems = mcp_tools(loaded.servers, secrets)
    assert problems == [] and tools[1]["authorization"] == "tok-123"
    assert "tok-123" not in repr(loaded.servers)  # only the secret's name is kept
    assert McpServer("x", "https://x").tool(None)["require_approval"] == "always"


ALLOWED = "command, description, headers, method, name, parameters, permission, timeout, url"
BROKEN = """
[[tool]]
name = "fine_one"
command = ["true"]

[[tool]]
name = "syntax"
url = "https://example.com
description = "x"

[[tool]]
name = "typo"
comand = ["ls"]

[[tool]]
name = "shell_join"
description = "tries to build an argument"
command = ["grep", "--file={path}"]
parameters = { type = "object", properties = { path = { type = "string" } } }

[[tool]]
name = "fine_one"
command = ["false"]

[[tool]]
name = "bad_schema"
command = ["true"]
parameters = { type = "object", properties = 5 }

[[tool]]
name = "host_param"
url = "https://{host}/x"
parameters = { type = "object", properties = { host = { type = "string" } } }

[[tool]]
name = "missing_param"
url = "https://example.com/{city}"

[[tool]]
name = "slow"
command = ["true"]
timeout = 9999

[[tool]]
name = "who_knows"
command = ["true"]
permission = "sometimes"

[[mcp]]
server_label = "m"
server_url = "ftp://x"

[[mcp]]
server_label = "ok_server"
server_url = "https://mcp.example.com"
require_approval = "maybe"

[[tool]]
name = "last_one_loads"
url = "http://127.0.0.1:9/{q}"
parameters = { type = "object", properties = { q = { type = "string" } } }
"""


def test_each_broken_entry_is_reported_with_its_line_and_the_rest_loads(tmp_path: Path) -> None:
    registry, loaded = load(tmp_path, BROKEN)
    assert loaded.tools == ["fine_one", "last_one_loads"]
    assert [tool.name for tool in registry.tools] == ["fine_one", "last_one_loads"]
    path = tmp_path / "tools.toml"
    assert all(error.file == path for error in loaded.errors)
    found = [(error.line, error.reason) for error in loaded.errors]
    assert found == [
        (7, "TOML syntax: Illegal character '\\n'"),
        (12, f"unknown key 'comand' (allowed: {ALLOWED})"),
        (17, "the placeholder in '--file={path}' must be a whole element of command"),
        (21, "there is already a tool named fine_one"),
        (27, "the parameters schema is invalid: 5 is not of type 'object'"),
        (31, "the host in url cannot be a parameter"),
        (36, "{city} in url is not one of the parameters"),
        (41, "timeout must be a number of seconds up to 120"),
        (46, 'permission must be "allow", "ask" or "deny"'),
        (50, "server_url must start with https:// (or http://)"),
        (55, 'require_approval must be "always" or "never"'),
    ]
    assert str(loaded.errors[0]) == f"{path}:7: TOML syntax: Illegal character '\\n'"


def test_keys_outside_a_table_and_unreadable_or_missing_files(tmp_path: Path) -> None:
    _, loaded = load(tmp_path, 'name = "x"\n\n[[tool]]\nname = "t"\ncommand = ["true"]\n')
    assert [(e.line, e.reason) for e in loaded.errors] == [
        (1, "'name' is outside a [[tool]] or [[mcp]] table")
    ]
    assert loaded.tools == ["t"]
    missing = load_user_tools(tmp_path / "none.toml", ToolRegistry())
    assert (missing.tools, missing.errors) == ([], [])
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    [unreadable] = load_user_tools(binary, ToolRegistry()).errors
    assert unreadable.line == 1 and unreadable.reason.startswith("the file cannot be read")


def test_a_user_tool_cannot_take_a_built_in_name(tmp_path: Path) -> None:
    path = tmp_path / "tools.toml"
    path.write_text('[[tool]]\nname = "calculate"\ncommand = ["bc"]\n')
    registry = ToolRegistry.of(builtin_tools(Desktop()))
    loaded = load_user_tools(path, registry)
    assert [(e.line, e.reason) for e in loaded.errors] == [
        (2, "there is already a tool named calculate")
    ]


HOSTILE = """
[[tool]]
name = "props_number_url"
url = "https://example.com/{city}"
parameters = { type = "object", properties = 5 }

[[tool]]
name = "props_number_command"
command = ["echo", "{text}"]
parameters = { type = "object", properties = 5 }

[[tool]]
name = "props_text"
command = ["echo", "{city}"]
parameters = { type = "object", properties = "city" }

[[tool]]
name = "still_loads"
command = ["true"]
"""


def test_properties_that_are_not_a_table_cost_only_their_entry(tmp_path: Path) -> None:
    _, loaded = load(tmp_path, HOSTILE)
    assert loaded.tools == ["still_loads"]
    reason = "the properties of parameters must be a table"
    assert [(e.line, e.reason) for e in loaded.errors] == [(4, reason), (9, reason), (14, reason)]
    entry = {"name": "x", "command": ["echo", "{a}"], "parameters": {"properties": 5}}
    assert entry_problem("tool", entry, []) == ("parameters", reason)
