"""No sentence a user can see is missing from the Japanese catalogue.

Three nets: (1) the modules below the UI that write sentences for the user have no sentence
that is not marked for translation (the marked ones are collected by lupdate, and
test_translations.py fails while any is new or unfinished); (2) every sentence those modules
can produce (the transport's failures and reasons, the probe's answers, the settings checks,
the keyring's and the settings file's notices, the connection plan's labels, why echo
cancellation or the history is unavailable) is looked up in
the catalogue and found, arguments and all; (3) the problem banner's texts are there too.
"""

from __future__ import annotations

import ast
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import keyring.errors
import pytest

from assistant.app.connection import INSTEAD, NO_KEY, PROVIDER_LABEL
from assistant.audio import canceller, voice_activity
from assistant.realtime import ErrorSeverity, ServerError, SessionCreated
from assistant.settings import secrets as secrets_module
from assistant.settings import store as store_module
from assistant.settings.checks import ConnectionFields, check_connection
from assistant.settings.secrets import MemorySecretStore
from assistant.store import recorder
from assistant.text import Sentence, reason_of
from assistant.tools import ToolRegistry, filewrite, userfile
from assistant.tools.mcp import McpServer, mcp_tools
from assistant.tools.templates import MissingSecret, read_secret
from assistant.tools.userfile import entry_problem, load_user_tools
from assistant.transport import azure, custom, entra, failures, openai, probe
from assistant.transport import connection as connection_module
from assistant.transport import endpoints as endpoints_module
from assistant.ui.problems import ACTION_TEXT

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "realtime_assistant_ja.ts"
TOOLS_FILE_WRITERS = ("userfile", "filewrite", "mcp", "templates")  # (the rest is for the model)
WRITERS = [  # modules below the UI whose sentences reach the window
    *sorted((ROOT / "assistant" / "transport").glob("*.py")),
    *sorted((ROOT / "assistant" / "settings").glob("*.py")),
    ROOT / "assistant" / "audio" / "canceller.py",
    ROOT / "assistant" / "audio" / "voice_activity.py",
    ROOT / "assistant" / "store" / "recorder.py",
    *(ROOT / "assistant" / "tools" / f"{name}.py" for name in TOOLS_FILE_WRITERS),
    ROOT / "assistant" / "app" / "connection.py",
    ROOT / "assistant" / "ui" / "problems.py",
    ROOT / "assistant" / "text.py",
]
NOT_FOR_PEOPLE = {  # strings that look like words but no user reads
    "client closing",  # close reasons sent to the server
    "rolling over to a new session",
    "provider must be one of ",  # programming errors (settings that do not construct)
    "turn_mode must be one of ",
    "out of range: ",
    " earlier items left out of the context",  # a history marker's stored detail (the window
    "server session ",  # shows the marker's kind, translated)
}
MARKERS = {"QT_TRANSLATE_NOOP", "translate", "tr", "debug", "info", "warning", "exception"}


def catalogue() -> dict[tuple[str, str], str]:
    found = {}
    for context in ET.parse(TS).iter("context"):  # noqa: S314  (our own file)
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and not translation.get("type") and translation.text:
                found[name, message.findtext("source") or ""] = translation.text
    return found


def unmarked_sentences(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))  # a docstring, also an attribute's
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in MARKERS:
                skipped.update(id(inner) for inner in ast.walk(node))
    for node in ast.walk(tree):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and id(node) not in skipped and _looks_like_words(text):
            yield f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}"


def _looks_like_words(text: str) -> bool:
    if text in NOT_FOR_PEOPLE or text.startswith(("QFrame#", "# ", "\\s")):
        return False  # the banner's style sheet, the tools file's example, a pattern
    return bool(re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", text))


def test_the_writers_below_the_ui_mark_every_sentence() -> None:
    assert [line for path in WRITERS for line in unmarked_sentences(path)] == []


class Catalogue:
    """A lookup over the Japanese catalogue that remembers what it could not find."""

    def __init__(self) -> None:
        self.entries, self.missing = catalogue(), set[tuple[str, str]]()

    def __call__(self, context: str, template: str) -> str:
        if (context, template) not in self.entries:
            self.missing.add((context, template))
            return template
        return self.entries[context, template]


def every_sentence() -> Iterator[str]:
    ends = [openai(credential=lambda: "k"), azure("res", "rt"), custom("wss://h.example/v1")]
    ends.append(azure("https://res.openai.azure.com/openai/realtime?api-version=2024-10-01", "rt"))
    for end in ends:
        for status in (401, 403, 404, 400, 503):
            yield failures.http_failure(end, status).message
        yield failures.network_failure(end, connection_module._say(connection_module.LOST)).message
        for code in ("invalid_api_key", "beta_api_shape_disabled", "insufficient_quota"):
            yield failures.server_error_failure(end, code, "Server's own words.").message
        for attempts in (1, 3):
            for reconnect in (True, False):
                yield failures.gave_up(end, attempts, "x", reconnect=reconnect).message
        yield failures.oversized_failure(end, 16 * 1024 * 1024).message
        for code, reason in ((1008, "no"), (4001, ""), (4002, "why"), (4000, "beta shape")):
            yield failures.close_failure(end, code, reason).message
        yield end.describe()
        yield from probe_answers(end)
    yield from transport_reasons()
    yield from (entra.NOT_INSTALLED, entra.NOT_SIGNED_IN)
    yield from settings_sentences()
    yield from audio_and_history_sentences()
    yield from tools_file_sentences()


BAD_TOOLS = [
    {"name": "t", "description": "d"},
    {"name": "bad name", "url": "https://h/"},
    {"name": "t", "url": "ftp://h/"},
    {"name": "t", "url": "https://{h}/"},
    {"name": "t", "url": "https://h/", "method": "FETCH"},
    {"name": "t", "url": "https://h/", "headers": {"a": 1}},
    {"name": "t", "url": "https://h/{x}", "parameters": {"type": "object", "properties": [1]}},
    {"name": "t", "url": "https://h/{x}"},
    {"name": "t", "url": "https://h/", "parameters": [1]},
    {"name": "t", "url": "https://h/", "zzz": 1},
    {"name": 1, "url": "https://h/"},
    {"url": "https://h/"},
    {"name": "t", "description": "{secret:X}", "url": "https://h/"},
    {"name": "t", "url": "https://h/", "permission": "maybe"},
    {"name": "t", "url": "https://h/", "timeout": 0},
    {"name": "t", "command": []},
    {"name": "t", "command": ["{x}"], "parameters": {"type": "object", "properties": {"x": {}}}},
    {"name": "t", "command": ["ls", "-x{y}"]},
    {"name": "t", "url": "https://h/", "parameters": {"type": "string"}},
    {"name": "t", "url": "https://h/", "parameters": {"type": 5}},
    {"name": "t", "url": "https://h/", "parameters": {"a": None}},
    {"name": "taken", "url": "https://h/"},
]
BAD_SERVERS = [
    {"server_label": "bad label", "server_url": "https://h/"},
    {"server_label": "s", "server_url": "ftp://h/"},
    {"server_label": "s", "server_url": "https://h/", "require_approval": "maybe"},
    {"server_label": "s", "server_url": "https://h/", "allowed_tools": "all"},
]


def tools_file_sentences() -> Iterator[str]:
    said = [entry_problem("tool", data, {"taken"}) for data in BAD_TOOLS]
    said += [entry_problem("mcp", data, ()) for data in BAD_SERVERS]
    assert None not in said
    yield from (problem[1] for problem in said if problem is not None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tools.toml"
        path.write_text('x = 1\n[[tool]]\nname = "t\n')
        loaded = load_user_tools(path, ToolRegistry())
        assert len(loaded.errors) == 2
        yield from (error.reason for error in loaded.errors)
        yield from (e.reason for e in load_user_tools(Path(folder), ToolRegistry()).errors)
    yield userfile._say(userfile.NOT_LOADED, error="KeyError")
    with pytest.raises(MissingSecret) as missing:
        read_secret(MemorySecretStore(), "token")
    yield reason_of(missing.value)
    yield from mcp_tools([McpServer("s", "https://h/", authorization="token")], None)[1]
    yield Sentence("Tools", filewrite.CHANGED)


def audio_and_history_sentences() -> Iterator[str]:
    for template in (canceller.NOT_LOADED, canceller.NOT_STARTED):
        yield canceller._say(template, error="e")
    yield Sentence("Audio", voice_activity.NOT_LOADED, error="e")
    yield Sentence("History", recorder.NOT_SAVED_YET, error="e")


def probe_answers(end: endpoints_module.Endpoint) -> Iterator[str]:
    watcher = probe._Watcher()
    yield probe._report(end, watcher).message  # no session
    watcher.created = SessionCreated(session_id="s", model="", expires_at=None)
    yield probe._report(end, watcher).message  # OK (and the preview note)
    for text in ("bad session.type", "anything"):
        watcher.error = ServerError(ErrorSeverity.FATAL, "invalid_value", text)
        yield probe._report(end, watcher).message


def transport_reasons() -> Iterator[str]:
    say = connection_module._say
    reason = say(connection_module.HTTP_ANSWER, status=503)
    yield say(connection_module.ATTEMPT, reason=reason, attempt=2, delay="1 s")
    yield say(connection_module.ATTEMPT_OF, reason=reason, attempt=2, limit=5, delay="1 s")
    for template in (connection_module.NOT_WEBSOCKET, connection_module.ROLLOVER):
        yield say(template)
    yield say(connection_module.CLOSED, reason=say(connection_module.LOST))
    yield say(connection_module.NO_SESSION, seconds="10 s")


def settings_sentences() -> Iterator[str]:
    for provider in ("openai", "azure", "custom"):
        for fields in (
            ConnectionFields(provider),
            ConnectionFields(provider, "h t", "d d", "m m", "v v"),
        ):
            yield from (problem.sentence for problem in check_connection(fields))
    for error in (keyring.errors.NoKeyringError(), keyring.errors.KeyringLocked(), OSError()):
        yield secrets_module._unavailable(error).message  # type: ignore[arg-type]
    for why in ("NOT_UTF8", "FOLDER", "NESTED", "NOT_JSON", "NOT_OBJECT"):
        reason = store_module._why(getattr(store_module, why))
        yield Sentence("Settings", store_module.KEPT_AS, why=reason, backup="b")
        yield Sentence("Settings", store_module.NOT_BACKED_UP, why=reason, path="p")
    yield store_module._why(store_module.UNREADABLE, error="e")
    yield Sentence("Settings", store_module.KEPT_UNUSABLE, path="p")
    yield from PROVIDER_LABEL.values()
    yield Sentence("Connection", NO_KEY)
    yield Sentence("Connection", INSTEAD, why=Sentence("Connection", NO_KEY))


def test_every_sentence_below_the_ui_is_in_the_japanese_catalogue() -> None:
    lookup = Catalogue()
    said = list(every_sentence())
    assert len(said) > 100 and all(isinstance(sentence, Sentence) for sentence in said)
    japanese = [sentence.translated(lookup) for sentence in said]  # type: ignore[attr-defined]
    assert sorted(lookup.missing) == []
    assert all(
        text != str(sentence)
        for text, sentence in zip(japanese, said, strict=True)
        if re.search(r"[a-z]{3,} [a-z]{3,}", sentence.template)
    )  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", [*ACTION_TEXT.values(), "Problem"])
def test_the_banner_texts_are_in_the_japanese_catalogue(text: str) -> None:
    assert ("Problems", text) in catalogue()
